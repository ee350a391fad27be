// Secondments: staff a donor lends to the network (an in-kind pledge) — a person hosted by a member
// city or by the secretariat for a span of months, valued per month. The secretariat approves each
// month once it was served; approved months count in the pledge's in-kind total. Pure.
import { z } from 'zod';
import { Currency, MAX_MINOR } from './money.js';
import { CalendarDate, Text } from './schemas.js';

export const SECONDMENT_HOSTS = ['city', 'secretariat'] as const;
export type SecondmentHost = (typeof SECONDMENT_HOSTS)[number];
export const SECONDMENT_LIMITS = Object.freeze({ months: 60, perPledge: 50 });

/** A month written YYYY-MM, within the engine's dates. */
export const Month = z
  .string()
  .regex(/^(20[1-9]\d|2100)-(0[1-9]|1[0-2])$/, { error: 'must be a month YYYY-MM between 2012-01 and 2100-12' })
  .refine((m) => m >= '2012-01', { error: 'must be a month YYYY-MM between 2012-01 and 2100-12' });

/** The months YYYY-MM from the start date's month to the end date's, both included. */
export function monthsOf(startOn: string, endOn: string): string[] {
  const out: string[] = [];
  let y = Number(startOn.slice(0, 4));
  let m = Number(startOn.slice(5, 7));
  const last = endOn.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > last) break;
    out.push(key);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

const MonthlyValue = z
  .object({ currency: Currency, minor: z.int().min(1).max(MAX_MINOR) })
  .strict()
  .describe('the value of one month, in minor units of its currency');

const secondmentFields = {
  personName: Text(200),
  host: z.enum(SECONDMENT_HOSTS),
  hostCityId: z.uuid().optional().describe('the host city; required when host is city'),
  startOn: CalendarDate,
  endOn: CalendarDate,
  monthly: MonthlyValue,
};

function checkSpan(
  b: { startOn?: string; endOn?: string; host?: string; hostCityId?: string | null },
  ctx: z.RefinementCtx,
) {
  if (b.startOn && b.endOn) {
    if (b.endOn < b.startOn) ctx.addIssue({ code: 'custom', path: ['endOn'], message: 'must not be before startOn' });
    else if (monthsOf(b.startOn, b.endOn).length > SECONDMENT_LIMITS.months)
      ctx.addIssue({
        code: 'custom',
        path: ['endOn'],
        message: `a secondment spans at most ${SECONDMENT_LIMITS.months} months`,
      });
  }
  if (b.host === 'city' && !b.hostCityId)
    ctx.addIssue({ code: 'custom', path: ['hostCityId'], message: 'required when host is city' });
  if (b.host === 'secretariat' && b.hostCityId)
    ctx.addIssue({ code: 'custom', path: ['hostCityId'], message: 'only when host is city' });
}

export const CreateSecondmentBody = z.object(secondmentFields).strict().superRefine(checkSpan);
export type CreateSecondmentBody = z.infer<typeof CreateSecondmentBody>;

export const ApproveMonthBody = z.object({ note: Text(500).optional() }).strict();
