// The coordinator meeting row, written by the API before it starts the workflow and by the
// workflow's first activity (whichever comes first; the other changes nothing).
import type { EntityManager } from '@mikro-orm/postgresql';
import { coordinatorMeetingWorkflowId } from '../../domain/coordinator-meeting.js';
import type { MeetingInput } from '../../domain/coordinator-meeting.contract.js';

export async function insertCoordinatorMeeting(em: EntityManager, input: MeetingInput): Promise<void> {
  await em.getConnection().execute(
    `insert into coordinator_meeting (id, workflow_id, title, at, report_due_at, report_lead, status, expected, escalated,
       created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, 'collecting', ?::jsonb, false, now(), now()) on conflict (id) do nothing`,
    [
      input.meetingId,
      coordinatorMeetingWorkflowId(input.meetingId),
      input.title,
      input.at,
      input.reportDueAt,
      input.reportLead,
      JSON.stringify(input.expected),
    ],
  );
}
