import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** USD per one unit of the currency on a date, kept by the secretariat. */
export const FxRate = defineEntity({
  name: 'FxRate',
  tableName: 'fx_rate',
  uniques: [{ properties: ['currency', 'date'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    currency: p.string().length(3),
    date: p.date(),
    rateToUsd: p.decimal('string').precision(24).scale(12),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IFxRate = InferEntity<typeof FxRate>;
