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
  const toCities = (
    rs: ExpectedReport[],
    kind: string,
    subject: (r: ExpectedReport) => string,
    body: string,
    keySuffix = '',
  ): NotificationRequest[] =>
    rs.map((r) => ({
      key: `${wid}:${kind}${keySuffix}:${slot(r)}`,
      recipientKind: 'city' as const,
      cityId: r.cityId,
      cluster: r.cluster,
      kind: `meeting.${kind}`,
      subject: subject(r),
      body,
      resource,
    }));

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
      await acts.notify(toCities([...expected.values()], 'cancelled', () => `Cancelled: ${input.title}`, reason));
    },
    state,
  });
  const finish = async (): Promise<MeetingResult> => {
    await condition(allHandlersFinished);
    return { meetingId, status: cancelled() ? 'cancelled' : 'held', missing: missing() };
  };

  const due = Date.parse(input.reportDueAt);
  await acts.openMeeting(input);
  await acts.notify(
    toCities(
      [...expected.values()],
      'report-request',
      (r) => `Status report on the ${r.cluster} work plan`,
      `${input.title} takes place at ${input.at}. Please report per output (value reached, on_track / at_risk / off_track, note) by ${input.reportDueAt}.`,
    ),
  );
  for (const at of leadTimes(due, input.reminders, Date.now())) {
    if (await waitUntil(at, cancelled)) return finish();
    if (reminderTooLate(at, due, Date.now())) continue;
    await acts.notify(
      toCities(
        missing(),
        'report-reminder',
        (r) => `Reminder: ${r.cluster} status report due`,
        `Your report for ${input.title} is due by ${input.reportDueAt}.`,
        `:${new Date(at).toISOString()}`,
      ),
    );
  }
  if (await waitUntil(due, cancelled)) return finish();
  const late = missing();
  if (late.length > 0) {
    escalated = true;
    await acts.saveMeeting({ meetingId, status, escalated });
    await acts.notify([
      {
        key: `${wid}:reports-missing:secretariat`,
        recipientKind: 'secretariat',
        kind: 'meeting.reports-missing',
        subject: `Missing status reports for ${input.title}`,
        body: `Not reported by ${input.reportDueAt}: ${late.map((r) => `${r.cluster} (${r.cityId})`).join(', ')}.`,
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
    `The coordinator meeting ${input.title}`,
    () => runCoordinatorMeetingWorkflow(input),
  );
}
