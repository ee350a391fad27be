// A partnership for an African city: its report cycle. For each report n (due at startsOn + n ×
// reportEvery) the supporting city's representative is reminded REPORT_REMINDER_LEAD before it is
// due unless it was filed, and the secretariat is told at the due date when it is still missing.
// Reports are written by the API (db/queries/partnership.ts fileReport) and signalled here; the
// activity checks the database again before each reminder, so a lost signal sends none wrongly.
// The outcome (an update, the secretariat's) completes the partnership and ends the process.
// A partnership may run for years: the run continues as new every REPORTS_PER_RUN periods.
// ID: partnershipWorkflowId(id) = partnership:<id>.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { message } from '../domain/messages/index.js';
import { toCities, toSecretariat, type Sender } from '../domain/notification.js';
import {
  REPORTS_PER_RUN,
  REPORT_REMINDER_LEAD_MS,
  partnershipWorkflowId,
  reportDueMs,
  reportInSpan,
  type PartnershipOutcome,
} from '../domain/partnership.js';
import {
  OutcomeArgsSchema,
  PartnershipInputSchema,
  type OutcomeArgs,
  type PartnershipInput,
  type PartnershipResult,
  type PartnershipState,
  type ReportFiled,
} from '../domain/partnership.contract.js';
import { activities, checkInput, refuse, tellingTheSecretariat, waitUntil } from './kit.js';

const acts = activities();

export const partnershipStateQuery = defineQuery<PartnershipState>('state');
export const reportFiledSignal = defineSignal<[ReportFiled]>('reportFiled');
export const recordOutcomeUpdate = defineUpdate<PartnershipState, [OutcomeArgs]>('recordOutcome');

const senderOf = (id: string): Sender => ({
  key: partnershipWorkflowId(id),
  noun: 'partnership',
  resource: `/partnerships/${id}`,
});

async function runPartnershipWorkflow(input: PartnershipInput): Promise<PartnershipResult> {
  checkInput(PartnershipInputSchema, input, 'partnership');
  const { partnershipId, title, startsOn, endsOn, reportEvery, supportingCityId, africanCityId } = input;
  const sender = senderOf(partnershipId);
  let filed = input.filed;
  let waitingFor = input.next;
  let outcome: PartnershipOutcome | null = null;
  const reminded: number[] = [];
  const late: number[] = [];
  const state = (): PartnershipState => ({
    partnershipId,
    status: outcome ? 'completed' : 'active',
    outcome,
    filed,
    waitingFor,
    reminded: [...reminded],
    late: [...late],
  });
  setHandler(partnershipStateQuery, state);
  setHandler(reportFiledSignal, ({ seq }) => {
    if (Number.isInteger(seq) && seq > filed) filed = seq;
  });
  setHandler(
    recordOutcomeUpdate,
    async ({ outcome: o, note }) => {
      await acts.completePartnership({ partnershipId, outcome: o, ...(note ? { note } : {}) });
      outcome = o;
      await acts.notify(
        toCities(
          sender,
          [supportingCityId, africanCityId],
          message('partnership.completed', { title, outcome: { term: `partnership.${o}` } }),
        ),
      );
      return state();
    },
    {
      validator: (args) => {
        if (outcome) throw refuse('Conflict', 'the partnership is completed');
        if (!OutcomeArgsSchema.safeParse(args).success) throw refuse('BadRequest', 'unknown outcome');
      },
    },
  );

  const due = (seq: number) => reportDueMs(startsOn, reportEvery, seq);
  if (workflowInfo().continuedFromExecutionRunId === undefined) {
    // Once, at the first run: the two cities are told the partnership and its first report date.
    await acts.notify(
      toCities(
        sender,
        [supportingCityId, africanCityId],
        message('partnership.started', {
          title,
          supporting: { cities: [supportingCityId] },
          african: { cities: [africanCityId] },
          every: { duration: reportEvery },
          due: { instant: new Date(due(input.next)).toISOString() },
        }),
      ),
    );
  }

  const ended = () => outcome !== null;
  /** Filed by signal, or found in the database when the signal was lost. */
  const filedNow = async (seq: number) => {
    if (filed < seq) filed = Math.max(filed, await acts.partnershipLastReport({ partnershipId }));
    return filed >= seq;
  };
  for (let seq = input.next; !ended(); seq++) {
    waitingFor = seq;
    if (!reportInSpan(startsOn, endsOn, reportEvery, seq)) {
      // No report is due any more: the partnership waits for its outcome.
      await condition(ended);
      break;
    }
    const done = () => ended() || filed >= seq;
    const dueAt = due(seq);
    const dueParam = { instant: new Date(dueAt).toISOString() };
    if (!(await waitUntil(dueAt - REPORT_REMINDER_LEAD_MS, done)) && !(await filedNow(seq)) && !ended()) {
      reminded.push(seq);
      await acts.notify(
        toCities(
          sender,
          [supportingCityId],
          message('partnership.report-reminder', { title, seq, due: dueParam }),
          String(seq),
        ),
      );
    }
    if (!(await waitUntil(dueAt, done)) && !(await filedNow(seq)) && !ended()) {
      late.push(seq);
      await acts.notify([
        toSecretariat(
          sender,
          message('partnership.report-late', {
            title,
            seq,
            due: dueParam,
            supporting: { cities: [supportingCityId] },
          }),
          `report-late${seq}:secretariat`,
        ),
      ]);
    }
    if (!ended() && (seq - input.next + 1 >= REPORTS_PER_RUN || workflowInfo().continueAsNewSuggested)) {
      await condition(allHandlersFinished);
      if (!ended()) await continueAsNew<typeof partnershipWorkflow>({ ...input, next: seq + 1, filed });
    }
  }
  await condition(allHandlersFinished);
  return { partnershipId, status: 'completed', outcome, filed };
}

export async function partnershipWorkflow(input: PartnershipInput): Promise<PartnershipResult> {
  return tellingTheSecretariat(
    senderOf(input.partnershipId),
    (reason) => message('partnership.failed', { title: input.title, reason }),
    () => runPartnershipWorkflow(input),
  );
}
