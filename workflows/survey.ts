// A member survey's window: invites the cities asked when it opens, reminds those that have not
// answered at each lead before the close (never one that has), closes at the deadline or earlier
// when the secretariat closes it, or is cancelled with a reason. Answers themselves are written by
// the API in one locked transaction with the survey's row (db/queries/survey.ts storeAnswers): the
// workflow owns the timers and the end, so an answer after the close is refused by the database.
// ID: surveyWorkflowId(id) = survey:<id>. Bounded (a window of at most P1Y, at most 3 reminders):
// no continue-as-new.
import { allHandlersFinished, condition, defineQuery, defineUpdate, setHandler } from '@temporalio/workflow';
import { message, type Param } from '../domain/messages/index.js';
import { toCities, toSecretariat, type Sender } from '../domain/notification.js';
import { reminderTimes, surveyWorkflowId, type SurveyStatus } from '../domain/survey.js';
import {
  SurveyInputSchema,
  type SurveyInput,
  type SurveyOutcome,
  type SurveyState,
} from '../domain/survey.contract.js';
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

export const surveyStateQuery = defineQuery<SurveyState>('state');
export const closeSurveyUpdate = defineUpdate<SurveyState, []>('close');
export const cancelSurveyUpdate = defineUpdate<SurveyState, [CancelArgs]>('cancel');

async function runSurveyWorkflow(input: SurveyInput): Promise<SurveyOutcome> {
  checkInput(SurveyInputSchema, input, 'survey');
  const { surveyId, title } = input;
  // Written in each reader's language and time zone by the notify activity.
  const closesAt: Param = { instant: new Date(input.closesAt).toISOString() };
  const sender: Sender = { key: surveyWorkflowId(surveyId), noun: 'survey', resource: `/surveys/${surveyId}` };
  let status: SurveyStatus = 'open';
  let reminded = 0;
  let closeAsked = false;
  const state = (): SurveyState => ({ surveyId, status, reminded });
  const ended = () => status !== 'open' || closeAsked;
  setHandler(surveyStateQuery, state);

  setHandler(
    closeSurveyUpdate,
    async () => {
      closeAsked = true;
      await condition(() => status !== 'open');
      return state();
    },
    {
      validator: () => {
        if (ended()) throw refuseClosed(status);
      },
    },
  );
  setCancelHandler(cancelSurveyUpdate, {
    refusal: () => (ended() ? `the survey is ${status === 'open' ? 'closing' : status}` : null),
    cancel: async (reason) => {
      await acts.endSurvey({ surveyId, status: 'cancelled', reason });
      status = 'cancelled';
      const cities = await acts.surveyAddressees({ surveyId });
      await acts.notify(toCities(sender, cities, message('survey.cancelled', { title, reason })));
    },
    state,
  });

  await waitUntil(input.opensAt, ended);
  if (!ended()) {
    const cities = await acts.surveyAddressees({ surveyId });
    await acts.notify(toCities(sender, cities, message('survey.opened', { title, closes: closesAt })));
  }
  for (const at of reminderTimes(input.closesAt, input.reminders, input.opensAt)) {
    if (await waitUntil(at, ended)) break;
    reminded++;
    const late = await acts.surveyNonRespondents({ surveyId, round: reminded });
    await acts.notify(
      toCities(sender, late, message('survey.reminder', { title, closes: closesAt }), String(reminded)),
    );
  }
  await waitUntil(input.closesAt, ended);
  const closing = status === 'open';
  if (closing) {
    await acts.endSurvey({ surveyId, status: 'closed' });
    status = 'closed';
  }
  const totals = await acts.surveyTotals({ surveyId });
  if (closing)
    await acts.notify([
      toSecretariat(
        sender,
        message('survey.closed', { title, respondents: totals.respondents, addressees: totals.addressees }),
      ),
    ]);
  await condition(allHandlersFinished);
  return { surveyId, status: state().status === 'cancelled' ? 'cancelled' : 'closed', ...totals };
}

function refuseClosed(status: SurveyStatus) {
  return refuse('Conflict', `the survey is ${status === 'open' ? 'closing' : status}`);
}

export async function surveyWorkflow(input: SurveyInput): Promise<SurveyOutcome> {
  return tellingTheSecretariat(
    { key: surveyWorkflowId(input.surveyId), noun: 'survey', resource: `/surveys/${input.surveyId}` },
    (reason) => message('survey.failed', { title: input.title, reason }),
    () => runSurveyWorkflow(input),
  );
}
