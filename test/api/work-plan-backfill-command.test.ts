// `main.ts backfill-work-plan-outputs [CLUSTER...]` (npm run backfill) as an operator runs it: a process
// of its own against the database and Temporal, which tells a plan saved before the outputs workflow
// existed to a new workflow and exits 0; run again, the same workflow run, nothing else changed.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { workPlanOutputsWorkflowId } from '../../domain/work-plan-output.js';
import { outputsStateQuery } from '../../workflows/work-plan-output.js';
import { useTestApp } from '../support/app.js';
import { TEST_BALLOT_KEY } from '../support/ballot-key.js';
import { clusterWithPhase, insertPlanVersion } from '../support/cluster-work.js';

const ROOT = join(import.meta.dirname, '..', '..');
const t = useTestApp();
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** One run of the subcommand; answers its log (JSON lines on stdout). */
async function backfill(...clusters: string[]): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gnlc-backfill-'));
  try {
    const { stdout } = await promisify(execFile)(
      join(ROOT, 'node_modules/.bin/tsx'),
      ['main.ts', 'backfill-work-plan-outputs', ...clusters],
      {
        cwd: ROOT,
        timeout: 120_000,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATABASE_URL: inject('databaseUrl'),
          TEMPORAL_ADDRESS: inject('temporalAddress'),
          TEMPORAL_TASK_QUEUE: t.app.taskQueue,
          BALLOT_KEY: TEST_BALLOT_KEY,
          DATA_DIR: dataDir,
          LOG_LEVEL: 'info',
        },
      },
    );
    return stdout;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

describe('npm run backfill', () => {
  it('starts the outputs workflow of a plan saved before it existed, once, and exits 0', async () => {
    const { cluster, biennium, phaseId } = await clusterWithPhase(t.app.orm);
    const due = day(60);
    await insertPlanVersion(t.app.orm, phaseId, 1, [
      { key: 'centres', title: 'Learning centres', description: '', target: { value: 10, unit: 'centres' }, due },
    ]);
    const handle = t.app.client.workflow.getHandle(workPlanOutputsWorkflowId(cluster, biennium));
    await expect(handle.describe()).rejects.toThrow(/not found/i);

    const log = await backfill(cluster.toLowerCase());
    expect(log).toContain('work plan output reminders: backfilled');
    expect(log).toContain(cluster);
    const state = await handle.query(outputsStateQuery);
    expect(state).toMatchObject({ version: 1, beforeDue: 'P14D', outputs: [{ key: 'centres', due }], sent: [] });
    const run = (await handle.describe()).runId;

    await backfill(cluster);
    expect((await handle.describe()).runId).toBe(run);
    expect(await handle.query(outputsStateQuery)).toMatchObject({ version: 1, sent: [] });
    await handle.terminate('end of test');
  });
});
