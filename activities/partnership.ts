// The partnership workflow's effects: the last report filed (checked before every reminder and
// late notice, so a report whose signal was lost still counts) and the completion. The completion
// is keyed by the partnership's status, so an at-least-once retry changes nothing twice.
import type { EntityManager } from '@mikro-orm/postgresql';
import { completePartnership, lastReportFiled } from '../db/queries/partnership.js';
import type { PartnershipOutcome } from '../domain/partnership.js';
import type { ActivityDeps } from './deps.js';

export function createPartnershipActivities({ orm }: ActivityDeps) {
  const em = () => orm.em.fork() as EntityManager;
  return {
    async partnershipLastReport(args: { partnershipId: string }): Promise<number> {
      return (await lastReportFiled(em(), args.partnershipId)) ?? 0;
    },

    async completePartnership(args: {
      partnershipId: string;
      outcome: PartnershipOutcome;
      note?: string;
    }): Promise<void> {
      await completePartnership(em(), args.partnershipId, args.outcome, args.note ?? null);
    },
  };
}
