import type { Client } from '@temporalio/client';
import type { Orm } from '../db/orm.js';
import type { Logger } from '../platform/logger.js';

export interface StartupDeps {
  orm: Orm;
  client: Client;
  taskQueue: string;
  logger: Logger;
}

/** Long-lived processes started idempotently on every deploy (each has a business-key workflow ID). */
export const startupTasks: ((deps: StartupDeps) => Promise<void>)[] = [];

export async function startProcesses(deps: StartupDeps): Promise<void> {
  for (const task of startupTasks) await task(deps);
}
