// The baseline of the pledges bench: the least a workflow can do (one no-op activity), bundled on
// its own so the comparison runs on the same Temporal server with the same worker settings.
import { proxyActivities } from '@temporalio/workflow';

const { noop } = proxyActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '1 minute' });

export async function bareWorkflow(): Promise<void> {
  await noop();
}
