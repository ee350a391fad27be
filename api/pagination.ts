import { z } from 'zod';

export const MAX_PAGE = 200;

/**
 * An integer query or path parameter: decimal digits only. z.coerce.number() took "0x10", "1e2",
 * " 5" and "" (as 0), so one value had many spellings and an empty one meant zero.
 */
export const QueryInt = (min: number, max: number) =>
  // Preprocessed rather than piped so that OpenAPI (and the typed client) see an integer.
  z.preprocess(
    (v) => (typeof v === 'string' ? (/^\d{1,16}$/.test(v) ? Number(v) : Number.NaN) : v),
    z.int({ error: 'must be a decimal integer (digits only)' }).min(min).max(max),
  );

export const PageQuery = z.object({
  limit: QueryInt(1, MAX_PAGE).default(50),
  offset: QueryInt(0, 1_000_000).default(0),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.int(), limit: z.int(), offset: z.int() });

export const page = <T>(items: T[], total: number, q: PageQuery) => ({
  items,
  total,
  limit: q.limit,
  offset: q.offset,
});

/** A name search: the text matched anywhere, its own % _ and \ taken literally. */
export const likePattern = (text: string) => `%${text.replace(/[%_\\]/g, '\\$&')}%`;
