// Loading the object a route acts on: a missing one is the client's 404, and a process that has
// finished refuses messages with a 409 before they could reach a workflow that is gone.
import type { EntityName, FilterQuery, Loaded } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, notFound } from './errors.js';

/** The entity `where` names (a primary key or a filter), or 404 "<what> not found". */
export async function findOr404<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<NoInfer<T>>,
  what: string,
): Promise<Loaded<T>> {
  const row = await em.findOne(entity, where);
  if (!row) throw notFound(what);
  return row;
}

/**
 * `row` while its `state` is not one of `finished`; otherwise 409 "the <what> is <state>".
 * Messages to a finished process never reach its workflow (a later run may reuse the ID).
 */
export function unlessFinished<T, S extends string>(row: T, state: S, finished: readonly S[], what: string): T {
  if (finished.includes(state)) throw conflict(`the ${what} is ${state}`);
  return row;
}
