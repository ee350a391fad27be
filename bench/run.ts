// `npm run bench [name...]`: runs the named benches (default all), prints a table and writes
// bench/results/<name>.json. Benches report ratios against a baseline measured in the same run,
// because absolute numbers on a shared 2-core machine mean little.
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { citiesBench } from './cities.js';
import { electionsBench } from './elections.js';
import { pledgesBench } from './pledges.js';
import { peerLearningBench } from './peer-learning.js';
import { overviewBench } from './overview.js';
import { bundleBench } from './bundle.js';
import { parkedBench } from './parked.js';
import { readModelsBench } from './read-models.js';
import { decadeBench } from './decade.js';
import { startDatabase, startTemporal, type Bench, type BenchResult } from './support.js';

const BENCHES: Bench[] = [
  citiesBench,
  electionsBench,
  pledgesBench,
  peerLearningBench,
  overviewBench,
  bundleBench,
  parkedBench,
  readModelsBench,
  decadeBench,
];
const RESULTS_DIR = join(import.meta.dirname, 'results');

function pick(names: string[]): Bench[] {
  if (names.length === 0) return BENCHES;
  const unknown = names.filter((n) => !BENCHES.some((b) => b.name === n));
  if (unknown.length)
    throw new Error(`unknown bench ${unknown.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}`);
  return BENCHES.filter((b) => names.includes(b.name));
}

function printTable(rows: { name: string; result: BenchResult }[]): void {
  for (const { name, result } of rows) {
    const entries = Object.entries(result.table);
    const width = Math.max(...entries.map(([k]) => k.length));
    console.log(`\n${name} ${result.ok ? 'PASS' : 'FAIL'}`);
    for (const [k, v] of entries) console.log(`  ${k.padEnd(width)}  ${v}`);
  }
}

async function main(): Promise<number> {
  const benches = pick(process.argv.slice(2));
  const stops: (() => Promise<void>)[] = [];
  const rows: { name: string; result: BenchResult }[] = [];
  let failed = false;
  try {
    const db = await startDatabase();
    stops.unshift(db.stop);
    let temporalAddress: string | undefined;
    if (benches.some((b) => b.needsTemporal)) {
      // The SDK's default logger prints every workflow log line (a pledge's status changes) on the
      // console: a cost the bare baselines do not pay. Warnings and errors only, as in production's
      // filter for the SDK's own lines.
      Runtime.install({ logger: new DefaultLogger('WARN') });
      if (benches.some((b) => b.needsTemporal === true)) {
        const temporal = await startTemporal();
        stops.unshift(temporal.stop);
        temporalAddress = temporal.value;
      }
    }
    await mkdir(RESULTS_DIR, { recursive: true });
    const [load1] = loadavg();
    // Same-run ratios absorb a steady load, not a bursty one: say so when the machine is busy.
    if (load1! > cpus().length)
      console.log(`note: load average ${load1!.toFixed(1)} on ${cpus().length} cores; numbers will be noisy`);
    for (const bench of benches) {
      console.log(`${bench.name}: ${bench.description}`);
      try {
        const result = await bench.run({ databaseUrl: db.value, temporalAddress, log: (l) => console.log(l) });
        rows.push({ name: bench.name, result });
        failed ||= !result.ok;
        const file = join(RESULTS_DIR, `${bench.name}.json`);
        await writeFile(
          file,
          JSON.stringify(
            {
              bench: bench.name,
              at: new Date().toISOString(),
              node: process.version,
              loadAverage: loadavg(),
              ok: result.ok,
              table: result.table,
              details: result.details,
            },
            null,
            2,
          ) + '\n',
        );
      } catch (err) {
        failed = true;
        const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
        console.error(`${bench.name} FAILED: ${message}`);
        // Overwrite any earlier numbers so a stale success is never read as this run's.
        await writeFile(
          join(RESULTS_DIR, `${bench.name}.json`),
          JSON.stringify({ bench: bench.name, at: new Date().toISOString(), ok: false, error: message }, null, 2) +
            '\n',
        );
      }
    }
  } finally {
    for (const stop of stops) await stop().catch((err) => console.error('stop failed:', err));
  }
  printTable(rows);
  return failed ? 1 : 0;
}

/**
 * `npm run bench` with no names: each bench in a process of its own, one after the other, so that
 * what one measures of its process (parked's RSS) holds nothing another left behind (in one
 * process, parked started at 1380 MB after the seven benches before it). Their tables follow.
 */
async function eachInItsOwnProcess(): Promise<number> {
  let failed = false;
  for (const bench of BENCHES) {
    const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, bench.name], { stdio: 'inherit' });
    failed ||= r.status !== 0;
  }
  const rows: { name: string; result: BenchResult }[] = [];
  for (const bench of BENCHES) {
    const saved = JSON.parse(await readFile(join(RESULTS_DIR, `${bench.name}.json`), 'utf8')) as Partial<BenchResult>;
    rows.push({
      name: bench.name,
      result: { ok: saved.ok === true, table: saved.table ?? { error: 'no result' }, details: {} },
    });
  }
  console.log('\nall benches, each in its own process:');
  printTable(rows);
  return failed ? 1 : 0;
}

(process.argv.length > 2 ? main() : eachInItsOwnProcess()).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
