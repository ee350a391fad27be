// The restructuring's request: the moves (each retiring cluster and its successor or none), the day
// it takes effect and why.
import { z } from 'zod';
import { CalendarDate, Note } from './schemas.js';

const Code = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9-]+$/, 'must be a cluster code (letters, digits, hyphens)')
  .transform((s) => s.toUpperCase());

export const RestructuringBody = z
  .object({
    effectiveOn: CalendarDate.describe('the day old memberships end and new ones begin (YYYY-MM-DD)'),
    moves: z
      .array(z.object({ from: Code, to: Code.nullable() }).strict())
      .min(1)
      .max(50),
    note: Note(2000).optional(),
  })
  .strict();
export type RestructuringInput = z.infer<typeof RestructuringBody>;
