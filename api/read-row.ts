import type { EntityData, EntityMetadata, EntitySchema } from '@mikro-orm/core';
import type { Orm } from '../db/orm.js';

interface PgClient {
  query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

const sqlByEntity = new WeakMap<EntityMetadata, string>();

/**
 * One row by primary key as `{ property: value }`, for hot read-only GETs. MikroORM's findOne costs
 * several times the query itself here (a fork, the unit of work, the query builder, hydration: see
 * bench/cities.ts); this is one query on a connection of the ORM's pool, mapped by the ORM's own metadata.
 * Values are what the driver returns, with no custom-type conversion: use it only for entities of
 * plain strings, numbers, booleans, dates, enums and foreign keys, and never to write back.
 */
export async function readRow<T extends object>(
  orm: Orm,
  entity: EntitySchema<T, never>,
  id: string,
): Promise<EntityData<T> | null> {
  const meta = orm.getMetadata().get<T>(entity.meta.className);
  let sql = sqlByEntity.get(meta);
  if (!sql) {
    const [pk] = meta.getPrimaryProps();
    if (!pk || meta.primaryKeys.length !== 1)
      throw new Error(`readRow needs a single-column primary key on ${meta.className}`);
    const q = (name: string) => orm.em.getPlatform().quoteIdentifier(name);
    sql = `select * from ${q(meta.tableName)} where ${q(pk.fieldNames[0]!)} = $1 limit 1`;
    sqlByEntity.set(meta, sql);
  }
  // Straight on a pooled pg client: the query builder and logging layers cost more than the query.
  const pool = orm.em.getKnex().client as {
    acquireConnection(): Promise<PgClient>;
    releaseConnection(c: PgClient): Promise<unknown>;
  };
  const conn = await pool.acquireConnection();
  let row: EntityData<T> | undefined;
  try {
    row = (await conn.query(sql, [id])).rows[0] as EntityData<T> | undefined;
  } finally {
    await pool.releaseConnection(conn);
  }
  return row ? orm.em.getDriver().mapResult(row, meta) : null;
}
