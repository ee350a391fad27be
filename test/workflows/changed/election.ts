// A deliberately changed copy of the engine's workflows for the replay test that must fail: the
// election now waits a second before it opens nominations — a change shipped without patched().
import { sleep } from '@temporalio/workflow';
import { electionWorkflow as shipped } from '../../../workflows/election.js';

export * from '../../../workflows/index.js';

export async function electionWorkflow(...args: Parameters<typeof shipped>): ReturnType<typeof shipped> {
  await sleep('1 second');
  return shipped(...args);
}
