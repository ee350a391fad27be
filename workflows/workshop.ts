// One workshop of a cluster: (planning →) invitations and RSVPs with reminders → the event →
// outcomes with a reminder and an escalation → published to peer learning. ID: workshop:<id>.
import { allHandlersFinished, condition, defineQuery, defineUpdate, setHandler } from '@temporalio/workflow';
import { addDuration } from '../domain/duration.js';
import { leadTimes, nonResponders, reminderTooLate } from '../domain/reminders.js';
import {
  FINAL_WORKSHOP_STATUSES,
  scheduleProblem,
  workshopWorkflowId,
  type WorkshopStatus,
} from '../domain/workshop.js';
import type {
  Attendance,
  OutcomesArgs,
  RsvpArgs,
  RsvpState,
  WorkshopInput,
  WorkshopOutcomes,
  WorkshopResult,
  WorkshopSchedule,
  WorkshopState,
} from '../domain/workshop.contract.js';
import {
  toCities as messagesToCities,
  toSecretariat as messageToSecretariat,
  type NotificationRequest,
  type Sender,
} from '../domain/notification.js';
import { message, type MessageRef, type Param } from '../domain/messages/index.js';
import {
  activities,
  tellingTheSecretariat,
  checkInput,
  refuse,
  setCancelHandler,
  waitUntil,
  type CancelArgs,
} from './kit.js';
import { WorkshopInputSchema } from '../domain/workshop.contract.js';
import { showInVisibility } from './visibility.js';

const acts = activities();

export const rsvpUpdate = defineUpdate<WorkshopState, [RsvpArgs]>('rsvp');
export const rescheduleUpdate = defineUpdate<WorkshopState, [WorkshopSchedule]>('reschedule');
export const cancelWorkshopUpdate = defineUpdate<WorkshopState, [CancelArgs]>('cancel');
export const submitOutcomesUpdate = defineUpdate<WorkshopState, [OutcomesArgs]>('submitOutcomes');
export const workshopStateQuery = defineQuery<WorkshopState>('state');

async function runWorkshopWorkflow(input: WorkshopInput): Promise<WorkshopResult> {
  checkInput(WorkshopInputSchema, input, 'workshop');
  const { workshopId, cluster, settings } = input;
  const wid = workshopWorkflowId(workshopId);
  const resource = `/workshops/${workshopId}`;
  const invited = new Set(input.invited);
  const rsvps = new Map<string, RsvpState>();
  let schedule: WorkshopSchedule | undefined = input.schedule;
  let revision = schedule ? 1 : 0;
  let status: WorkshopStatus = schedule ? 'invitations_open' : 'planning';
  let outcomesDueAt: string | undefined;
  let outcomes: WorkshopOutcomes | undefined;
  let attendance: Attendance[] | undefined;
  let cancelReason: string | undefined;

  const iso = (ms: number) => new Date(ms).toISOString();
  const cancelled = () => status === 'cancelled';
  showInVisibility({ cluster, status });
  const state = (): WorkshopState => ({
    workshopId,
    status,
    ...(schedule ? { schedule: { ...schedule } } : {}),
    revision,
    rsvps: [...rsvps.values()],
    ...(outcomesDueAt ? { outcomesDueAt } : {}),
    ...(outcomes ? { outcomes } : {}),
    ...(attendance ? { attendance } : {}),
    ...(cancelReason ? { cancelReason } : {}),
  });
  const persist = () => {
    showInVisibility({ status });
    return acts.saveWorkshop({
      workshopId,
      status,
      ...(schedule ? { schedule, revision } : {}),
      ...(outcomesDueAt ? { outcomesDueAt } : {}),
      ...(cancelReason ? { cancelReason } : {}),
    });
  };

  /** When and where, as values the reader's language writes: the event's own time zone, venue, link. */
  const when = (): Param =>
    schedule
      ? {
          parts: [
            { span: { start: schedule.startsAt, end: schedule.endsAt, timeZone: schedule.timezone } },
            ...(schedule.venue ? [schedule.venue] : []),
            ...(schedule.onlineUrl ? [schedule.onlineUrl] : []),
          ],
        }
      : { term: 'workshop.unscheduled' };
  const rsvpBy = (): Param => ({ instant: schedule!.rsvpBy, timeZone: schedule!.timezone });
  const sender: Sender = { key: wid, noun: 'workshop', resource, cluster };
  const toCities = (cities: Iterable<string>, m: MessageRef, keySuffix = '') =>
    messagesToCities(sender, cities, m, keySuffix);
  const toExperts = (m: MessageRef, keySuffix = ''): NotificationRequest[] =>
    input.experts.map((e) => ({
      key: `${wid}:${m.kind.slice('workshop.'.length)}${keySuffix}:expert:${e.email.toLowerCase()}`,
      recipientKind: 'email' as const,
      email: e.email,
      kind: m.kind,
      message: m,
      resource,
    }));
  const toSecretariat = (m: MessageRef) => messageToSecretariat(sender, m);
  const everyone = (m: MessageRef, keySuffix = '') => [...toCities(invited, m, keySuffix), ...toExperts(m, keySuffix)];
  const title = input.title;

  const invite = () =>
    acts.notify(
      everyone(
        message('workshop.invitation', {
          title,
          cluster,
          kind: { term: `workshop.${input.kind}` },
          when: when(),
          rsvpBy: rsvpBy(),
        }),
      ),
    );

  setHandler(workshopStateQuery, state);

  setHandler(
    rsvpUpdate,
    async ({ cityId, response, attendees }) => {
      const r: RsvpState = { cityId, response, attendees, at: iso(Date.now()) };
      rsvps.set(cityId, r);
      await acts.saveRsvp({ workshopId, ...r });
      return state();
    },
    {
      validator: ({ cityId }) => {
        if (!invited.has(cityId)) throw refuse('Forbidden', `city ${cityId} is not invited to this workshop`);
        if (status !== 'invitations_open' || Date.now() >= Date.parse(schedule!.rsvpBy))
          throw refuse('Conflict', `RSVPs are not open (the workshop is ${status})`);
      },
    },
  );

  setHandler(
    rescheduleUpdate,
    async (next) => {
      const first = schedule === undefined;
      schedule = { ...next };
      revision += 1;
      status = 'invitations_open';
      await persist();
      if (first) await invite();
      else
        await acts.notify(
          everyone(message('workshop.rescheduled', { title, when: when(), rsvpBy: rsvpBy() }), `:${revision}`),
        );
      return state();
    },
    {
      validator: (next) => {
        if (!['planning', 'invitations_open', 'rsvp_closed'].includes(status))
          throw refuse('Conflict', `a workshop that is ${status} cannot be rescheduled`);
        const problem = scheduleProblem(next, Date.now());
        if (problem) throw refuse('Invalid', `${problem.path.replace('body.', '')} ${problem.message}`);
      },
    },
  );

  setCancelHandler(cancelWorkshopUpdate, {
    refusal: () => (FINAL_WORKSHOP_STATUSES.includes(status) ? `the workshop is already ${status}` : null),
    cancel: async (reason) => {
      status = 'cancelled';
      cancelReason = reason;
      await persist();
      await acts.notify(everyone(message('workshop.cancelled', { title, reason })));
    },
    state,
  });

  setHandler(
    submitOutcomesUpdate,
    async ({ by, attendance: given, ...o }) => {
      outcomes = o;
      attendance =
        given ??
        [...rsvps.values()]
          .filter((r) => r.response === 'yes')
          .map((r) => ({ cityId: r.cityId, attendees: r.attendees }));
      status = 'completed';
      showInVisibility({ status });
      await acts.publishWorkshopOutcomes({
        workshopId,
        cluster,
        title: input.title,
        kind: input.kind,
        by,
        outcomes: o,
        attendance,
      });
      return state();
    },
    {
      validator: ({ attendance: given }: OutcomesArgs) => {
        if (status !== 'awaiting_outcomes')
          throw refuse('Conflict', `outcomes are submitted after the workshop; it is ${status}`);
        const outsider = given?.find((a) => !invited.has(a.cityId));
        if (outsider) throw refuse('Invalid', `city ${outsider.cityId} was not invited to this workshop`);
        if (given && new Set(given.map((a) => a.cityId)).size !== given.length)
          throw refuse('BadRequest', 'a city is listed twice in attendance');
      },
    },
  );

  const finish = async (): Promise<WorkshopResult> => {
    await condition(allHandlersFinished);
    return { workshopId, status: cancelled() ? 'cancelled' : 'completed' };
  };

  await acts.openWorkshop(input);
  if (schedule) {
    await invite();
  } else {
    await condition(() => schedule !== undefined || cancelled());
    if (cancelled()) return finish();
  }

  // RSVP reminders, the RSVP deadline and the event. A reschedule bumps `revision`: every timer of
  // the pass is abandoned and the pass restarts from the new schedule.
  for (let pass = 0; ; pass++) {
    const rev = revision;
    const s = schedule!;
    // The reschedule handler's own write may have raced this loop's last one: settle the row.
    if (pass > 0) await persist();
    const moved = () => revision !== rev || cancelled();
    /** Waits for `at`; false when a reschedule or a cancellation came first. */
    const reached = async (at: number): Promise<boolean> => !(await waitUntil(at, moved));
    let intact = true;
    for (const at of leadTimes(Date.parse(s.rsvpBy), settings.rsvpReminders, Date.now())) {
      if (!(intact = await reached(at))) break;
      if (reminderTooLate(at, Date.parse(s.rsvpBy), Date.now())) continue;
      const pending = nonResponders([...invited], new Set(rsvps.keys()));
      await acts.notify(
        toCities(
          pending,
          message('workshop.rsvp-reminder', { title, rsvpBy: rsvpBy(), when: when() }),
          `:${rev}:${iso(at)}`,
        ),
      );
    }
    if (intact && (intact = await reached(Date.parse(s.rsvpBy)))) {
      status = 'rsvp_closed';
      await persist();
      intact = await reached(Date.parse(s.endsAt));
    }
    if (cancelled()) return finish();
    if (intact) break;
  }

  status = 'awaiting_outcomes';
  const due = addDuration(new Date(Date.parse(schedule!.endsAt)), settings.outcomesDue).getTime();
  outcomesDueAt = iso(due);
  await persist();
  const settled = () => outcomes !== undefined || cancelled();
  for (const at of leadTimes(due, [settings.outcomesReminderLead], Date.now())) {
    if (await waitUntil(at, settled)) return finish();
    if (reminderTooLate(at, due, Date.now())) continue;
    const coordinators = input.coordinators.length
      ? toCities(
          input.coordinators,
          message('workshop.outcomes-reminder', {
            title,
            due: { instant: outcomesDueAt, timeZone: schedule!.timezone },
          }),
        )
      : [];
    await acts.notify(coordinators);
  }
  if (await waitUntil(due, settled)) return finish();
  await acts.notify([
    toSecretariat(
      message('workshop.outcomes-overdue', {
        title,
        cluster,
        ended: { instant: schedule!.endsAt, timeZone: schedule!.timezone },
        due: { instant: outcomesDueAt, timeZone: schedule!.timezone },
      }),
    ),
  ]);
  await condition(settled);
  return finish();
}

export async function workshopWorkflow(input: WorkshopInput): Promise<WorkshopResult> {
  return tellingTheSecretariat(
    {
      key: workshopWorkflowId(input.workshopId),
      noun: 'workshop',
      resource: `/workshops/${input.workshopId}`,
      cluster: input.cluster,
    },
    (reason) => message('workshop.failed', { title: input.title, reason }),
    () => runWorkshopWorkflow(input),
  );
}
