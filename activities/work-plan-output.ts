// The work-plan-outputs workflow's read: which of the outputs falling due are still owed (the plan in
// force still has them with that due date and their latest progress is short of the target), and who
// coordinates the cluster now. Reads only: a retry changes nothing.
import type { EntityManager } from '@mikro-orm/postgresql';
import { coordinatorsOf } from '../db/queries/coordinator-term.js';
import { outputsTimeline } from '../db/queries/work-plan-output.js';
import type { ActivityDeps } from './deps.js';

export function createWorkPlanOutputActivities({ orm }: ActivityDeps) {
  return {
    async outputsOwed(args: {
      cluster: string;
      biennium: string;
      outputs: { key: string; due: string }[];
    }): Promise<{ owed: string[]; coordinators: string[] }> {
      const em = orm.em.fork() as EntityManager;
      const items = await outputsTimeline(
        em,
        { cluster: args.cluster, biennium: args.biennium },
        new Date().toISOString().slice(0, 10),
      );
      const owed = args.outputs
        .filter((o) => items.some((i) => i.key === o.key && i.due === o.due && i.status !== 'done'))
        .map((o) => o.key);
      return { owed, coordinators: owed.length ? await coordinatorsOf(em, args.cluster) : [] };
    },
  };
}
