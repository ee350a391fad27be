import type { EntityData, EntityMetadata, EntitySchema } from '@mikro-orm/core';
import type { Orm } from '../db/orm.js';

const sqlByEntity = new WeakMap<EntityMetadata, string>();

/**
 * One row by primary key as `{ property: value }`, for hot read-only GETs. MikroORM's findOne costs
 * several times the query itself here (a fork, the unit of work, the query builder, hydration: see
 * bench/cities.ts); this is one query on the ORM's connection, mapped by the ORM's own metadata.
 * Values are what the driver returns, with no custom-type conversion: use it only for entities of
 * plain strings, numbers, booleans, dates, enums and foreign keys, and never to write back.
 */
export async function readRow<T extends object>(orm: Orm, entity: EntitySchema<T, never>, id: string): Promise<EntityData<T> | null> {
  const meta = orm.getMetadata().get<T>(entity.meta.className);
  let sql = sqlByEntity.get(meta);
  if (!sql) {
    const [pk] = meta.getPrimaryProps();
    if (!pk || meta.primaryKeys.length !== 1) throw new Error(`readRow needs a single-column primary key on ${meta.className}`);
    const q = (name: string) => orm.em.getPlatform().quoteIdentifier(name);
    sql = `select * from ${q(meta.tableName)} where ${q(pk.fieldNames[0]!)} = ? limit 1`;
    sqlByEntity.set(meta, sql);
  }
  const row = (await orm.em.getConnection().execute(sql, [id], 'get')) as EntityData<T> | undefined;
  return row ? orm.em.getDriver().mapResult(row, meta) : null;
}
