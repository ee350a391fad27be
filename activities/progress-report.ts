// The progress-report cycle's effects, a page of cities at a time so that neither an activity nor
// the workflow's history grows with the network: the request and each reminder round notify one
// page of cities per call (keyed by cycle, round and city, so a retry sends nothing twice), and the
// close marks the late reports missed once.
import type { EntityManager } from '@mikro-orm/postgresql';
import { citiesPage, closeCycle, countReminder } from '../db/queries/progress-report.js';
import { message } from '../domain/messages/index.js';
import { toCities, type Sender } from '../domain/notification.js';
import { progressReportCycleWorkflowId, type CycleTotals } from '../domain/progress-report.js';
import type { ActivityDeps } from './deps.js';
import { createNotificationActivities } from './notification.js';

export interface NotifyPageArgs {
  biennium: string;
  /** 0: the request to every city asked; n: reminder round n to those that have not reported. */
  round: number;
  /** Epoch ms of the due date (written in each reader's zone and language). */
  dueAt: number;
  /** The last city of the previous page (null: the first page). */
  after: string | null;
  limit: number;
}

export function createProgressReportActivities(deps: ActivityDeps) {
  const em = () => deps.orm.em.fork() as EntityManager;
  const { notify } = createNotificationActivities(deps);
  return {
    /** One page of the request or of a reminder round; `next` is the cursor of the following page (null: done). */
    async progressReportsNotifyPage(args: NotifyPageArgs): Promise<{ sent: number; next: string | null }> {
      const cities = await citiesPage(em(), args.biennium, args.after, args.limit, args.round > 0);
      const sender: Sender = {
        key: progressReportCycleWorkflowId(args.biennium),
        noun: 'progress-report',
        resource: `/progress-reports/${args.biennium}`,
      };
      const params = { biennium: args.biennium, due: { instant: new Date(args.dueAt).toISOString() } };
      const m =
        args.round === 0 ? message('progress-report.requested', params) : message('progress-report.reminder', params);
      if (args.round > 0) await countReminder(em(), args.biennium, cities, args.round);
      await notify(toCities(sender, cities, m, args.round > 0 ? String(args.round) : ''));
      return { sent: cities.length, next: cities.length < args.limit ? null : cities.at(-1)! };
    },

    /** Closes the cycle once (the late reports missed) and answers its totals with the cities it flagged. */
    async progressReportsClose(args: { biennium: string }): Promise<CycleTotals> {
      return closeCycle(em(), args.biennium);
    },
  };
}
