import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { bundleWorkflows } from '../../worker/index.js';
import { loadHistories } from '../support/histories.js';

// Committed histories (RECORD_HISTORIES=1 npm test rewrites them) replayed against today's code:
// a DeterminismViolationError here means a change needs patched() before it can ship.
describe('replay of committed histories', () => {
  it('replays every history without a determinism violation, at least one per workflow type', async () => {
    const histories = await loadHistories();
    expect(new Set(histories.map((h) => h.workflowType))).toEqual(new Set(['electionWorkflow', 'clusterCycleWorkflow', 'pledgeWorkflow', 'campaignWorkflow', 'workshopWorkflow', 'coordinatorMeetingWorkflow']));
    const workflowBundle = await bundleWorkflows();
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle }, histories.map((h) => ({ workflowId: h.name, history: h.history })))) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
