import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from '../../platform/config.js';
import { freePort } from '../support/global-setup.js';

// `npm start` as a new user runs it: no DATABASE_URL, no TEMPORAL_ADDRESS, nothing but free ports
// and a data folder. Everything (PostgreSQL, Temporal, worker, API) must come up and go down alone.

const ROOT = resolve(import.meta.dirname, '../..');
const READY_WITHIN_MS = 60_000;

interface Engine {
  child: ChildProcess;
  output: () => string;
  stdout: () => string;
  exit: Promise<number | null>;
}

const started: Engine[] = [];
let dataDir: string;
let ports: { PORT: number; TEMPORAL_PORT: number; TEMPORAL_UI_PORT: number; EMBEDDED_PG_PORT: number };
const timings: Record<string, number> = {};

function startEngine(): Engine {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The suite's own DATABASE_URL (CI gives one) or any other setting must not leak into a zero-config start;
  // TEMPORAL_CLI only says where the binary is.
  for (const key of CONFIG_KEYS) if (key !== 'TEMPORAL_CLI') delete env[key];
  Object.assign(env, {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
  });
  // `npm start` itself, as a new user types it: SIGTERM goes to npm, which must pass it on to node.
  // Its own process group, so afterAll can end it and everything it started, whatever happened.
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  child.stdout!.on('data', (c: Buffer) => ((output += c), (stdout += c)));
  child.stderr!.on('data', (c: Buffer) => (output += c));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const engine = { child, output: () => output, stdout: () => stdout, exit };
  started.push(engine);
  return engine;
}

async function until<T>(
  what: string,
  engine: Engine,
  probe: () => Promise<T | undefined | false>,
  ms: number,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v) return v;
    if (engine.child.exitCode !== null)
      throw new Error(`engine exited with ${engine.child.exitCode} while waiting for ${what}:\n${engine.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}:\n${engine.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const api = (path: string, init: RequestInit = {}) =>
  fetch(`http://127.0.0.1:${ports.PORT}${path}`, { ...init, signal: AbortSignal.timeout(5_000) });

/** The engine's stdout, line by line: JSON, every one (npm's own "> gnlc-engine@… start" header aside). */
const jsonLines = (engine: Engine): Record<string, unknown>[] =>
  engine
    .stdout()
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('> '))
    .map((l) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        throw new Error(`a line on stdout is not JSON: ${l}`);
      }
    });

/** Ready means /readyz says so and the banner (with the first token, if any) has been printed. */
async function untilReady(engine: Engine): Promise<void> {
  await until('/readyz to answer 200', engine, async () => (await api('/readyz')).status === 200, READY_WITHIN_MS);
  await until('the ready banner', engine, async () => engine.output().includes('gnlc-engine is ready'), 5_000);
}

async function stop(engine: Engine): Promise<number | null> {
  engine.child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000).unref());
  const code = await Promise.race([engine.exit, timeout]);
  if (code === 'timeout') throw new Error(`engine did not exit within 30 s of SIGTERM:\n${engine.output()}`);
  return code;
}

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gnlc-start-'));
  await chmod(dataDir, 0o755); // the embedded server runs as the 'postgres' user when we are root
  ports = {
    PORT: await freePort(),
    TEMPORAL_PORT: await freePort(),
    TEMPORAL_UI_PORT: await freePort(),
    EMBEDDED_PG_PORT: await freePort(),
  };
});

afterAll(async () => {
  for (const { child, exit } of started) {
    try {
      process.kill(-child.pid!, 'SIGKILL'); // the group: tsx, node, PostgreSQL, Temporal
    } catch {
      // already gone
    }
    if (child.exitCode === null && child.signalCode === null) await exit;
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  console.log(`start test timings (ms): ${JSON.stringify(timings)}`);
});

describe('npm start with no configuration', () => {
  let token: string;
  let cityId: string;

  it('starts everything, prints a secretariat token, serves the API and stops cleanly on SIGTERM', async () => {
    let t = Date.now();
    const engine = startEngine();
    await untilReady(engine);
    timings.firstStartReady = Date.now() - t;
    // The token and the sign-in link are lines of their own after the banner: wait for them too.
    await until('the first token', engine, async () => engine.output().includes('secretariatToken'), 5_000);
    await until('the sign-in link', engine, async () => engine.output().includes('signInLink'), 5_000);

    // Not a terminal: the banner is a JSON line, the token shown once a field of another.
    const lines = jsonLines(engine);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'gnlc-engine is ready', api: `http://127.0.0.1:${ports.PORT}` }),
    );
    const printed = lines.find((l) => typeof l.secretariatToken === 'string');
    expect(printed, engine.output()).toBeDefined();
    token = printed!.secretariatToken as string;
    expect(lines).toContainEqual(expect.objectContaining({ signInLink: expect.stringContaining('/app/sign-in') }));
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const created = await api('/cities', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name: 'Hamburg', country: 'DE', yearJoined: 2016 }),
    });
    expect(created.status).toBe(201);
    cityId = ((await created.json()) as { id: string }).id;

    const clusters = (await (await api('/clusters', { headers: auth })).json()) as { items: { status: string }[] };
    expect(clusters.items.filter((c) => c.status === 'active')).toHaveLength(5);
    expect(clusters.items.filter((c) => c.status === 'retired')).toHaveLength(7);

    t = Date.now();
    expect(await stop(engine), engine.output()).toBe(0);
    timings.shutdown = Date.now() - t;
    // node itself got the signal (npm passed it on) and drained the worker before stopping the rest.
    const after = jsonLines(engine);
    expect(after).toContainEqual(expect.objectContaining({ msg: 'shutting down', signal: 'SIGTERM' }));
    expect(after).toContainEqual(expect.objectContaining({ msg: 'Worker state changed', state: 'DRAINED' }));
    // PostgreSQL and the Temporal server went with it.
    for (const [name, port] of Object.entries(ports)) {
      await until(
        `${name} ${port} to be free`,
        engine,
        async () => engine.child.exitCode !== null && (await portIsFree(port)),
        10_000,
      ).catch((err) => {
        throw new Error(`${name} ${port} still in use after exit: ${err.message}`);
      });
    }
  });

  it('starts again from the same data: no new token, the city is still there', async () => {
    expect(token, 'the first start ran').toBeDefined();
    const t = Date.now();
    const engine = startEngine();
    await untilReady(engine);
    timings.restartReady = Date.now() - t;

    expect(jsonLines(engine).some((l) => 'secretariatToken' in l)).toBe(false);
    const city = await api(`/cities/${cityId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(city.status).toBe(200);
    expect(await city.json()).toMatchObject({ id: cityId, name: 'Hamburg', country: 'DE' });

    expect(await stop(engine), engine.output()).toBe(0);
  });
});
