// Rules of donor pledges to the GNLC (MDFM pooled fund and earmarked voluntary contributions).
// Pure and deterministic: imported by Temporal workflow code.
import { z } from 'zod';
import { MAX_DURATION, addDuration, boundedDuration, parseDuration } from './duration.js';
import { CalendarDate, END_MS, LATEST_DATE, Note, Prose, Text } from './schemas.js';
import { BienniumString, bienniumRange } from './biennium.js';
import { AmountString, Currency, MoneyBody, parseAmount, rateProblem, splitEvenly, sumMinor } from './money.js';

export const PLEDGE_STATUSES = [
  'prospect',
  'in_discussion',
  'pledged',
  'agreement_signed',
  'in_fulfilment',
  'fulfilled',
  'reported',
  'closed',
  'declined',
  'cancelled',
  'written_off',
] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

/**
 * Legal transitions. `declined` is possible only before a pledge is made; `cancelled` (with a
 * reason) and `written_off` end a pledge that is made but not fulfilled, writing off what is unpaid.
 */
export const TRANSITIONS: Readonly<Record<PledgeStatus, readonly PledgeStatus[]>> = Object.freeze({
  prospect: ['in_discussion', 'declined'],
  in_discussion: ['pledged', 'declined'],
  pledged: ['agreement_signed', 'cancelled', 'written_off'],
  agreement_signed: ['in_fulfilment', 'cancelled', 'written_off'],
  in_fulfilment: ['fulfilled', 'cancelled', 'written_off'],
  fulfilled: ['reported'],
  reported: ['closed'],
  closed: [],
  declined: [],
  cancelled: [],
  written_off: [],
});

export const TERMINAL_STATUSES: readonly PledgeStatus[] = ['closed', 'declined', 'cancelled', 'written_off'];
/** Statuses in which the donor has committed money: counted as pledged in the summary. */
export const COMMITTED_STATUSES: readonly PledgeStatus[] = [
  'pledged',
  'agreement_signed',
  'in_fulfilment',
  'fulfilled',
  'reported',
  'closed',
];
/** Statuses that accept receipts. */
export const RECEIVING_STATUSES: readonly PledgeStatus[] = ['pledged', 'agreement_signed', 'in_fulfilment'];
/** A reason is required where the pledge ends without money. */
export const NOTE_REQUIRED: readonly PledgeStatus[] = ['declined', 'cancelled', 'written_off'];
/**
 * What a donor token may do itself: commit or decline. `reported` is the secretariat's: the
 * recipient reports to its donor (domain/reporting-requirement.ts), not the other way round.
 */
export const DONOR_TRANSITIONS: readonly PledgeStatus[] = ['pledged', 'declined'];

export type TransitionCheck = { ok: true } | { ok: false; status: 409 | 422; message: string; legal: PledgeStatus[] };

export function checkTransition(from: PledgeStatus, to: PledgeStatus, note?: string | null): TransitionCheck {
  const legal = [...TRANSITIONS[from]];
  if (!legal.includes(to)) {
    return {
      ok: false,
      status: 409,
      legal,
      message: legal.length
        ? `a pledge cannot go from ${from} to ${to}; from ${from} it can go to: ${legal.join(', ')}`
        : `a pledge cannot go from ${from} to ${to}; ${from} is final`,
    };
  }
  if (NOTE_REQUIRED.includes(to) && !note?.trim())
    return { ok: false, status: 422, legal, message: `a note giving the reason is required to move to ${to}` };
  return { ok: true };
}

// ---------------------------------------------------------------- earmarks

export const FUNDING_OPTIONS = ['mdfm', 'capacity_building_ldc', 'thematic_study', 'communication_exchange'] as const;
export type FundingOption = (typeof FUNDING_OPTIONS)[number];
export const SUB_OPTIONS = ['host_event', 'fund_publication', 'fund_peer_learning_database', 'seconded_staff'] as const;
export type SubOption = (typeof SUB_OPTIONS)[number];
export const FOCUS_FLAGS = ['africa', 'low_income_countries'] as const;
export type FocusFlag = (typeof FOCUS_FLAGS)[number];
export const PLEDGE_KINDS = ['financial', 'in_kind'] as const;
export type PledgeKind = (typeof PLEDGE_KINDS)[number];

/** The workflow of one pledge: `pledge:<row id>`. */
export const pledgeWorkflowId = (pledgeId: string) => `pledge:${pledgeId}`;

// ---------------------------------------------------------------- instalments

export const INSTALMENT_STATUSES = ['scheduled', 'due', 'overdue', 'paid', 'waived', 'written_off'] as const;
export type InstalmentStatus = (typeof INSTALMENT_STATUSES)[number];
export const SETTLED: readonly InstalmentStatus[] = ['paid', 'waived', 'written_off'];

export interface Instalment {
  seq: number;
  due: string; // YYYY-MM-DD
  amountMinor: number;
  paidMinor: number;
  status: InstalmentStatus;
}

/** What is still owed on an instalment: nothing once settled. The one outstanding-balance formula. */
export const outstandingOf = (i: Pick<Instalment, 'amountMinor' | 'paidMinor' | 'status'>): number =>
  SETTLED.includes(i.status) ? 0 : Math.max(0, Number(i.amountMinor) - Number(i.paidMinor));

/** What is still owed on a schedule (optionally only on instalments due before `before`, YYYY-MM-DD). */
export const outstandingTotal = (
  rows: readonly Pick<Instalment, 'amountMinor' | 'paidMinor' | 'status' | 'due'>[],
  before?: string,
): number => rows.filter((i) => before === undefined || i.due < before).reduce((sum, i) => sum + outstandingOf(i), 0);

/** Status moves forward only, and never away from settled; a full payment settles from anywhere. */
export function nextInstalmentStatus(current: InstalmentStatus, proposed: InstalmentStatus): InstalmentStatus {
  if (SETTLED.includes(current)) return current;
  const order: InstalmentStatus[] = ['scheduled', 'due', 'overdue'];
  if (SETTLED.includes(proposed)) return proposed;
  return order.indexOf(proposed) > order.indexOf(current) ? proposed : current;
}

/** Multiplies every component of an ISO duration: start + k×P1M stays on the start's day (no drift). */
export function scaleDuration(iso: string, k: number): string {
  const d = parseDuration(iso);
  const t = d.hours || d.minutes || d.seconds ? `T${d.hours * k}H${d.minutes * k}M${d.seconds * k}S` : '';
  return `P${d.years * k}Y${d.months * k}M${d.weeks * k}W${d.days * k}D${t}`;
}

/** When the last of `count` instalments every `interval` from `start` falls due (an invalid Date if beyond any). */
export const lastDue = (start: string, interval: string, count: number): Date =>
  addDuration(new Date(`${start}T00:00:00Z`), scaleDuration(interval, count - 1));

export type ScheduleSpec =
  { list: { due: string; amountMinor: number }[] } | { count: number; interval: string; start: string };

export type ScheduleResult = { ok: true; instalments: Instalment[] } | { ok: false; message: string };

/** The instalments of a pledge of `totalMinor`: explicit (must sum to it) or count × interval from a start. */
export function buildSchedule(totalMinor: number, spec: ScheduleSpec): ScheduleResult {
  let rows: { due: string; amountMinor: number }[];
  if ('list' in spec) {
    rows = [...spec.list].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
    let sum: number;
    try {
      sum = sumMinor(rows.map((r) => r.amountMinor));
    } catch {
      return { ok: false, message: `instalments sum to more than the pledge of ${totalMinor} minor units` };
    }
    if (sum !== totalMinor)
      return { ok: false, message: `instalments sum to ${sum} minor units, the pledge is ${totalMinor}` };
    if (rows.some((r) => r.amountMinor <= 0)) return { ok: false, message: 'every instalment must be more than zero' };
  } else {
    if (totalMinor < spec.count)
      return { ok: false, message: `${spec.count} instalments cannot share ${totalMinor} minor units` };
    const parts = splitEvenly(totalMinor, spec.count);
    const start = new Date(`${spec.start}T00:00:00Z`);
    rows = parts.map((amountMinor, k) => ({
      due: addDuration(start, scaleDuration(spec.interval, k)).toISOString().slice(0, 10),
      amountMinor,
    }));
  }
  return {
    ok: true,
    instalments: rows.map((r, i) => ({
      seq: i + 1,
      due: r.due,
      amountMinor: r.amountMinor,
      paidMinor: 0,
      status: 'scheduled' as const,
    })),
  };
}

// ---------------------------------------------------------------- reminders

export const PLEDGE_DEFAULTS = Object.freeze({
  beforeDue: 'P14D',
  overdueAfter: Object.freeze(['P1D', 'P30D']) as readonly string[],
  escalateAfter: 'P60D',
  stuckAfter: 'P60D',
  reportDue: 'P90D',
});

export interface ReminderSettings {
  beforeDue: string;
  overdueAfter: string[];
  escalateAfter: string;
  stuckAfter: string;
  reportDue: string;
}

export function reminderSettings(input: Partial<ReminderSettings> = {}): ReminderSettings {
  const d = PLEDGE_DEFAULTS;
  return {
    beforeDue: input.beforeDue ?? d.beforeDue,
    overdueAfter: [...(input.overdueAfter ?? d.overdueAfter)],
    escalateAfter: input.escalateAfter ?? d.escalateAfter,
    stuckAfter: input.stuckAfter ?? d.stuckAfter,
    reportDue: input.reportDue ?? d.reportDue,
  };
}

/** Subtracts an ISO duration (fixed-length parts only matter for reminders, but months work too). */
export function subtractDuration(at: Date, iso: string): Date {
  const d = parseDuration(iso);
  const neg = `P${d.years ? `${d.years}Y` : ''}${d.months ? `${d.months}M` : ''}`;
  // addDuration takes no negative durations: step back by calendar parts, then by exact time.
  const back = new Date(Date.UTC(at.getUTCFullYear() - d.years, at.getUTCMonth() - d.months, 1));
  const day = Math.min(
    at.getUTCDate(),
    new Date(Date.UTC(back.getUTCFullYear(), back.getUTCMonth() + 1, 0)).getUTCDate(),
  );
  const timeOfDay = at.getTime() - Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const calendar = neg === 'P' ? at.getTime() : Date.UTC(back.getUTCFullYear(), back.getUTCMonth(), day) + timeOfDay;
  const exact =
    ((d.weeks * 7 + d.days) * 86_400 + d.hours * 3600 + d.minutes * 60) * 1000 + Math.round(d.seconds * 1000);
  return new Date(calendar - exact);
}

export type ReminderKind = 'before-due' | 'overdue' | 'escalation';

export interface PlannedReminder {
  /** Unique per pledge: the outbox key suffix, so a reminder is sent once even across retries. */
  key: string;
  at: number; // epoch ms
  kind: ReminderKind;
  seq: number;
}

/** Every instalment reminder of a schedule, ascending; due dates are midnight UTC. */
export function instalmentReminders(instalments: readonly Instalment[], s: ReminderSettings): PlannedReminder[] {
  const out: PlannedReminder[] = [];
  for (const inst of instalments) {
    const due = new Date(`${inst.due}T00:00:00Z`);
    out.push({
      key: `inst${inst.seq}:before-due`,
      at: subtractDuration(due, s.beforeDue).getTime(),
      kind: 'before-due',
      seq: inst.seq,
    });
    s.overdueAfter.forEach((d, i) =>
      out.push({
        key: `inst${inst.seq}:overdue${i + 1}`,
        at: addDuration(due, d).getTime(),
        kind: 'overdue',
        seq: inst.seq,
      }),
    );
    out.push({
      key: `inst${inst.seq}:escalation`,
      at: addDuration(due, s.escalateAfter).getTime(),
      kind: 'escalation',
      seq: inst.seq,
    });
  }
  return out.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));
}

// ---------------------------------------------------------------- in kind

export const VALUATION_STATUSES = ['none', 'proposed', 'approved', 'rejected'] as const;
export type ValuationStatus = (typeof VALUATION_STATUSES)[number];

export interface Valuation {
  currency: string;
  minor: number;
  method: string;
  evidence: string;
}

// ---------------------------------------------------------------- API schemas

const ValuationFields = {
  amount: MoneyBody,
  method: Text(200).describe('e.g. market price of comparable services, cost of seconded staff'),
  evidence: Prose(2000).describe('where the valuation comes from: quote, invoice, salary scale'),
};

export const InKindBody = z
  .object({
    description: Prose(2000),
    quantity: z
      .string()
      .regex(/^\d{1,9}(\.\d{1,3})?$/, 'must be a decimal string')
      .optional(),
    unit: Text(50).optional(),
    valuation: z.object(ValuationFields).strict().optional(),
  })
  .strict()
  .refine((v) => v.valuation || (v.quantity && v.unit), { error: 'give a quantity and unit, or a valuation' });

/** Pledge reminders and instalment intervals: agreements run a few years (domain/duration.ts MAX_DURATION). */
const pledgeDuration = boundedDuration(MAX_DURATION.PLEDGE);

export const RemindersBody = z
  .object({
    beforeDue: pledgeDuration.optional(),
    overdueAfter: z.array(pledgeDuration).max(5).optional(),
    escalateAfter: pledgeDuration.optional(),
    stuckAfter: pledgeDuration.optional(),
    reportDue: pledgeDuration.optional(),
  })
  .strict();

const InstalmentRow = z.object({ due: CalendarDate, amount: AmountString }).strict();

export const CreatePledgeBody = z
  .object({
    donorId: z.uuid(),
    kind: z.enum(PLEDGE_KINDS),
    fundingOption: z.enum(FUNDING_OPTIONS),
    subOption: z.enum(SUB_OPTIONS).optional(),
    focus: z.array(z.enum(FOCUS_FLAGS)).max(2).optional(),
    biennium: BienniumString,
    amount: z.object({ currency: Currency, value: AmountString }).strict().optional(),
    instalments: z
      .union([
        z.array(InstalmentRow).min(1).max(60),
        z.object({ count: z.int().min(1).max(60), interval: pledgeDuration, start: CalendarDate }).strict(),
      ])
      .optional(),
    inKind: InKindBody.optional(),
    reminders: RemindersBody.optional(),
    note: Note(2000).optional(),
    status: z
      .enum(['prospect', 'in_discussion', 'pledged'])
      .optional()
      .describe("secretariat only (default pledged); a donor's own offer starts in_discussion"),
  })
  .strict()
  .superRefine((b, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (b.subOption && b.fundingOption !== 'communication_exchange')
      issue('subOption', 'only communication_exchange has sub-options');
    if (b.focus && new Set(b.focus).size !== b.focus.length) issue('focus', 'a focus is listed twice');
    if (b.kind === 'financial') {
      if (!b.amount) return issue('amount', 'a financial pledge needs an amount');
      if (b.inKind) issue('inKind', 'only in-kind pledges describe in-kind support');
      const total = parseAmount(b.amount.value, b.amount.currency);
      if (!total.ok) return ctx.addIssue({ code: 'custom', path: ['amount', 'value'], message: total.message });
      if (total.value === 0)
        return ctx.addIssue({ code: 'custom', path: ['amount', 'value'], message: 'must be more than zero' });
      if (Array.isArray(b.instalments)) {
        b.instalments.forEach((row, i) => {
          const p = parseAmount(row.amount, b.amount!.currency);
          if (!p.ok) ctx.addIssue({ code: 'custom', path: ['instalments', i, 'amount'], message: p.message });
        });
      } else if (b.instalments) {
        // Generated due dates are dates like any other: the last one must be within the bounds too.
        const { count, interval, start } = b.instalments;
        if (!(lastDue(start, interval, count).getTime() < END_MS))
          ctx.addIssue({
            code: 'custom',
            path: ['instalments', 'count'],
            message: `the last instalment would be due after ${LATEST_DATE}`,
          });
      }
    } else {
      if (!b.inKind) issue('inKind', 'an in-kind pledge needs an inKind description');
      if (b.amount) issue('amount', 'an in-kind pledge has no amount; give inKind.valuation');
      if (b.instalments) issue('instalments', 'an in-kind pledge has no instalments');
    }
  });
export type CreatePledgeBody = z.infer<typeof CreatePledgeBody>;

/** The schedule a valid body asks for (a single instalment due at the biennium's start when none is given). */
export function scheduleOf(b: CreatePledgeBody, totalMinor: number): ScheduleResult {
  if (!b.instalments)
    return buildSchedule(totalMinor, { list: [{ due: bienniumRange(b.biennium).start, amountMinor: totalMinor }] });
  if (Array.isArray(b.instalments)) {
    const list = b.instalments.map((r) => {
      const p = parseAmount(r.amount, b.amount!.currency);
      return { due: r.due, amountMinor: p.ok ? p.value : 0 };
    });
    return buildSchedule(totalMinor, { list });
  }
  return buildSchedule(totalMinor, b.instalments);
}

export const TransitionBody = z.object({ to: z.enum(PLEDGE_STATUSES), note: Note(2000).optional() }).strict();
export type TransitionBody = z.infer<typeof TransitionBody>;

/** Waiving an instalment forgoes what is still owed on it; the note says why (it goes to the donor). */
export const WaiveBody = z.object({ note: Prose(2000) }).strict();
export type WaiveBody = z.infer<typeof WaiveBody>;

export const ReceiptBody = z
  .object({
    amount: MoneyBody,
    receivedOn: CalendarDate,
    fxRateToUsd: z
      .string()
      .max(32)
      .meta({
        description: 'US dollars per unit of the currency; default: the recorded rate',
        pattern: '^\\d{1,12}(\\.\\d{1,12})?$',
      })
      .optional(),
    receiptNumber: Text(100).optional(),
  })
  .strict()
  .refine(
    (b) =>
      b.fxRateToUsd === undefined || (/^\d{1,12}(\.\d{1,12})?$/.test(b.fxRateToUsd) && /[1-9]/.test(b.fxRateToUsd)),
    {
      path: ['fxRateToUsd'],
      error: 'must be a positive decimal string with at most 12 decimals',
    },
  )
  .refine((b) => b.amount.minor > 0, { path: ['amount', 'value'], error: 'must be more than zero' })
  .superRefine((b, ctx) => {
    const problem = b.fxRateToUsd === undefined ? null : rateProblem(b.fxRateToUsd, b.amount.currency);
    if (problem) ctx.addIssue({ code: 'custom', path: ['fxRateToUsd'], message: problem });
  });
export type ReceiptBody = z.infer<typeof ReceiptBody>;

export const ValuationBody = z.union([
  z.object(ValuationFields).strict(),
  z.object({ decision: z.enum(['approve', 'reject']), note: Note(2000).optional() }).strict(),
]);
export type ValuationBody = z.infer<typeof ValuationBody>;
