import { createServer, type AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_KEYS, ConfigError, loadConfig } from '../../platform/config.js';

const ROOT = resolve(import.meta.dirname, '../..');
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe('loadConfig', () => {
  it('gives every setting a working default, so an empty environment starts', () => {
    expect(loadConfig({})).toEqual({
      DATABASE_URL: undefined,
      TEMPORAL_ADDRESS: undefined,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'gnlc',
      TEMPORAL_CLI: undefined,
      TEMPORAL_PORT: 7233,
      TEMPORAL_UI_PORT: 8233,
      PORT: 3000,
      WORKER_PORT: 3001,
      WORKER_MAX_CACHED_WORKFLOWS: 250,
      HOST: '127.0.0.1',
      PUBLIC_URL: undefined,
      DATA_DIR: '.data',
      EMBEDDED_PG_PORT: 54329,
      SECRETARIAT_TOKEN: undefined,
      SECRETARIAT_EMAIL: 'secretariat@gnlc.local',
      SMTP_URL: undefined,
      SMTP_FROM: 'GNLC secretariat <learningcities@localhost>',
      BALLOT_KEY: undefined,
      BALLOT_KEYS_OLD: undefined,
      LOG_LEVEL: 'info',
      BODY_LIMIT: '1mb',
      TRUST_PROXY: false,
      AUTH_FAILURES_PER_MINUTE: 30,
      START_CLUSTER_CYCLES: true,
      IATI_REPORTING_ORG_REF: 'XM-DAC-41304',
      IATI_REPORTING_ORG_TYPE: '40',
      IATI_REPORTING_ORG_NAME: 'United Nations Educational, Scientific and Cultural Organization (UNESCO)',
    });
  });

  it('reads and converts given values, treats empty ones as unset and ignores unrelated variables', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://u:p@db:5432/gnlc',
      TEMPORAL_ADDRESS: 'temporal:7233',
      PORT: '8080',
      SMTP_URL: '',
      START_CLUSTER_CYCLES: 'false',
      HOME: '/root',
    });
    expect(config).toMatchObject({
      DATABASE_URL: 'postgresql://u:p@db:5432/gnlc',
      TEMPORAL_ADDRESS: 'temporal:7233',
      PORT: 8080,
      SMTP_URL: undefined,
      START_CLUSTER_CYCLES: false,
    });
    expect(config).not.toHaveProperty('HOME');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['SECRETARIAT_TOKEN', 'too-short'],
    ['TEMPORAL_ADDRESS', 'temporal'],
    ['SMTP_URL', 'http://mail.example.org'],
    ['LOG_LEVEL', 'loud'],
    ['BODY_LIMIT', 'lots'],
    ['START_CLUSTER_CYCLES', 'yes'],
    ['BALLOT_KEY', 'c2hvcnQ='],
    ['BALLOT_KEY', 'not base64 at all, but long enough to be 32 bytes!!'],
    ['BALLOT_KEYS_OLD', `${Buffer.alloc(32).toString('base64')},short`],
    ['IATI_REPORTING_ORG_REF', 'UNESCO with spaces'],
    ['IATI_REPORTING_ORG_TYPE', 'multilateral'],
    ['WORKER_MAX_CACHED_WORKFLOWS', '1'],
    ['WORKER_MAX_CACHED_WORKFLOWS', '100000'],
  ])('fails fast on %s=%s, naming the variable', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(new RegExp(`^\\s+${name}: `, 'm'));
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' })).toThrow(
      /PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/,
    );
  });
});

describe('the README configuration table', () => {
  it('documents exactly the variables of the schema', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const section = readme.split(/^## /m).find((s) => s.startsWith('Configuration')) ?? '';
    const documented = [...section.matchAll(/^\| `([A-Z0-9_]+)` +\|/gm)].map((m) => m[1]);
    expect([...documented].sort()).toEqual([...CONFIG_KEYS].sort());
  });
});

/** Runs main.ts with only `settings` of the engine's configuration, in an empty data folder of its own. */
async function runMain(
  settings: Record<string, string>,
): Promise<{ code: number | null; output: string; dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gnlc-main-'));
  await chmod(dataDir, 0o755);
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of CONFIG_KEYS) delete env[key];
  Object.assign(env, { DATA_DIR: dataDir, ...settings });
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c));
  child.stderr.on('data', (c: Buffer) => (output += c));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  clearTimeout(timer);
  return { code, output, dataDir };
}

describe('main.ts with a bad configuration', () => {
  it('exits with code 2 naming the variable, before starting anything', async () => {
    const { code, output, dataDir } = await runMain({ PORT: 'abc' });
    expect(code, output).toBe(2);
    expect(output).toMatch(/^\s+PORT: /m);
    // Nothing was started: no database, no Temporal server, no data written.
    expect(await readdir(dataDir)).toEqual([]);
    expect(output).not.toMatch(/embedded PostgreSQL|temporal server/i);
  });
});

describe('main.ts when its port is taken', () => {
  it('exits non-zero naming the port, before starting anything', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => taken.close(() => r(undefined))));
    const port = (taken.address() as AddressInfo).port;
    const { code, output, dataDir } = await runMain({ PORT: String(port), HOST: '127.0.0.1', WEB_BUILD: 'never' });
    expect(code, output).toBe(1);
    expect(output).toContain(`port ${port} on 127.0.0.1 is in use`);
    expect(output).not.toMatch(/is ready/);
    expect(await readdir(dataDir)).toEqual([]);
  });
});
