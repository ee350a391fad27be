// A biennium's progress-report cycle: asks every member city when it opens, reminds the cities
// that have not reported at each lead before the due date (never one that has), and at the due date
// closes the cycle — the late reports missed, the secretariat told how many and how many cities are
// now flagged (two consecutive misses). Reports themselves are written by the API in a transaction
// that locks the cycle's row (db/queries/progress-report.ts storeReport), so a report after the
// close is refused by the database. Every round notifies a page of cities per activity, so the
// history holds ceil(cities / pageSize) activities per round whatever the network's size; bounded
// (at most 3 reminders in a window of at most P1Y): no continue-as-new.
// ID: progressReportCycleWorkflowId(biennium) = progress-report-cycle:<biennium>.
import { condition, defineQuery, allHandlersFinished, setHandler } from '@temporalio/workflow';
import { message } from '../domain/messages/index.js';
import { toSecretariat, type Sender } from '../domain/notification.js';
import {
  PAGE_SIZE,
  ProgressReportCycleInputSchema,
  cycleReminderTimes,
  progressReportCycleWorkflowId,
  type CycleStatus,
  type CycleTotals,
  type ProgressReportCycleInput,
  type ProgressReportCycleState,
} from '../domain/progress-report.js';
import { activities, checkInput, tellingTheSecretariat, waitUntil } from './kit.js';

const acts = activities();

export const progressReportCycleStateQuery = defineQuery<ProgressReportCycleState>('state');

const senderOf = (biennium: string): Sender => ({
  key: progressReportCycleWorkflowId(biennium),
  noun: 'progress-report',
  resource: `/progress-reports/${biennium}`,
});

/** One round (0: the request, n: reminder n) over every page of cities; answers how many were told. */
async function round(input: ProgressReportCycleInput, n: number): Promise<number> {
  let after: string | null = null;
  let sent = 0;
  do {
    const page: { sent: number; next: string | null } = await acts.progressReportsNotifyPage({
      biennium: input.biennium,
      round: n,
      dueAt: input.dueAt,
      after,
      limit: input.pageSize ?? PAGE_SIZE,
    });
    sent += page.sent;
    after = page.next;
  } while (after);
  return sent;
}

async function runCycle(input: ProgressReportCycleInput): Promise<CycleTotals> {
  checkInput(ProgressReportCycleInputSchema, input, 'progress-report cycle');
  const { biennium } = input;
  let status: CycleStatus = 'open';
  let reminded = 0;
  setHandler(progressReportCycleStateQuery, () => ({ biennium, status, reminded }));
  const never = () => false;

  await waitUntil(input.opensAt, never);
  await round(input, 0);
  for (const at of cycleReminderTimes(input.dueAt, input.reminders, input.opensAt)) {
    await waitUntil(at, never);
    reminded++;
    await round(input, reminded);
  }
  await waitUntil(input.dueAt, never);
  const totals = await acts.progressReportsClose({ biennium });
  status = 'closed';
  await acts.notify([
    toSecretariat(
      senderOf(biennium),
      message('progress-report.late', {
        biennium,
        requested: totals.requested,
        submitted: totals.submitted,
        missed: totals.missed,
        flagged: totals.flagged,
      }),
    ),
  ]);
  await condition(allHandlersFinished);
  return totals;
}

export async function progressReportCycleWorkflow(input: ProgressReportCycleInput): Promise<CycleTotals> {
  return tellingTheSecretariat(
    senderOf(input.biennium),
    (reason) => message('progress-report.failed', { biennium: input.biennium, reason }),
    () => runCycle(input),
  );
}
