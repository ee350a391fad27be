import type { Orm } from '../db/orm.js';
import type { Logger } from '../platform/logger.js';

/** What activities are built with: the pooled ORM in production, a test database in tests. */
export interface ActivityDeps {
  orm: Orm;
  logger: Logger;
}
