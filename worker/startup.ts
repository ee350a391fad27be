import type { Client } from '@temporalio/client';
import { Cluster } from '../db/entities/index.js';
import type { Orm } from '../db/orm.js';
import { ensureCycle } from '../client/cluster-cycle.js';
import type { Logger } from '../platform/logger.js';

export interface StartupDeps {
  orm: Orm;
  client: Client;
  taskQueue: string;
  logger: Logger;
}

/**
 * One cycle workflow per active cluster, started idempotently on every deploy (ID cycle:<CLUSTER>),
 * each asked to follow its current term's advisory session (client/cluster-cycle.ts ensureCycle).
 */
async function startClusterCycles({ orm, client, taskQueue, logger }: StartupDeps): Promise<void> {
  const clusters = await orm.em.fork().find(Cluster, { status: 'active' });
  for (const c of clusters) await ensureCycle(client, taskQueue, c.code);
  logger.info({ clusters: clusters.map((c) => c.code) }, 'cluster cycles running');
}

export const startupTasks: ((deps: StartupDeps) => Promise<void>)[] = [startClusterCycles];

export async function startProcesses(deps: StartupDeps): Promise<void> {
  for (const task of startupTasks) await task(deps);
}
