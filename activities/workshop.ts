// Writes of the workshop workflow; each keyed, so retries change nothing.
import { randomUUID } from 'node:crypto';
import { Workshop } from '../db/entities/index.js';
import { insertPeerLearningEntry } from '../db/queries/peer-learning.js';
import { pgTextArray } from '../db/queries/text-array.js';
import { insertWorkshop } from '../db/queries/workshop.js';
import { outcomeEntries } from '../domain/peer-learning.js';
import { FINAL_WORKSHOP_STATUSES, type RsvpResponse, type WorkshopStatus } from '../domain/workshop.js';
import type { Attendance, WorkshopInput, WorkshopOutcomes, WorkshopSchedule } from '../domain/workshop.contract.js';
import type { ActivityDeps } from './deps.js';

export function createWorkshopActivities({ orm }: ActivityDeps) {
  return {
    async openWorkshop(input: WorkshopInput) {
      await insertWorkshop(orm.em.fork(), input);
    },

    async saveWorkshop(args: {
      workshopId: string;
      status: WorkshopStatus;
      schedule?: WorkshopSchedule;
      /** The schedule's revision; absent from workflows started before it was written. */
      revision?: number;
      outcomesDueAt?: string;
      cancelReason?: string;
    }) {
      const s = args.schedule;
      // A late write of an earlier status must never overwrite a final one.
      const final = FINAL_WORKSHOP_STATUSES.includes(args.status);
      await orm.em
        .fork()
        .nativeUpdate(
          Workshop,
          final ? { id: args.workshopId } : { id: args.workshopId, status: { $nin: [...FINAL_WORKSHOP_STATUSES] } },
          {
            status: args.status,
            ...(s
              ? {
                  startsAt: new Date(s.startsAt),
                  endsAt: new Date(s.endsAt),
                  rsvpBy: new Date(s.rsvpBy),
                  timezone: s.timezone,
                  venue: s.venue ?? null,
                  onlineUrl: s.onlineUrl ?? null,
                }
              : {}),
            ...(args.revision !== undefined ? { revision: args.revision } : {}),
            ...(args.outcomesDueAt ? { outcomesDueAt: new Date(args.outcomesDueAt) } : {}),
            ...(args.cancelReason ? { cancelReason: args.cancelReason } : {}),
            updatedAt: new Date(),
          },
        );
    },

    async saveRsvp(args: {
      workshopId: string;
      cityId: string;
      response: RsvpResponse;
      attendees: string[];
      at: string;
    }) {
      await orm.em
        .fork()
        .getConnection()
        .execute(
          `insert into workshop_rsvp (id, workshop_id, city_id, response, attendees, responded_at)
         values (gen_random_uuid(), ?, ?, ?, ?, ?)
         on conflict (workshop_id, city_id) do update set response = excluded.response, attendees = excluded.attendees, responded_at = excluded.responded_at`,
          [args.workshopId, args.cityId, args.response, pgTextArray(args.attendees), args.at],
        );
    },

    /** Records outcomes and attendance and publishes them to the peer-learning database, in one transaction. */
    async publishWorkshopOutcomes(args: {
      workshopId: string;
      cluster: string;
      title: string;
      kind: string;
      by: string | null;
      outcomes: WorkshopOutcomes;
      attendance: Attendance[];
    }) {
      await orm.em.fork().transactional(async (tx) => {
        await tx.nativeUpdate(
          Workshop,
          { id: args.workshopId },
          { status: 'completed', outcomes: args.outcomes, attendance: args.attendance, updatedAt: new Date() },
        );
        for (const e of outcomeEntries(args.workshopId, args.title, args.outcomes)) {
          await insertPeerLearningEntry(tx, {
            id: randomUUID(),
            sourceKey: e.key,
            cluster: args.cluster,
            cityId: args.by,
            kind: e.kind,
            title: e.title.slice(0, 300),
            body: e.body,
            tags: [args.kind],
            source: 'workshop',
            workshopId: args.workshopId,
          });
        }
      });
    },
  };
}
