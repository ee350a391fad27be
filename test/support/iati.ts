// An independent reader of the IATI activity file: lxml (installed by `npm run setup`) validates it
// against the official 2.03 XSDs and reads its transactions back. The XSDs are unmodified copies
// kept in test/fixtures/iati-2.03 (CC BY-SA 4.0, see its README.md), so a clone tests on its own.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TOOLS_DIR } from '../../platform/temporal-server.js';

const ROOT = resolve(import.meta.dirname, '../..');
export const IATI_SCHEMAS = resolve(ROOT, 'test/fixtures/iati-2.03');

export interface IatiRead {
  valid: boolean;
  errors: string[];
  version: string;
  activities: {
    id: string;
    titles: Record<string, string>;
    transactions: {
      type: string;
      currency: string;
      value: string;
      valueDate: string;
      country: string | null;
      provider: string | null;
      providerRef: string | null;
      receiver: string | null;
    }[];
  }[];
}

export function readIati(xml: string): IatiRead {
  if (!existsSync(join(IATI_SCHEMAS, 'iati-activities-schema.xsd')))
    throw new Error(
      `the IATI 2.03 schemas are missing: expected ${IATI_SCHEMAS}/iati-activities-schema.xsd (see its README.md)`,
    );
  const r = spawnSync(join(TOOLS_DIR, 'python'), [join(import.meta.dirname, 'iati-validate.py'), IATI_SCHEMAS], {
    input: xml,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`lxml could not read the file (run npm run setup for lxml): ${r.stderr}`);
  return JSON.parse(r.stdout) as IatiRead;
}
