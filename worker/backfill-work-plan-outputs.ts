// Work plans saved before the outputs workflow existed have no reminders: this tells each plan in
// force that still has an output ahead (not done, not past due) to its biennium's workflow, with
// the very call the work plan PUT makes (client/work-plan-output.ts planSaved: update-with-start),
// so a workflow that is missing is started and one that runs takes the version it may already have.
// Safe to run again: the workflow ID is the business key (one workflow per cluster and biennium),
// a version it already has changes nothing it sent (its notices are keyed), an older one is ignored.
//
// Run by hand (`npm run backfill`, i.e. `main.ts backfill-work-plan-outputs [CLUSTER...]`), once after
// the upgrade, and not at every worker start: every plan saved since then reaches its workflow by the
// PUT, so the gap is closed once; at each start it would only wake every running plan's workflow.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { planSaved } from '../client/work-plan-output.js';
import type { Orm } from '../db/orm.js';
import { plansWithOutputsAhead } from '../db/queries/work-plan-output.js';
import type { Logger } from '../platform/logger.js';

export interface BackfillDeps {
  orm: Orm;
  client: Client;
  taskQueue: string;
  logger: Logger;
}

/** Tells every plan with outputs ahead on `today` (of `clusters` only, when given); answers which. */
export async function backfillWorkPlanOutputs(
  { orm, client, taskQueue, logger }: BackfillDeps,
  opts: { today?: string; clusters?: readonly string[] } = {},
): Promise<{ cluster: string; biennium: string; version: number }[]> {
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const plans = await plansWithOutputsAhead(orm.em.fork() as EntityManager, today, opts.clusters);
  const told = [];
  for (const p of plans) {
    await planSaved(client, taskQueue, p.cluster, p.biennium, { version: p.version, outputs: p.outputs });
    told.push({ cluster: p.cluster, biennium: p.biennium, version: p.version });
  }
  logger.info({ plans: told }, 'work plan output reminders: backfilled');
  return told;
}
