// Where the ballot key comes from. Production roles (`npm run api`, `npm run worker`) run as separate
// processes, often on separate machines, and must share one key: without BALLOT_KEY they refuse to
// start. `npm start` (everything in one process, for development) generates a key once and keeps it
// in DATA_DIR/ballot.key, beside the Temporal database whose ballots it seals — never derived from
// anything guessable, and never silently different between restarts.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BallotKeys } from './ballot-codec.js';
import { parseBallotKey } from './ballot-codec.js';
import type { Config } from './config.js';
import { ConfigError } from './config.js';
import type { Logger } from './logger.js';

const oldKeys = (config: Pick<Config, 'BALLOT_KEYS_OLD'>): Buffer[] =>
  config.BALLOT_KEYS_OLD ? config.BALLOT_KEYS_OLD.split(',').map(parseBallotKey) : [];

export async function ballotKeys(
  config: Pick<Config, 'BALLOT_KEY' | 'BALLOT_KEYS_OLD' | 'DATA_DIR'>,
  opts: { generate: boolean; logger: Logger },
): Promise<BallotKeys> {
  if (config.BALLOT_KEY) return { current: parseBallotKey(config.BALLOT_KEY), old: oldKeys(config) };
  if (!opts.generate)
    throw new ConfigError(
      'Invalid configuration:\n  BALLOT_KEY: required by `api` and `worker` (the same on both): 32 random bytes in base64, e.g. `openssl rand -base64 32`',
    );
  const file = join(config.DATA_DIR, 'ballot.key');
  const stored = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (stored) return { current: parseBallotKey(stored), old: oldKeys(config) };
  const key = randomBytes(32);
  await mkdir(config.DATA_DIR, { recursive: true });
  // 'wx': two processes starting at once never overwrite each other's key; the later one reads it.
  const written = await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' }).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'EEXIST') return false;
      throw err;
    },
  );
  if (!written) return { current: parseBallotKey(await readFile(file, 'utf8')), old: oldKeys(config) };
  opts.logger.warn({ file }, 'BALLOT_KEY not set: generated a ballot key for development and stored it');
  return { current: key, old: oldKeys(config) };
}
