// The OpenAPI document as other tools read it: openapi-spec-validator (Python, from PyPI via
// `npm run setup`) against the OpenAPI 3.1 schema, and Redocly's recommended rules, with 0 errors
// and 0 warnings. The document is generated in-process, as `npm run web:client` does.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../api/openapi-document.js';

const ROOT = resolve(import.meta.dirname, '../..');
const VALIDATOR = join(ROOT, '.tools/venv/bin/openapi-spec-validator');
const REDOCLY = join(ROOT, 'node_modules/.bin/redocly');

type Doc = ReturnType<typeof openApiDocument>;
let doc: Doc;
let dir: string;
let file: string;

function run(cmd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  doc = openApiDocument();
  dir = await mkdtemp(join(tmpdir(), 'gnlc-openapi-'));
  file = join(dir, 'openapi.json');
  await writeFile(file, JSON.stringify(doc));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const operations = () =>
  Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, { operationId?: string; responses: Record<string, { content?: object }> }>)
      .filter(([method]) => ['get', 'put', 'post', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({ at: `${method} ${path}`, ...op })),
  );

describe('the OpenAPI document', () => {
  it('passes openapi-spec-validator', async () => {
    const r = await run(VALIDATOR, [file]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/: OK\s*$/);
  });

  it('passes redocly lint (recommended rules) with no error and no warning', async () => {
    const r = await run(REDOCLY, ['lint', '--format=json', file]);
    const problems = (JSON.parse(r.stdout) as { problems: { ruleId: string; severity: string; message: string }[] })
      .problems;
    expect(
      problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message}`),
      r.stderr,
    ).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('names every operation once and describes every error answer as a problem document', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(50);
    const ids = ops.map((o) => o.operationId);
    expect(ids.filter((id) => !id)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('getClustersByCodeMembers');
    const bare = ops.flatMap((o) =>
      Object.entries(o.responses)
        .filter(([status, r]) => Number(status) >= 400 && !r.content)
        .map(([status]) => `${o.at} ${status}`),
    );
    expect(bare).toEqual([]);
    expect(doc.servers?.length).toBeGreaterThan(0);
    expect(doc.info.license?.name).toBeTruthy();
  });
});
