import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { afterAll, describe, expect, it } from 'vitest';
import { BallotCodec, keyIdOf } from '../../platform/ballot-codec.js';
import { ballotKeys } from '../../platform/ballot-key.js';
import { CONFIG_KEYS, ConfigError } from '../../platform/config.js';
import { createLogger } from '../../platform/logger.js';

const ROOT = resolve(import.meta.dirname, '../..');
const logger = createLogger('silent');
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gnlc-ballot-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
};

const ballot = { cityId: 'hamburg-0000', approve: ['medellin-0000'] };
const toPayload = (v: unknown) => defaultPayloadConverter.toPayload(v);
const text = (p: Payload) => Buffer.from(p.data ?? []).toString('latin1');

describe('the ballot codec', () => {
  const key = randomBytes(32);
  const codec = new BallotCodec({ current: key, old: [] });

  it('seals ballots (update arguments and activity inputs) and opens them again', async () => {
    const [sealed, forActivity] = await codec.encode([toPayload(ballot), toPayload({ electionId: 'e', ...ballot })]);
    for (const p of [sealed!, forActivity!]) {
      expect(Buffer.from(p.metadata!.encoding!).toString()).toBe('binary/encrypted');
      expect(Buffer.from(p.metadata!['encryption-key-id']!).toString()).toBe(keyIdOf(key));
      expect(text(p)).not.toContain('hamburg');
      expect(text(p)).not.toContain('medellin');
    }
    const [opened] = await codec.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(ballot);
    // A fresh IV each time: two seals of one ballot differ.
    const [again] = await codec.encode([toPayload(ballot)]);
    expect(text(again!)).not.toBe(text(sealed!));
  });

  it('leaves every other payload readable', async () => {
    const others = [
      { cityId: 'hamburg-0000', by: null },
      { elected: ['medellin-0000'] },
      'approve',
      { approve: 'not a list', cityId: 'x' },
      null,
    ].map(toPayload);
    expect(await codec.encode(others)).toEqual(others);
    expect(await codec.decode(others)).toEqual(others);
  });

  it('opens ballots sealed with an earlier key after a rotation, and refuses an unknown or tampered one', async () => {
    const [old] = await codec.encode([toPayload(ballot)]);
    const rotated = new BallotCodec({ current: randomBytes(32), old: [key] });
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([old!]))[0]!)).toEqual(ballot);
    const stranger = new BallotCodec({ current: randomBytes(32), old: [] });
    await expect(stranger.decode([old!])).rejects.toThrow(/not configured/);
    const tampered = { ...old!, data: Buffer.from(old!.data!).map((b, i) => (i === 40 ? b ^ 1 : b)) };
    await expect(codec.decode([tampered])).rejects.toThrow();
  });
});

describe('the ballot key', () => {
  it('is BALLOT_KEY, with BALLOT_KEYS_OLD for reading', async () => {
    const [k, o] = [randomBytes(32), randomBytes(32)];
    const keys = await ballotKeys(
      { BALLOT_KEY: k.toString('base64'), BALLOT_KEYS_OLD: o.toString('base64'), DATA_DIR: '/nonexistent' },
      { generate: false, logger },
    );
    expect(keys).toEqual({ current: k, old: [o] });
  });

  it('without BALLOT_KEY: refused for the api and worker roles, generated once and kept for npm start', async () => {
    const dir = join(await tempDir(), 'data');
    const config = { BALLOT_KEY: undefined, BALLOT_KEYS_OLD: undefined, DATA_DIR: dir };
    await expect(ballotKeys(config, { generate: false, logger })).rejects.toBeInstanceOf(ConfigError);
    const first = await ballotKeys(config, { generate: true, logger });
    expect(first.current).toHaveLength(32);
    expect((await stat(join(dir, 'ballot.key'))).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(join(dir, 'ballot.key'), 'utf8')).trim(), 'base64')).toEqual(first.current);
    expect((await ballotKeys(config, { generate: true, logger })).current).toEqual(first.current);
  });

  it('`main.ts worker` without BALLOT_KEY exits 2 naming it, before starting anything', async () => {
    const dataDir = await tempDir();
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const k of CONFIG_KEYS) delete env[k];
    Object.assign(env, { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['main.ts', 'worker'], { cwd: ROOT, env, stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c));
    child.stderr.on('data', (c: Buffer) => (output += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    clearTimeout(timer);
    expect(code, output).toBe(2);
    expect(output).toMatch(/BALLOT_KEY: required/);
    expect(await readdir(dataDir)).toEqual([]);
  });
});
