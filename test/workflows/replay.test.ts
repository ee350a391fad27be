import { fileURLToPath } from 'node:url';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { bundleWorkflows } from '../../worker/index.js';
import { loadHistories } from '../support/histories.js';
import { testDataConverter } from '../support/ballot-key.js';

const WORKFLOW_TYPES = [
  'electionWorkflow',
  'clusterCycleWorkflow',
  'pledgeWorkflow',
  'campaignWorkflow',
  'workshopWorkflow',
  'coordinatorMeetingWorkflow',
  'surveyWorkflow',
];

// Committed histories (RECORD_HISTORIES=1 npm test rewrites them) replayed against today's code:
// a DeterminismViolationError here means a change needs patched() before it can ship.
describe('replay of committed histories', () => {
  it('replays every history without a determinism violation, at least one per workflow type', async () => {
    const histories = await loadHistories();
    expect(new Set(histories.map((h) => h.workflowType))).toEqual(new Set(WORKFLOW_TYPES));
    const workflowBundle = await bundleWorkflows();
    const failures: string[] = [];
    const replays = histories.map((h) => ({ workflowId: h.name, history: h.history }));
    for await (const result of Worker.runReplayHistories(
      { workflowBundle, dataConverter: testDataConverter() },
      replays,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });

  // The harness itself must catch breakage: a changed copy of the election workflow (one timer more
  // before nominations open) replayed against the committed vote history is a determinism violation.
  it('fails with a DeterminismViolationError when a workflow changed without patched()', async () => {
    const vote = (await loadHistories()).find((h) => h.name === 'election-vote');
    expect(vote?.workflowType).toBe('electionWorkflow');
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('./changed/election.ts', import.meta.url)),
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} },
    });
    await expect(Worker.runReplayHistory({ workflowBundle }, vote!.history, 'election-vote')).rejects.toBeInstanceOf(
      DeterminismViolationError,
    );
  });
});
