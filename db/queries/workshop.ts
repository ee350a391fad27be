// The workshop row, written by the API before it starts the workflow and by the workflow's first
// activity (whichever comes first; the other changes nothing).
import type { EntityManager } from '@mikro-orm/postgresql';
import { workshopWorkflowId } from '../../domain/workshop.js';
import type { WorkshopInput } from '../../domain/workshop.contract.js';
import { pgTextArray } from './text-array.js';

export async function insertWorkshop(em: EntityManager, input: WorkshopInput): Promise<void> {
  const s = input.schedule;
  await em.getConnection().execute(
    `insert into workshop (id, workflow_id, cluster_code, work_phase_id, kind, status, title, starts_at, ends_at, timezone, venue,
       online_url, rsvp_by, revision, experts, invited, settings, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, now(), now()) on conflict (id) do nothing`,
    [
      input.workshopId,
      workshopWorkflowId(input.workshopId),
      input.cluster,
      input.workPhaseId ?? null,
      input.kind,
      s ? 'invitations_open' : 'planning',
      input.title,
      s?.startsAt ?? null,
      s?.endsAt ?? null,
      s?.timezone ?? null,
      s?.venue ?? null,
      s?.onlineUrl ?? null,
      s?.rsvpBy ?? null,
      // The workflow's revision: 1 once scheduled (workflows/workshop.ts).
      s ? 1 : 0,
      JSON.stringify(input.experts),
      pgTextArray(input.invited),
      JSON.stringify(input.settings),
    ],
  );
}
