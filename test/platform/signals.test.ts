// `npm run worker` and `npm run api` as an operator (or a container runtime) stops them: SIGTERM to
// the npm process. npm forwards it to its child, which must be the engine's node process itself
// (the scripts `exec node --import tsx main.ts …`), so the worker drains, the API finishes the
// request in flight, and the exit code is 0. Under the former `tsx main.ts` npm's child was a
// shell: it died and left node polling.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { readlinkSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../support/global-setup.js';
import { TEST_BALLOT_KEY } from '../support/ballot-key.js';
import { SECRETARIAT } from '../support/app.js';

const ROOT = resolve(import.meta.dirname, '../..');

interface Run {
  npm: ChildProcess;
  stdout: () => string;
  output: () => string;
  lines: () => Record<string, unknown>[];
  exit: Promise<number | null>;
}
const runs: Run[] = [];

function npmRun(script: string, env: Record<string, string>): Run {
  const npm = spawn('npm', ['run', script], {
    cwd: ROOT,
    // Its own process group, so afterAll can end whatever is left of it.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: inject('databaseUrl'),
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      BALLOT_KEY: TEST_BALLOT_KEY,
      START_CLUSTER_CYCLES: 'false',
      LOG_LEVEL: 'info',
      ...env,
    },
  });
  let stdout = '';
  let output = '';
  npm.stdout!.on('data', (c: Buffer) => ((stdout += c), (output += c)));
  npm.stderr!.on('data', (c: Buffer) => (output += c));
  const exit = new Promise<number | null>((r) => npm.on('exit', (code) => r(code)));
  const run: Run = {
    npm,
    stdout: () => stdout,
    output: () => output,
    // npm prints its own "> gnlc-engine@0.1.0 worker" header; every line of the engine is JSON.
    lines: () =>
      stdout
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('> '))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    exit,
  };
  runs.push(run);
  return run;
}

afterAll(async () => {
  for (const { npm, exit } of runs) {
    try {
      process.kill(-npm.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    if (npm.exitCode === null && npm.signalCode === null) await exit;
  }
});

async function untilLine(run: Run, what: (l: Record<string, unknown>) => boolean, label: string): Promise<void> {
  await expect
    .poll(
      () => {
        if (run.npm.exitCode !== null) throw new Error(`npm exited with ${run.npm.exitCode}:\n${run.output()}`);
        return run.lines().some(what);
      },
      { timeout: 90_000, interval: 100, message: `${label}:\n${run.output()}` },
    )
    .toBe(true);
}

/**
 * npm's only child: the node process running main.ts (not a shell). Told by its executable, not its
 * `comm`: Node 24 names its main thread "MainThread", which is what ps shows there.
 */
function childOf(pid: number): { pid: number; command: string } {
  const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).trim();
  const pids = out.split('\n').map((l) => Number(l.trim()));
  expect(pids, out).toHaveLength(1);
  return { pid: pids[0]!, command: basename(readlinkSync(`/proc/${pids[0]}/exe`)) };
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function stop(run: Run): Promise<number | null> {
  run.npm.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 40_000).unref());
  const code = await Promise.race([run.exit, timeout]);
  if (code === 'timeout') throw new Error(`npm did not exit within 40 s of SIGTERM:\n${run.output()}`);
  return code;
}

describe('SIGTERM to npm run', () => {
  it('reaches the worker: it drains and exits 0, and nothing keeps polling', async () => {
    const run = npmRun('worker', { TEMPORAL_TASK_QUEUE: `signals-${Date.now()}` });
    await untilLine(run, (l) => l.msg === 'worker running', 'the worker to run');
    const node = childOf(run.npm.pid!);
    expect(node.command).toBe('node');

    expect(await stop(run), run.output()).toBe(0);
    const lines = run.lines();
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'shutting down', signal: 'SIGTERM' }));
    const states = lines.filter((l) => l.msg === 'Worker state changed').map((l) => l.state);
    expect(states).toEqual(expect.arrayContaining(['DRAINING', 'DRAINED', 'STOPPED']));
    expect(isAlive(node.pid)).toBe(false);
  });

  it('reaches the API: it finishes the request in flight, then exits 0', async () => {
    const port = await freePort();
    const run = npmRun('api', {
      PORT: String(port),
      HOST: '127.0.0.1',
      WEB_BUILD: 'never',
      SECRETARIAT_TOKEN: SECRETARIAT,
      TEMPORAL_TASK_QUEUE: `signals-api-${Date.now()}`,
    });
    await untilLine(run, (l) => l.msg === 'gnlc-engine is ready', 'the API to be ready');
    const node = childOf(run.npm.pid!);
    expect(node.command).toBe('node');

    // A request whose body is still on its way when the signal arrives.
    const body = JSON.stringify({ name: `Signal City ${Date.now()}`, country: 'DE' });
    const socket = connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    let answer = '';
    socket.on('data', (c: Buffer) => (answer += c));
    const closed = new Promise((r) => socket.once('close', r));
    // Expect: 100-continue makes node answer "100 Continue" once the request is in the API's hands.
    socket.write(
      `POST /cities HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${SECRETARIAT}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Expect: 100-continue\r\nConnection: close\r\n\r\n`,
    );
    await expect.poll(() => answer).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\n$/);

    run.npm.kill('SIGTERM');
    await untilLine(run, (l) => l.msg === 'shutting down' && l.signal === 'SIGTERM', 'the API to get SIGTERM');
    expect(run.npm.exitCode).toBeNull();
    socket.write(body);
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 201 /);

    const code = await Promise.race([run.exit, new Promise((r) => setTimeout(() => r('timeout'), 40_000).unref())]);
    expect(code, run.output()).toBe(0);
    expect(isAlive(node.pid)).toBe(false);
    expect(run.lines()).toContainEqual(
      expect.objectContaining({ msg: 'POST /cities 201', route: '/cities', res: { status: 201 } }),
    );
  });
});
