import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Client } from '@temporalio/client';
import type { Orm } from '../db/orm.js';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import type { TokenAuthenticator } from './auth.js';
import type { Sessions } from './sessions.js';
import type { WorkerAvailability } from '../client/availability.js';

/** What every route may use; built once per process by createApp. */
export interface AppDeps {
  orm: Orm;
  temporal: Client;
  config: Pick<
    Config,
    | 'TEMPORAL_TASK_QUEUE'
    | 'BODY_LIMIT'
    | 'SECRETARIAT_TOKEN'
    | 'AUTH_FAILURES_PER_MINUTE'
    | 'PUBLIC_URL'
    | 'SMTP_URL'
    | 'HOST'
    | 'PORT'
    | 'TRUST_PROXY'
    | 'IATI_REPORTING_ORG_REF'
    | 'IATI_REPORTING_ORG_TYPE'
    | 'IATI_REPORTING_ORG_NAME'
  >;
  logger: Logger;
  auth: TokenAuthenticator;
  sessions: Sessions;
  /** Whether a worker polls the task queue (readiness, and the guard on starts and updates). */
  availability: WorkerAvailability;
  registry: OpenAPIRegistry;
}
