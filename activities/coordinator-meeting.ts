// Writes of the coordinator-meeting workflow; each keyed, so retries change nothing.
import { CoordinatorMeeting } from '../db/entities/index.js';
import { insertCoordinatorMeeting } from '../db/queries/coordinator-meeting.js';
import { FINAL_MEETING_STATUSES, type MeetingStatus, type OutputProgress } from '../domain/coordinator-meeting.js';
import type { MeetingInput } from '../domain/coordinator-meeting.contract.js';
import type { ActivityDeps } from './deps.js';

export function createCoordinatorMeetingActivities({ orm }: ActivityDeps) {
  return {
    async openMeeting(input: MeetingInput) {
      await insertCoordinatorMeeting(orm.em.fork(), input);
    },

    async saveMeeting(args: { meetingId: string; status: MeetingStatus; escalated?: boolean }) {
      // A late write of an earlier status must never overwrite a final one.
      const final = FINAL_MEETING_STATUSES.includes(args.status);
      await orm.em
        .fork()
        .nativeUpdate(
          CoordinatorMeeting,
          final ? { id: args.meetingId } : { id: args.meetingId, status: { $nin: [...FINAL_MEETING_STATUSES] } },
          {
            status: args.status,
            ...(args.escalated !== undefined ? { escalated: args.escalated } : {}),
            updatedAt: new Date(),
          },
        );
    },

    async saveMeetingReport(args: {
      meetingId: string;
      cluster: string;
      cityId: string;
      progress: OutputProgress[];
      at: string;
    }) {
      await orm.em
        .fork()
        .getConnection()
        .execute(
          `insert into meeting_report (id, meeting_id, cluster_code, city_id, progress, submitted_at)
         values (gen_random_uuid(), ?, ?, ?, ?::jsonb, ?)
         on conflict (meeting_id, cluster_code, city_id) do update set progress = excluded.progress, submitted_at = excluded.submitted_at`,
          [args.meetingId, args.cluster, args.cityId, JSON.stringify(args.progress), args.at],
        );
    },
  };
}
