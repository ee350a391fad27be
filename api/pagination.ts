import { z } from 'zod';

export const MAX_PAGE = 200;

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
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
