// The contact-log follow-up's effects: the next step's reschedule (keyed by revision), its
// completion and the reminder count — each a single-row update that a retry repeats harmlessly.
import type { EntityManager } from '@mikro-orm/postgresql';
import { completeStep, countReminded, rescheduleStep } from '../db/queries/donor-contact.js';
import type { ActivityDeps } from './deps.js';

export function createDonorContactActivities({ orm }: ActivityDeps) {
  const em = () => orm.em.fork() as EntityManager;
  return {
    async rescheduleFollowUp(a: { entryId: string; dueOn: string; step: string; revision: number }): Promise<void> {
      await rescheduleStep(em(), a);
    },
    async completeFollowUp(a: { entryId: string }): Promise<void> {
      await completeStep(em(), a.entryId);
    },
    async countFollowUpReminder(a: { entryId: string; reminded: number }): Promise<void> {
      await countReminded(em(), a.entryId, a.reminded);
    },
  };
}
