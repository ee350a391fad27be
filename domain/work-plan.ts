// A cluster's work plan for a work phase: outputs with targets and due dates; every change is a new
// version. Pure.
import { z } from 'zod';
import { MAX_DURATION, boundedDuration } from './duration.js';
import { CalendarDate, Note, Text } from './schemas.js';

export interface PlanOutput {
  key: string;
  title: string;
  description: string;
  target: { value: number; unit: string };
  due: string;
  ownerCityId?: string;
}

export const PlanOutputSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, { error: 'lower-case letters, digits, _ . - (at most 64)' }),
    title: Text(300),
    description: Note(5_000).default(''),
    target: z.object({ value: z.number().finite().min(0).max(1e12), unit: Text(50) }).strict(),
    due: CalendarDate,
    ownerCityId: z.uuid().optional(),
  })
  .strict();

export const WorkPlanBody = z
  .object({
    outputs: z.array(PlanOutputSchema).min(1).max(100),
    reminders: z
      .object({
        beforeDue: boundedDuration(MAX_DURATION.WINDOW)
          .optional()
          .describe(
            'lead before each due date at which the coordinators are reminded (default P14D, or the last given)',
          ),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.outputs.forEach((o, i) => {
      if (seen.has(o.key))
        ctx.addIssue({ code: 'custom', path: ['outputs', i, 'key'], message: `key ${o.key} is used twice` });
      seen.add(o.key);
    });
  });
export type WorkPlanBody = z.infer<typeof WorkPlanBody>;
