// Membership calls. `membershipCallWorkflow` (membership-call:<id>) owns a call's window: at its
// close (or earlier on the secretariat's word) no application is taken any more; once every
// application has ended, it writes the report and announces the new members to every member
// city. `membershipApplicationWorkflow` (membership-application:<id>) owns one application:
// the contact confirms the e-mail address before the call closes (else it expires); the country's
// National Commission endorses or declines by the link it is e-mailed, within the call's window
// (reminded before the deadline; the secretariat is told when it lapses); the endorsement is
// refused over the call's per-country limit; then the jury scores and the secretariat decides.
// Admission makes the city a member and invites its contact. Both are bounded (a window of at most
// P1Y, at most three reminders): no continue-as-new.
import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  getExternalWorkflowHandle,
  log,
  setHandler,
} from '@temporalio/workflow';
import { addDuration } from '../domain/duration.js';
import { message } from '../domain/messages/index.js';
import { toCities, toSecretariat, type Sender } from '../domain/notification.js';
import {
  isFinalApplication,
  membershipApplicationWorkflowId,
  membershipCallWorkflowId,
  natcomReminderTimes,
  type ApplicationStatus,
  type CallStatus,
} from '../domain/membership-call.js';
import {
  MembershipApplicationInputSchema,
  MembershipCallInputSchema,
  type JuryDecisionArgs,
  type MembershipApplicationInput,
  type MembershipApplicationOutcome,
  type MembershipApplicationState,
  type MembershipCallInput,
  type MembershipCallOutcome,
  type MembershipCallState,
  type NatcomDecisionArgs,
} from '../domain/membership-call.contract.js';
import { activities, checkInput, refuse, tellingTheSecretariat, waitUntil, writes } from './kit.js';

const acts = activities();
const write = writes();

export const membershipCallStateQuery = defineQuery<MembershipCallState>('state');
export const closeMembershipCallUpdate = defineUpdate<MembershipCallState, []>('close');
export const applicationSettledSignal =
  defineSignal<[{ applicationId: string; status: ApplicationStatus }]>('applicationSettled');

export const applicationStateQuery = defineQuery<MembershipApplicationState>('state');
export const confirmEmailUpdate = defineUpdate<MembershipApplicationState, []>('confirmEmail');
export const natcomDecisionUpdate = defineUpdate<MembershipApplicationState, [NatcomDecisionArgs]>('natcomDecision');
export const juryDecisionUpdate = defineUpdate<MembershipApplicationState, [JuryDecisionArgs]>('decide');
export const withdrawApplicationUpdate = defineUpdate<MembershipApplicationState, [{ reason: string }]>('withdraw');

// ---------------------------------------------------------------- the call

async function runCall(input: MembershipCallInput): Promise<MembershipCallOutcome> {
  checkInput(MembershipCallInputSchema, input, 'membership call');
  const { callId, title } = input;
  const sender: Sender = {
    key: membershipCallWorkflowId(callId),
    noun: 'membership-call',
    resource: `/membership-calls/${callId}`,
  };
  let status: CallStatus = 'open';
  let settled = 0;
  let closeAsked = false;
  const state = (): MembershipCallState => ({ callId, status, settled });
  setHandler(membershipCallStateQuery, state);
  setHandler(applicationSettledSignal, () => {
    settled++;
  });
  setHandler(
    closeMembershipCallUpdate,
    async () => {
      closeAsked = true;
      await condition(() => status !== 'open');
      return state();
    },
    {
      validator: () => {
        if (status !== 'open' || closeAsked) throw refuse('Conflict', `the call is ${status}`);
      },
    },
  );

  await waitUntil(input.closesAt, () => closeAsked);
  await acts.setCallStatus({ callId, from: 'open', to: 'reviewing' });
  status = 'reviewing';
  // Every application ends (expired, lapsed, decided or withdrawn) and tells the call so.
  for (;;) {
    const seen = settled;
    if ((await acts.unsettledApplications({ callId })) === 0) break;
    await condition(() => settled !== seen);
  }
  const { report, admitted, members } = await acts.closeMembershipCall({ callId });
  status = 'closed';
  await acts.notify(
    toCities(
      sender,
      members,
      message('membership-call.announcement', { title, admitted: admitted.length, cities: { cities: admitted } }),
    ),
  );
  await acts.notify([
    toSecretariat(
      sender,
      message('membership-call.closed', {
        title,
        applications: report.applications,
        admitted: report.admitted,
        africa: report.africa.applications,
      }),
    ),
  ]);
  await condition(allHandlersFinished);
  return { callId, applications: report.applications, admitted: report.admitted };
}

export async function membershipCallWorkflow(input: MembershipCallInput): Promise<MembershipCallOutcome> {
  return tellingTheSecretariat(
    {
      key: membershipCallWorkflowId(input.callId),
      noun: 'membership-call',
      resource: `/membership-calls/${input.callId}`,
    },
    (reason) => message('membership-call.failed', { title: input.title, reason }),
    () => runCall(input),
  );
}

// ---------------------------------------------------------------- an application

async function runApplication(input: MembershipApplicationInput): Promise<MembershipApplicationOutcome> {
  checkInput(MembershipApplicationInputSchema, input, 'membership application');
  const { applicationId, callId } = input;
  const sender: Sender = {
    key: membershipApplicationWorkflowId(applicationId),
    noun: 'membership-call',
    resource: `/membership-calls/${callId}`,
  };
  let status: ApplicationStatus = 'submitted';
  let natcomDeadline: number | null = null;
  let reminded = 0;
  let cityId: string | null = null;
  /** Handlers whose effect is being written: a deadline waits for them before it acts. */
  let busy = 0;
  const state = (): MembershipApplicationState => ({ applicationId, status, natcomDeadline, natcomReminded: reminded });
  const idle = () => condition(() => busy === 0);
  /** The status as handlers left it (a plain read would be narrowed by the compiler across awaits). */
  const current = (): ApplicationStatus => status;
  const during = async <T>(fn: () => Promise<T>): Promise<T> => {
    busy++;
    try {
      return await fn();
    } finally {
      busy--;
    }
  };
  setHandler(applicationStateQuery, state);

  setHandler(
    confirmEmailUpdate,
    () =>
      during(async () => {
        if (status !== 'submitted') return state();
        const deadline = addDuration(new Date(Date.now()), input.natcomWindow).getTime();
        if (
          await write.moveApplication({
            applicationId,
            from: ['submitted'],
            to: 'natcom_review',
            natcomDeadline: deadline,
            emailConfirmed: true,
          })
        ) {
          natcomDeadline = deadline;
          status = 'natcom_review';
        }
        return state();
      }),
    {
      validator: () => {
        if (status === 'submitted' && Date.now() >= input.closesAt)
          throw refuse('Conflict', 'the call has closed: the address can no longer be confirmed');
        if (status === 'expired' || status === 'withdrawn') throw refuse('Conflict', `the application is ${status}`);
      },
    },
  );

  setHandler(
    natcomDecisionUpdate,
    ({ decision, note }) =>
      during(async () => {
        const r = await write.recordNatcomDecision({ applicationId, decision, ...(note ? { note } : {}) });
        if (!r.ok) throw refuse('Conflict', r.message, { reason: r.why });
        status = r.status;
        return state();
      }),
    {
      validator: (_args: NatcomDecisionArgs) => {
        if (status !== 'natcom_review') throw refuse('Conflict', `the application is ${status}`);
        if (natcomDeadline !== null && Date.now() >= natcomDeadline)
          throw refuse('Conflict', "the National Commission's window has ended");
      },
    },
  );

  setHandler(
    juryDecisionUpdate,
    ({ decision, cluster, note }) =>
      during(async () => {
        if (decision === 'admitted') {
          cityId = (await write.admitApplication({ applicationId, cluster: cluster!, ...(note ? { note } : {}) }))
            .cityId;
          status = 'admitted';
        } else {
          await write.moveApplication({
            applicationId,
            from: ['jury_review'],
            to: 'not_admitted',
            ...(note ? { note } : {}),
          });
          status = 'not_admitted';
          await acts.tellApplicantNotAdmitted({ applicationId });
        }
        return state();
      }),
    {
      validator: ({ decision, cluster }) => {
        if (status !== 'jury_review') throw refuse('Conflict', `the application is ${status}, not with the jury`);
        if (decision === 'admitted' && !cluster) throw refuse('BadRequest', 'an admitted city joins a cluster');
      },
    },
  );

  setHandler(
    withdrawApplicationUpdate,
    ({ reason }) =>
      during(async () => {
        if (await write.moveApplication({ applicationId, from: [status], to: 'withdrawn', note: reason }))
          status = 'withdrawn';
        return state();
      }),
    {
      validator: (_args: { reason: string }) => {
        if (isFinalApplication(status) || busy > 0) throw refuse('Conflict', `the application is ${status}`);
      },
    },
  );

  await acts.sendApplicationConfirmation({ applicationId });
  await waitUntil(input.closesAt, () => status !== 'submitted');
  await idle();
  if (current() === 'submitted' && (await acts.moveApplication({ applicationId, from: ['submitted'], to: 'expired' })))
    status = 'expired';

  if (current() === 'natcom_review' && natcomDeadline !== null) {
    const deadline: number = natcomDeadline;
    const reviewing = () => status !== 'natcom_review';
    await acts.sendNatcomLink({ applicationId, round: 0 });
    for (const at of natcomReminderTimes(deadline, input.natcomReminders, Date.now())) {
      if (await waitUntil(at, reviewing)) break;
      reminded++;
      await acts.sendNatcomLink({ applicationId, round: reminded });
    }
    await waitUntil(deadline, reviewing);
    await idle();
    if (
      current() === 'natcom_review' &&
      (await acts.moveApplication({ applicationId, from: ['natcom_review'], to: 'lapsed' }))
    ) {
      status = 'lapsed';
      const f = await acts.applicationFacts({ applicationId });
      await acts.notify([
        toSecretariat(
          sender,
          message('membership-call.natcom-lapsed', {
            city: f.city,
            country: f.country,
            title: f.title,
            deadline: { instant: new Date(deadline).toISOString() },
          }),
        ),
      ]);
    } else await condition(() => status !== 'natcom_review');
  }
  if (current() === 'jury_review') {
    const f = await acts.applicationFacts({ applicationId });
    await acts.notify([
      toSecretariat(
        sender,
        message('membership-call.jury-review', { city: f.city, country: f.country, title: f.title }),
      ),
    ]);
  } else if (current() === 'not_admitted') {
    const f = await acts.applicationFacts({ applicationId });
    await acts.notify([
      toSecretariat(
        sender,
        message('membership-call.natcom-declined', { city: f.city, country: f.country, title: f.title }),
      ),
    ]);
    await acts.tellApplicantNotAdmitted({ applicationId });
  }
  await condition(() => isFinalApplication(status));
  await condition(allHandlersFinished);
  log.info('application ended', { status });
  try {
    await getExternalWorkflowHandle(membershipCallWorkflowId(callId)).signal(applicationSettledSignal, {
      applicationId,
      status,
    });
  } catch (err) {
    // The call's process has ended already (closed early by hand): nothing waits for this one.
    log.warn('the call did not take the news', { reason: (err as Error).message });
  }
  return { applicationId, status, cityId };
}

export async function membershipApplicationWorkflow(
  input: MembershipApplicationInput,
): Promise<MembershipApplicationOutcome> {
  return tellingTheSecretariat(
    {
      key: membershipApplicationWorkflowId(input.applicationId),
      noun: 'membership-call',
      resource: `/membership-calls/${input.callId}`,
    },
    (reason) => message('membership-call.application-failed', { city: input.cityName, reason }),
    () => runApplication(input),
  );
}
