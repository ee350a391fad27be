// One cluster coordinators' meeting: every current coordinator city reports on its cluster's work
// plan by the due date (reminders, then escalation to the secretariat); the meeting then takes
// place with whatever arrived. ID: coordinator-meeting:<id>.
import { allHandlersFinished, condition, defineQuery, defineUpdate, setHandler } from '@temporalio/workflow';
import { coordinatorMeetingWorkflowId, type MeetingStatus } from '../domain/coordinator-meeting.js';
import type {
  ExpectedReport,
  MeetingInput,
  MeetingResult,
  MeetingState,
  ReportArgs,
} from '../domain/coordinator-meeting.contract.js';
import type { NotificationRequest } from '../domain/notification.js';
import { leadTimes, reminderTooLate } from '../domain/reminders.js';
import { message, type MessageRef } from '../domain/messages/index.js';
import {
  activities,
  tellingTheSecretariat,
  checkInput,
  refuse,
  setCancelHandler,
  waitUntil,
  type CancelArgs,
} from './kit.js';
import { MeetingInputSchema } from '../domain/coordinator-meeting.contract.js';
import { showInVisibility } from './visibility.js';

const acts = activities();

export const submitReportUpdate = defineUpdate<MeetingState, [ReportArgs]>('submitReport');
export const cancelMeetingUpdate = defineUpdate<MeetingState, [CancelArgs]>('cancel');
export const meetingStateQuery = defineQuery<MeetingState>('state');

async function runCoordinatorMeetingWorkflow(input: MeetingInput): Promise<MeetingResult> {
  checkInput(MeetingInputSchema, input, 'coordinator meeting');
  const { meetingId } = input;
  const wid = coordinatorMeetingWorkflowId(meetingId);
  const resource = `/coordinator-meetings/${meetingId}`;
  const slot = (r: ExpectedReport) => `${r.cluster}:${r.cityId}`;
  const expected = new Map(input.expected.map((r) => [slot(r), r]));
  const reported = new Set<string>();
  let status: MeetingStatus = 'collecting';
  showInVisibility({ status });
  let escalated = false;

  const missing = () => [...expected.values()].filter((r) => !reported.has(slot(r)));
  const state = (): MeetingState => ({
    meetingId,
    status,
    reported: [...expected.values()].filter((r) => reported.has(slot(r))),
    missing: missing(),
    escalated,
  });
  const cancelled = () => status === 'cancelled';
  /** One message per expected report: a city coordinating two clusters is asked about each. */
  const toCities = (
    rs: ExpectedReport[],
    m: (r: ExpectedReport) => MessageRef,
    keySuffix = '',
  ): NotificationRequest[] =>
    rs.map((r) => {
      const said = m(r);
      return {
        key: `${wid}:${said.kind.slice('meeting.'.length)}${keySuffix}:${slot(r)}`,
        recipientKind: 'city' as const,
        cityId: r.cityId,
        cluster: r.cluster,
        kind: said.kind,
        message: said,
        resource,
      };
    });
  const title = input.title;
  const due = { instant: input.reportDueAt };

  setHandler(meetingStateQuery, state);

  setHandler(
    submitReportUpdate,
    async ({ cluster, cityId, progress }) => {
      reported.add(slot({ cluster, cityId }));
      await acts.saveMeetingReport({ meetingId, cluster, cityId, progress, at: new Date(Date.now()).toISOString() });
      return state();
    },
    {
      validator: (r) => {
        if (status !== 'collecting') throw refuse('Conflict', `the meeting is ${status}; reports are closed`);
        // Late reports are taken until the meeting, by the clock: a workflow running behind (a worker
        // was down) must not take one after the meeting began. Date.now() is the task's time.
        if (Date.now() >= Date.parse(input.at))
          throw refuse('Conflict', `the meeting began at ${input.at}; reports are closed`);
        if (!expected.has(slot(r)))
          throw refuse(
            'Forbidden',
            `city ${r.cityId} is not a coordinator of ${r.cluster} asked to report at this meeting`,
          );
      },
    },
  );

  setCancelHandler(cancelMeetingUpdate, {
    refusal: () => (status !== 'collecting' ? `the meeting is already ${status}` : null),
    cancel: async (reason) => {
      status = 'cancelled';
      showInVisibility({ status });
      await acts.saveMeeting({ meetingId, status });
      await acts.notify(toCities([...expected.values()], () => message('meeting.cancelled', { title, reason })));
    },
    state,
  });
  const finish = async (): Promise<MeetingResult> => {
    await condition(allHandlersFinished);
    return { meetingId, status: cancelled() ? 'cancelled' : 'held', missing: missing() };
  };

  const dueAt = Date.parse(input.reportDueAt);
  await acts.openMeeting(input);
  await acts.notify(
    toCities([...expected.values()], (r) =>
      message('meeting.report-request', { cluster: r.cluster, title, at: { instant: input.at }, due }),
    ),
  );
  for (const at of leadTimes(dueAt, input.reminders, Date.now())) {
    if (await waitUntil(at, cancelled)) return finish();
    if (reminderTooLate(at, dueAt, Date.now())) continue;
    await acts.notify(
      toCities(
        missing(),
        (r) => message('meeting.report-reminder', { cluster: r.cluster, title, due }),
        `:${new Date(at).toISOString()}`,
      ),
    );
  }
  if (await waitUntil(dueAt, cancelled)) return finish();
  const late = missing();
  if (late.length > 0) {
    escalated = true;
    await acts.saveMeeting({ meetingId, status, escalated });
    await acts.notify([
      {
        key: `${wid}:reports-missing:secretariat`,
        recipientKind: 'secretariat',
        kind: 'meeting.reports-missing',
        message: message('meeting.reports-missing', {
          title,
          due,
          missing: { parts: late.map((r) => ({ parts: [r.cluster, { cities: [r.cityId] }], sep: ' – ' })), sep: '; ' },
        }),
        resource,
      },
    ]);
  }
  if (await waitUntil(Date.parse(input.at), cancelled)) return finish();
  status = 'held';
  showInVisibility({ status });
  await acts.saveMeeting({ meetingId, status, escalated });
  return finish();
}

export async function coordinatorMeetingWorkflow(input: MeetingInput): Promise<MeetingResult> {
  return tellingTheSecretariat(
    {
      key: coordinatorMeetingWorkflowId(input.meetingId),
      noun: 'meeting',
      resource: `/coordinator-meetings/${input.meetingId}`,
    },
    (reason) => message('meeting.failed', { title: input.title, reason }),
    () => runCoordinatorMeetingWorkflow(input),
  );
}
