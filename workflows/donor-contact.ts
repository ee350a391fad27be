// The follow-up of one contact-log entry's next step: reminds the secretariat when the step falls
// due (a timer), unless it was marked done first; a reschedule moves the timer (and, after a
// reminder, arms a new one); marking it done ends the process, so no reminder comes after.
// ID: donorContactWorkflowId(entryId) = donor-contact:<entryId>. Bounded: one timer at a time, due
// dates at most 2100-12-31; no continue-as-new (a reschedule is an update, a few per entry).
import { allHandlersFinished, condition, defineQuery, defineUpdate, setHandler } from '@temporalio/workflow';
import { donorContactWorkflowId, dueAt } from '../domain/donor-contact.js';
import {
  FollowUpInputSchema,
  type FollowUpInput,
  type FollowUpState,
  type RescheduleArgs,
} from '../domain/donor-contact.contract.js';
import { message } from '../domain/messages/index.js';
import { toSecretariat, type Sender } from '../domain/notification.js';
import { CalendarDate, Text } from '../domain/schemas.js';
import { activities, checkInput, localWrites, refuse, tellingTheSecretariat, waitUntil } from './kit.js';

const acts = activities();
const writes = localWrites();

export const followUpStateQuery = defineQuery<FollowUpState>('state');
export const rescheduleFollowUpUpdate = defineUpdate<FollowUpState, [RescheduleArgs]>('reschedule');
export const completeFollowUpUpdate = defineUpdate<FollowUpState, []>('done');

async function runFollowUp(input: FollowUpInput): Promise<FollowUpState> {
  checkInput(FollowUpInputSchema, input, 'donor contact follow-up');
  const { entryId, donorId, donorName } = input;
  const sender: Sender = {
    key: donorContactWorkflowId(entryId),
    noun: 'donor-contact',
    resource: `/donors/${donorId}`,
  };
  let status: FollowUpState['status'] = 'open';
  let step = input.step;
  let dueOn = input.dueOn;
  let reminded = 0;
  let revision = 0;
  // Whether the current due date's reminder went out (a reschedule arms a new one).
  let sent = false;
  const done = () => status === 'done';
  const state = (): FollowUpState => ({ entryId, status, step, dueOn, reminded, revision });
  setHandler(followUpStateQuery, state);

  setHandler(
    rescheduleFollowUpUpdate,
    async (args) => {
      // The row first; the timer moves when `revision` changes, with `dueOn` already the new day.
      const next = { dueOn: args.dueOn, step: args.step ?? step, revision: revision + 1 };
      await writes.rescheduleFollowUp({ entryId, ...next });
      dueOn = next.dueOn;
      step = next.step;
      sent = false;
      revision = next.revision;
      return state();
    },
    {
      validator: (args) => {
        if (done()) throw refuse('Conflict', 'the next step is done');
        if (!CalendarDate.safeParse(args.dueOn).success) throw refuse('BadRequest', 'dueOn must be a date');
        if (args.step !== undefined && !Text(300).safeParse(args.step).success)
          throw refuse('BadRequest', 'step must be a short text');
      },
    },
  );
  setHandler(
    completeFollowUpUpdate,
    async () => {
      await writes.completeFollowUp({ entryId });
      status = 'done';
      return state();
    },
    {
      validator: () => {
        if (done()) throw refuse('Conflict', 'the next step is done already');
      },
    },
  );

  for (;;) {
    // Until done: wait for the due date (or a change); a reschedule re-arms by changing `dueOn`.
    const armed = dueOn;
    const armedRevision = revision;
    const changed = () => done() || revision !== armedRevision;
    if (sent) await condition(changed);
    else if (!(await waitUntil(dueAt(armed), changed))) {
      reminded++;
      sent = true;
      await acts.notify([
        toSecretariat(
          sender,
          message('donor-contact.follow-up-due', { donor: donorName, step, due: { date: armed } }),
          `follow-up-due:${revision}`,
        ),
      ]);
      await writes.countFollowUpReminder({ entryId, reminded });
    }
    if (done()) break;
  }
  await condition(allHandlersFinished);
  return state();
}

export async function donorContactWorkflow(input: FollowUpInput): Promise<FollowUpState> {
  return tellingTheSecretariat(
    { key: donorContactWorkflowId(input.entryId), noun: 'donor-contact', resource: `/donors/${input.donorId}` },
    (reason) => message('donor-contact.failed', { donor: input.donorName, reason }),
    () => runFollowUp(input),
  );
}
