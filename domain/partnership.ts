// Partnerships for African cities (issue #11): a supporting member city (and optionally a donor)
// gives an African city — a member, or a candidate not yet in the network — targeted support to
// become a learning city and join the GNLC. Kinds, goals, dated activities in the common schedule,
// progress reports due every `reportEvery`, linked capacity-building pledges and an outcome. Pure:
// shared by the API, the activities and the workflow.
import { z } from 'zod';
import { addDuration, boundedDuration, isDurationAtMost, isValidDuration, parseDuration } from './duration.js';
import { CalendarDate, END_MS, Instant, Prose, Text } from './schemas.js';

/** The workflow of a partnership: `partnership:<id>`, so a second start of the same partnership is refused. */
export const partnershipWorkflowId = (partnershipId: string) => `partnership:${partnershipId}`;

export const PARTNERSHIP_KINDS = ['twinning', 'mentoring', 'peer_exchange', 'training'] as const;
export type PartnershipKind = (typeof PARTNERSHIP_KINDS)[number];
export const PARTNERSHIP_STATUSES = ['active', 'completed'] as const;
export type PartnershipStatus = (typeof PARTNERSHIP_STATUSES)[number];
export const PARTNERSHIP_OUTCOMES = ['applied', 'admitted', 'ended_without_application'] as const;
export type PartnershipOutcome = (typeof PARTNERSHIP_OUTCOMES)[number];

/** The only funding option a partnership's contribution may have (domain/pledge.ts FUNDING_OPTIONS). */
export const CONTRIBUTION_FUNDING_OPTION = 'capacity_building_ldc' as const;

export const PARTNERSHIP_LIMITS = Object.freeze({
  title: 200,
  goals: 10,
  goal: 300,
  summary: 5000,
  description: 2000,
  location: 200,
  /** Shortest and longest report cycle. */
  reportEveryMin: 'P3M',
  reportEveryMax: 'P1Y',
  /** Longest activity (a training week, an exchange visit). */
  activityMax: 'P30D',
  contributions: 20,
});

/** How long before each report is due its supporting city's representative is reminded. */
export const REPORT_REMINDER_LEAD_MS = 14 * 86_400_000;
/** Report periods one workflow run covers before it continues as new (a partnership may run for years). */
export const REPORTS_PER_RUN = 4;

/**
 * UNESCO counts Djibouti, Mauritania, Somalia and Sudan in Africa as well as in the Arab States
 * (db/seed/countries.ts keeps them in arab_states): a city there is an African city too.
 */
export const AFRICAN_ARAB_STATES = ['DJ', 'MR', 'SO', 'SD'] as const;
export const isAfrican = (country: { code: string; region: string }): boolean =>
  country.region === 'africa' || (AFRICAN_ARAB_STATES as readonly string[]).includes(country.code);

/** The report cycle: P3M to P1Y. */
export const ReportEvery = boundedDuration(PARTNERSHIP_LIMITS.reportEveryMax).refine(
  // Shorter than P3M: at most P3M and P3M not at most it (measured from one reference date).
  (d) =>
    !isValidDuration(d) ||
    !isDurationAtMost(d, PARTNERSHIP_LIMITS.reportEveryMin) ||
    isDurationAtMost(PARTNERSHIP_LIMITS.reportEveryMin, d),
  { error: `must be at least ${PARTNERSHIP_LIMITS.reportEveryMin}` },
);

/** `iso` taken `n` times (P3M × 2 = P6M): added to a date at once, so month ends do not drift. */
export function scaleDuration(iso: string, n: number): string {
  const d = parseDuration(iso);
  const part = (v: number, unit: string) => (v ? `${v * n}${unit}` : '');
  const date = part(d.years, 'Y') + part(d.months, 'M') + part(d.weeks, 'W') + part(d.days, 'D');
  const time = part(d.hours, 'H') + part(d.minutes, 'M') + part(d.seconds, 'S');
  return date || time ? `P${date}${time ? `T${time}` : ''}` : 'PT0S';
}

const dayStart = (date: string) => new Date(`${date}T00:00:00Z`);

/** When report `seq` (1, 2, ...) is due: the start (00:00 UTC) plus seq × reportEvery, epoch ms. */
export const reportDueMs = (startsOn: string, reportEvery: string, seq: number): number =>
  addDuration(dayStart(startsOn), scaleDuration(reportEvery, seq)).getTime();

/** The first report due after `now`: reports whose due date passed before the partnership was recorded are not asked. */
export function firstReportAfter(startsOn: string, reportEvery: string, now: number): number {
  let seq = 1;
  while (reportDueMs(startsOn, reportEvery, seq) <= now && seq < 1000) seq++;
  return seq;
}

/** Whether a report period exists: due before the partnership's end (if any) and before 2101. */
export function reportInSpan(startsOn: string, endsOn: string | null, reportEvery: string, seq: number): boolean {
  const due = reportDueMs(startsOn, reportEvery, seq);
  return due < END_MS && (!endsOn || due <= dayStart(endsOn).getTime() + 86_400_000);
}

/**
 * The report a city may file now: the one after the last filed (the first asked when none was).
 * Refused (null) when that period has not begun yet: one report per period, none ahead of time.
 */
export function nextReportSeq(
  p: { startsOn: string; reportEvery: string; firstReport: number },
  lastFiled: number | null,
  now: number,
): number | null {
  const seq = Math.max(lastFiled ?? 0, p.firstReport - 1) + 1;
  if (seq === p.firstReport) return seq;
  return reportDueMs(p.startsOn, p.reportEvery, seq - 1) <= now ? seq : null;
}

// ---------------------------------------------------------------- bodies

const Goals = z
  .array(Text(PARTNERSHIP_LIMITS.goal))
  .min(1)
  .max(PARTNERSHIP_LIMITS.goals)
  .refine((g) => new Set(g).size === g.length, { error: 'a goal is listed twice' });

const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
  .transform((s) => s.toUpperCase());

export const NewAfricanCity = z
  .object({
    name: Text(200),
    country: countryCode,
    status: z.enum(['candidate']).default('candidate'),
  })
  .strict()
  .describe('an African city not yet in the registry: recorded as a candidate');

export const CreatePartnershipBody = z
  .object({
    title: Text(PARTNERSHIP_LIMITS.title),
    kind: z.enum(PARTNERSHIP_KINDS),
    supportingCityId: z.uuid().describe('the member city that gives the support'),
    africanCityId: z.uuid().optional().describe('the African city supported, when it is in the registry'),
    newAfricanCity: NewAfricanCity.optional(),
    donorId: z.uuid().optional(),
    goals: Goals,
    startsOn: CalendarDate,
    endsOn: CalendarDate.optional(),
    reportEvery: ReportEvery.default('P6M').describe('ISO 8601 duration, P3M to P1Y (default P6M)'),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (!b.africanCityId === !b.newAfricanCity)
      ctx.addIssue({
        code: 'custom',
        path: ['africanCityId'],
        message: 'give either africanCityId or newAfricanCity',
      });
    if (b.endsOn && b.endsOn <= b.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'must be after startsOn' });
  });
export type CreatePartnershipBody = z.output<typeof CreatePartnershipBody>;

export const PatchPartnershipBody = z
  .object({
    title: Text(PARTNERSHIP_LIMITS.title).optional(),
    kind: z.enum(PARTNERSHIP_KINDS).optional(),
    goals: Goals.optional(),
    donorId: z.uuid().nullable().optional(),
  })
  .strict()
  .refine((o) => Object.keys(o).length > 0, 'at least one field must be given');
export type PatchPartnershipBody = z.output<typeof PatchPartnershipBody>;

export const ReportBody = z
  .object({
    summary: Prose(PARTNERSHIP_LIMITS.summary),
    nextSteps: Prose(PARTNERSHIP_LIMITS.summary).optional(),
  })
  .strict();
export type ReportBody = z.output<typeof ReportBody>;

const timezone = z
  .string()
  .max(64)
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { error: 'must be an IANA time zone such as Africa/Nairobi' },
  );

export const ActivityBody = z
  .object({
    title: Text(PARTNERSHIP_LIMITS.title),
    description: Prose(PARTNERSHIP_LIMITS.description).optional(),
    startsAt: Instant,
    endsAt: Instant.optional(),
    timezone: timezone.default('UTC').describe('IANA time zone the activity is held in (default UTC)'),
    location: Text(PARTNERSHIP_LIMITS.location).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (!b.endsAt) return;
    const start = Date.parse(b.startsAt);
    const end = Date.parse(b.endsAt);
    if (end <= start) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
    else if (end > addDuration(new Date(start), PARTNERSHIP_LIMITS.activityMax).getTime())
      ctx.addIssue({
        code: 'custom',
        path: ['endsAt'],
        message: `an activity lasts at most ${PARTNERSHIP_LIMITS.activityMax}`,
      });
  });
export type ActivityBody = z.output<typeof ActivityBody>;

export const OutcomeBody = z
  .object({
    outcome: z.enum(PARTNERSHIP_OUTCOMES),
    note: Prose(PARTNERSHIP_LIMITS.description).optional(),
  })
  .strict();
export type OutcomeBody = z.output<typeof OutcomeBody>;

export const ContributionBody = z.object({ pledgeId: z.uuid() }).strict();

// ---------------------------------------------------------------- the Africa support view

export interface SupportRow {
  partnershipId: string;
  status: PartnershipStatus;
  startsOn: string;
  cityId: string;
  cityName: string;
  cityStatus: string;
  yearJoined: number | null;
  country: string;
  countryName: string;
  region: string;
}

export interface SupportCount {
  active: number;
  completed: number;
}

export interface AfricaSupport {
  totals: SupportCount & { cities: number };
  byRegion: (SupportCount & { region: string })[];
  byCountry: (SupportCount & { country: string; name: string; region: string })[];
  /** African cities that are members now and joined in or after the year their first partnership began. */
  joinedAfterSupport: {
    cityId: string;
    name: string;
    country: string;
    supportSince: string;
    yearJoined: number;
  }[];
}

/** A city joined after support when it is a member whose year of joining is at or after its first partnership's start year. */
export const joinedAfter = (yearJoined: number | null, cityStatus: string, supportSince: string): boolean =>
  cityStatus === 'member' && yearJoined !== null && yearJoined >= Number(supportSince.slice(0, 4));

/** Partnerships by region and country, active and completed, and the cities that joined after support. */
export function africaSupport(rows: readonly SupportRow[]): AfricaSupport {
  const count = (rs: readonly SupportRow[]): SupportCount => ({
    active: rs.filter((r) => r.status === 'active').length,
    completed: rs.filter((r) => r.status === 'completed').length,
  });
  const group = <K extends string>(key: (r: SupportRow) => K) => {
    const m = new Map<K, SupportRow[]>();
    for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    return [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
  };
  const firstByCity = new Map<string, SupportRow>();
  for (const r of rows) {
    const seen = firstByCity.get(r.cityId);
    if (!seen || r.startsOn < seen.startsOn) firstByCity.set(r.cityId, r);
  }
  return {
    totals: { ...count(rows), cities: firstByCity.size },
    byRegion: group((r) => r.region).map(([region, rs]) => ({ region, ...count(rs) })),
    byCountry: group((r) => r.country).map(([country, rs]) => ({
      country,
      name: rs[0]!.countryName,
      region: rs[0]!.region,
      ...count(rs),
    })),
    joinedAfterSupport: [...firstByCity.values()]
      .filter((r) => joinedAfter(r.yearJoined, r.cityStatus, r.startsOn))
      .map((r) => ({
        cityId: r.cityId,
        name: r.cityName,
        country: r.country,
        supportSince: r.startsOn,
        yearJoined: r.yearJoined!,
      }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.cityId.localeCompare(b.cityId)),
  };
}
