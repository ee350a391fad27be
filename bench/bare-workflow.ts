// Baselines bundled on their own, so a comparison runs on the same Temporal server with the same
// worker settings: the least a workflow can do (one no-op activity) for the pledges bench, and the
// least an update can do (one no-op activity per update) for the elections bench.
import {
  allHandlersFinished,
  condition,
  defineSignal,
  defineUpdate,
  proxyActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';

const { noop } = proxyActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '1 minute' });

export async function bareWorkflow(): Promise<void> {
  await noop();
}

export const bareVoteUpdate = defineUpdate<void, [string]>('vote');
export const bareDoneSignal = defineSignal('done');

/** Accepts updates until told it is done; each update runs one no-op activity, as a ballot runs its write. */
export async function bareUpdateWorkflow(): Promise<void> {
  let done = false;
  setHandler(bareVoteUpdate, async () => {
    await noop();
  });
  setHandler(bareDoneSignal, () => {
    done = true;
  });
  await condition(() => done && allHandlersFinished());
}

/** Sleeps until `at` (epoch ms), then runs one no-op activity: a reminder with nothing to decide. */
export async function bareTimerWorkflow(at: number): Promise<void> {
  const ms = at - Date.now();
  if (ms > 0) await sleep(ms);
  await noop();
}
