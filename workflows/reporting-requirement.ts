// One report the secretariat owes a donor: it reminds the secretariat a lead before the due date,
// tells it when the due day has passed (the requirement is late) and escalates a while later,
// until the report is submitted or the requirement withdrawn. A new due date re-plans all three
// (their keys carry the date). The API writes the requirement and the report; the workflow owns the
// timers and the late marks, and tells the donor when its report is in.
// ID: reportingRequirementWorkflowId(id) = reporting-requirement:<id>. Bounded (three timers per due
// date, a due date changed by hand): no continue-as-new.
import { allHandlersFinished, condition, defineQuery, defineUpdate, setHandler } from '@temporalio/workflow';
import { message, type Param } from '../domain/messages/index.js';
import { toSecretariat, type Sender } from '../domain/notification.js';
import {
  FINAL_REQUIREMENT_STATUSES,
  lateFrom,
  reportingRequirementWorkflowId,
  requirementEvents,
  type RequirementEvent,
  type RequirementStatus,
} from '../domain/reporting-requirement.js';
import {
  RequirementInputSchema,
  type RequirementInput,
  type RequirementOutcome,
  type RequirementState,
  type RescheduleArgs,
  type SubmittedArgs,
} from '../domain/reporting-requirement.contract.js';
import { CalendarDate } from '../domain/schemas.js';
import {
  activities,
  checkInput,
  refuse,
  setCancelHandler,
  tellingTheSecretariat,
  waitUntil,
  type CancelArgs,
} from './kit.js';

const acts = activities();

export const requirementStateQuery = defineQuery<RequirementState>('state');
export const rescheduleRequirementUpdate = defineUpdate<RequirementState, [RescheduleArgs]>('reschedule');
export const reportSubmittedUpdate = defineUpdate<RequirementState, [SubmittedArgs]>('submitted');
export const withdrawRequirementUpdate = defineUpdate<RequirementState, [CancelArgs]>('withdraw');

const iso = (ms: number) => new Date(ms).toISOString();

async function runRequirementWorkflow(input: RequirementInput): Promise<RequirementOutcome> {
  checkInput(RequirementInputSchema, input, 'reporting requirement');
  const { requirementId, donorId } = input;
  const sender: Sender = {
    key: reportingRequirementWorkflowId(requirementId),
    noun: 'reporting-requirement',
    resource: `/pledges/${input.pledgeId}`,
  };
  let status: RequirementStatus = 'open';
  let dueOn = input.dueOn;
  let version = 0;
  const sent: string[] = [];
  const final = () => FINAL_REQUIREMENT_STATUSES.includes(status);
  const pending = (): RequirementEvent[] =>
    requirementEvents(dueOn, input.beforeDue, input.escalateAfter).filter((e) => !sent.includes(e.key));
  const state = (): RequirementState => {
    const next = final() ? undefined : pending()[0];
    return { requirementId, status, dueOn, sent: [...sent], nextEventAt: next ? iso(next.at) : null };
  };
  const values = (): Record<string, Param> => ({
    kind: { term: `requirement.${input.kind}` },
    nature: { term: `requirement.${input.nature}` },
    donor: { donor: donorId },
    due: { date: dueOn },
    option: { term: `option.${input.fundingOption}` },
  });
  setHandler(requirementStateQuery, state);

  setHandler(
    rescheduleRequirementUpdate,
    ({ dueOn: next }) => {
      dueOn = next;
      if (status === 'late' && lateFrom(next) > Date.now()) status = 'open';
      version++;
      return state();
    },
    {
      validator: ({ dueOn: next }) => {
        if (final()) throw refuse('Conflict', `the requirement is ${status}`);
        if (!CalendarDate.safeParse(next).success) throw refuse('BadRequest', 'dueOn must be a calendar date');
      },
    },
  );
  setHandler(
    reportSubmittedUpdate,
    async ({ title }) => {
      status = 'submitted';
      version++;
      const v = values();
      await acts.notify([
        {
          key: `${sender.key}:submitted`,
          recipientKind: 'donor',
          donorId,
          kind: 'reporting-requirement.submitted',
          message: message('reporting-requirement.submitted', {
            kind: v.kind!,
            nature: v.nature!,
            option: v.option!,
            due: v.due!,
            title,
          }),
          resource: sender.resource,
        },
      ]);
      return state();
    },
    {
      validator: (_args: SubmittedArgs) => {
        if (final()) throw refuse('Conflict', `the requirement is ${status}`);
      },
    },
  );
  setCancelHandler(withdrawRequirementUpdate, {
    refusal: () => (final() ? `the requirement is ${status}` : null),
    cancel: async () => {
      status = 'withdrawn';
      version++;
    },
    state,
  });

  while (!final()) {
    const seen = version;
    const changed = () => final() || version !== seen;
    const next = pending()[0];
    if (!next) {
      await condition(changed);
      continue;
    }
    if (await waitUntil(next.at, changed)) continue;
    sent.push(next.key);
    // A requirement recorded (or moved) past some of its dates sends only the latest notice due.
    if (pending().some((e) => e.at <= Date.now())) continue;
    // The database says whether the report is still owed (a submission whose update was lost counts).
    const { owed } = await acts.requirementEvent({ requirementId, kind: next.kind });
    if (!owed) continue;
    if (next.kind !== 'reminder') status = 'late';
    const v = values();
    const m =
      next.kind === 'reminder'
        ? message('reporting-requirement.reminder', {
            kind: v.kind!,
            nature: v.nature!,
            donor: v.donor!,
            due: v.due!,
            option: v.option!,
          })
        : next.kind === 'late'
          ? message('reporting-requirement.late', {
              kind: v.kind!,
              nature: v.nature!,
              donor: v.donor!,
              due: v.due!,
              option: v.option!,
            })
          : message('reporting-requirement.escalation', {
              kind: v.kind!,
              nature: v.nature!,
              donor: v.donor!,
              due: v.due!,
              option: v.option!,
              after: { duration: input.escalateAfter },
            });
    await acts.notify([{ ...toSecretariat(sender, m), key: `${sender.key}:${next.key}` }]);
  }
  await condition(allHandlersFinished);
  return { requirementId, status: state().status === 'submitted' ? 'submitted' : 'withdrawn' };
}

export async function reportingRequirementWorkflow(input: RequirementInput): Promise<RequirementOutcome> {
  return tellingTheSecretariat(
    {
      key: reportingRequirementWorkflowId(input.requirementId),
      noun: 'reporting-requirement',
      resource: `/pledges/${input.pledgeId}`,
    },
    (reason) => message('reporting-requirement.failed', { reason }),
    () => runRequirementWorkflow(input),
  );
}
