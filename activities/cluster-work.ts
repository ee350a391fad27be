import { CoordinatorMeeting, Workshop } from '../db/entities/index.js';
import type { MeetingStatus, OutputProgress, RsvpResponse, WorkshopStatus } from '../domain/cluster-work.js';
import type { Attendance, MeetingInput, WorkshopInput, WorkshopOutcomes, WorkshopSchedule } from '../domain/cluster-work-process.js';
import type { Orm } from '../db/orm.js';
import type { ActivityDeps } from './deps.js';

const FINAL_WORKSHOP: WorkshopStatus[] = ['completed', 'cancelled'];
const FINAL_MEETING: MeetingStatus[] = ['held', 'cancelled'];

/** A text[] literal: knex would expand a JS array binding into a list of parameters. */
export const pgTextArray = (items: readonly string[]): string =>
  `{${items.map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

/** The peer-learning entries a workshop's outcomes become; keyed so a retried publish adds nothing. */
function outcomeEntries(workshopId: string, title: string, o: WorkshopOutcomes) {
  const key = (kind: string, i: number) => `workshop:${workshopId}:${kind}:${i}`;
  return [
    { key: key('practice', 0), kind: 'practice', title: `${title}: conceptual definition`, body: `${o.conceptualDefinition}\n\n${o.summary}` },
    ...o.successes.map((body, i) => ({ key: key('success', i), kind: 'success', title: `${title}: success ${i + 1}`, body })),
    ...o.challenges.map((body, i) => ({ key: key('challenge', i), kind: 'challenge', title: `${title}: challenge ${i + 1}`, body })),
    ...o.documents.map((d, i) => ({ key: key('material', i), kind: 'material', title: d.title, body: `${d.title}\n${d.url}` })),
  ];
}

/** The workshop's row, written once (the API writes it before starting the workflow, the workflow again to be sure). */
export async function insertWorkshop(orm: Orm, input: WorkshopInput): Promise<void> {
  const s = input.schedule;
  await orm.em.fork().getConnection().execute(
    `insert into workshop (id, workflow_id, cluster_code, phase_id, kind, status, title, starts_at, ends_at, timezone, venue, online_url, rsvp_by,
       experts, invited, settings, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, now(), now()) on conflict (id) do nothing`,
    [
      input.workshopId, `workshop:${input.workshopId}`, input.cluster, input.phaseId ?? null, input.kind, s ? 'invitations_open' : 'planning', input.title,
      s?.startsAt ?? null, s?.endsAt ?? null, s?.timezone ?? null, s?.venue ?? null, s?.onlineUrl ?? null, s?.rsvpBy ?? null,
      JSON.stringify(input.experts), pgTextArray(input.invited), JSON.stringify(input.settings),
    ],
  );
}

export async function insertMeeting(orm: Orm, input: MeetingInput): Promise<void> {
  await orm.em.fork().getConnection().execute(
    `insert into coordinator_meeting (id, workflow_id, title, at, report_due_at, report_lead, status, expected, escalated, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, 'collecting', ?::jsonb, false, now(), now()) on conflict (id) do nothing`,
    [input.meetingId, `coordinator-meeting:${input.meetingId}`, input.title, input.at, input.reportDueAt, input.reportLead, JSON.stringify(input.expected)],
  );
}

/** Writes of the workshop and coordinator-meeting workflows; each keyed, so retries change nothing. */
export function createClusterWorkActivities({ orm }: ActivityDeps) {
  return {
    async openWorkshop(input: WorkshopInput) {
      await insertWorkshop(orm, input);
    },

    async saveWorkshop(args: { workshopId: string; status: WorkshopStatus; schedule?: WorkshopSchedule; outcomesDueAt?: string; cancelReason?: string }) {
      const s = args.schedule;
      // A late write of an earlier status must never overwrite a final one.
      await orm.em.fork().nativeUpdate(
        Workshop,
        FINAL_WORKSHOP.includes(args.status) ? { id: args.workshopId } : { id: args.workshopId, status: { $nin: FINAL_WORKSHOP } },
        {
          status: args.status,
          ...(s
            ? { startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt), rsvpBy: new Date(s.rsvpBy), timezone: s.timezone, venue: s.venue ?? null, onlineUrl: s.onlineUrl ?? null }
            : {}),
          ...(args.outcomesDueAt ? { outcomesDueAt: new Date(args.outcomesDueAt) } : {}),
          ...(args.cancelReason ? { cancelReason: args.cancelReason } : {}),
          updatedAt: new Date(),
        },
      );
    },

    async saveRsvp(args: { workshopId: string; cityId: string; response: RsvpResponse; attendees: string[]; at: string }) {
      await orm.em.fork().getConnection().execute(
        `insert into workshop_rsvp (id, workshop_id, city_id, response, attendees, responded_at)
         values (gen_random_uuid(), ?, ?, ?, ?, ?)
         on conflict (workshop_id, city_id) do update set response = excluded.response, attendees = excluded.attendees, responded_at = excluded.responded_at`,
        [args.workshopId, args.cityId, args.response, pgTextArray(args.attendees), args.at],
      );
    },

    /** Records outcomes and attendance and publishes them to the peer-learning database, in one transaction. */
    async publishWorkshopOutcomes(args: { workshopId: string; cluster: string; title: string; kind: string; by: string | null; outcomes: WorkshopOutcomes; attendance: Attendance[] }) {
      await orm.em.fork().transactional(async (tx) => {
        await tx.nativeUpdate(Workshop, { id: args.workshopId }, { status: 'completed', outcomes: args.outcomes, attendance: args.attendance, updatedAt: new Date() });
        // tx.execute runs inside the transaction (tx.getConnection().execute would not).
        const conn = tx;
        for (const e of outcomeEntries(args.workshopId, args.title, args.outcomes)) {
          await conn.execute(
            `insert into peer_learning_entry (id, source_key, cluster_code, city_id, kind, title, body, tags, source, workshop_id, created_at)
             values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, 'workshop', ?, now()) on conflict (source_key) do nothing`,
            [e.key, args.cluster, args.by, e.kind, e.title.slice(0, 300), e.body, pgTextArray([args.kind]), args.workshopId],
          );
        }
      });
    },

    async openMeeting(input: MeetingInput) {
      await insertMeeting(orm, input);
    },

    async saveMeeting(args: { meetingId: string; status: MeetingStatus; escalated?: boolean }) {
      await orm.em.fork().nativeUpdate(
        CoordinatorMeeting,
        FINAL_MEETING.includes(args.status) ? { id: args.meetingId } : { id: args.meetingId, status: { $nin: FINAL_MEETING } },
        { status: args.status, ...(args.escalated !== undefined ? { escalated: args.escalated } : {}), updatedAt: new Date() },
      );
    },

    async saveMeetingReport(args: { meetingId: string; cluster: string; cityId: string; progress: OutputProgress[]; at: string }) {
      await orm.em.fork().getConnection().execute(
        `insert into meeting_report (id, meeting_id, cluster_code, city_id, progress, submitted_at)
         values (gen_random_uuid(), ?, ?, ?, ?::jsonb, ?)
         on conflict (meeting_id, cluster_code, city_id) do update set progress = excluded.progress, submitted_at = excluded.submitted_at`,
        [args.meetingId, args.cluster, args.cityId, JSON.stringify(args.progress), args.at],
      );
    },
  };
}
