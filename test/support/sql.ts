import type { Orm } from '../../db/orm.js';

/** Raw SQL against a test's database, for assertions on what was (not) written. */
export const sqlOn =
  (orm: () => Orm) =>
  <T>(q: string, params: unknown[] = []): Promise<T[]> =>
    orm().em.getConnection().execute<T[]>(q, params);
