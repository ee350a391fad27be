// Membership calls: how the GNLC admits cities. The secretariat opens a call for a window; a city
// applies without an account (its contact confirms the e-mail address first); the country's
// National Commission for UNESCO endorses or declines within a window; a jury scores the endorsed
// applications; the secretariat admits or not. Pure rules and schemas: word counts, bounds, the
// state machine, the per-country limit, the report. Shared by the API, the activities and the workflows.
import { z } from 'zod';
import {
  MAX_DURATION,
  addDuration,
  boundedDuration,
  durationMs,
  isDurationAtMost,
  isValidDuration,
} from './duration.js';
import { Instant, Prose, Text } from './schemas.js';
import { LANGUAGES } from './auth.js';

/** One workflow per call: a second start of the same call is refused. */
export const membershipCallWorkflowId = (callId: string) => `membership-call:${callId}`;
/** One workflow per application. */
export const membershipApplicationWorkflowId = (applicationId: string) => `membership-application:${applicationId}`;

export const CALL_STATUSES = ['open', 'reviewing', 'closed'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/**
 * An application's states. `submitted`: the contact has not confirmed the e-mail address yet (it
 * does not count); `expired`: never confirmed before the call closed; `lapsed`: the National
 * Commission did not answer in its window (not admitted).
 */
export const APPLICATION_STATUSES = [
  'submitted',
  'natcom_review',
  'jury_review',
  'admitted',
  'not_admitted',
  'withdrawn',
  'lapsed',
  'expired',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const FINAL_APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'admitted',
  'not_admitted',
  'withdrawn',
  'lapsed',
  'expired',
];
export const isFinalApplication = (s: ApplicationStatus) => FINAL_APPLICATION_STATUSES.includes(s);

/** Which state may follow which: anything not listed is refused. */
export const APPLICATION_TRANSITIONS: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = Object.freeze(
  {
    submitted: ['natcom_review', 'expired', 'withdrawn'],
    natcom_review: ['jury_review', 'not_admitted', 'lapsed', 'withdrawn'],
    jury_review: ['admitted', 'not_admitted', 'withdrawn'],
    admitted: [],
    not_admitted: [],
    withdrawn: [],
    lapsed: [],
    expired: [],
  },
);
export const canMove = (from: ApplicationStatus, to: ApplicationStatus): boolean =>
  APPLICATION_TRANSITIONS[from].includes(to);

export const CALL_LIMITS = Object.freeze({
  title: 200,
  perCountryLimitMax: 20,
  /** The National Commission's window: at least a day, at most six months. */
  natcomWindowMin: 'P1D',
  natcomWindowMax: 'P6M',
  jurors: 20,
});
export const CALL_DEFAULTS = Object.freeze({
  perCountryLimit: 3,
  natcomWindow: 'P1M',
  /** Leads before the National Commission's deadline at which it is reminded. */
  natcomReminders: ['P7D', 'P2D'] as string[],
});

export const APPLICATION_LIMITS = Object.freeze({
  words: 200,
  prose: 3000,
  population: 100_000_000,
  areaKm2: 100_000,
  /** GDP per capita in US cents: at most US$1,000,000. */
  gdpMinor: 100_000_000,
  schoolingYears: 25,
});

/** What the jury scores, each 1–5. */
export const CRITERIA = ['commitment', 'strategy', 'stakeholders', 'resources', 'monitoring'] as const;
export type Criterion = (typeof CRITERIA)[number];
/** The challenges a city rates, each 1–5 (1: minor, 5: severe). */
export const CHALLENGES = ['inclusion', 'literacy', 'employment', 'health', 'environment', 'digital'] as const;
export type Challenge = (typeof CHALLENGES)[number];
export const SCORE = Object.freeze({ min: 1, max: 5 });

/** The region whose share of applications and admissions the report states (the MDFM's focus). */
export const FOCUS_REGION = 'africa';

/** Words of a text: runs of letters or digits (with inner apostrophes and hyphens), in any script. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

const atMostWords = (max: number) =>
  Prose(APPLICATION_LIMITS.prose).refine((s) => countWords(s) <= max, { error: `must be at most ${max} words` });

// ---------------------------------------------------------------- the call

export const NatcomWindow = boundedDuration(CALL_LIMITS.natcomWindowMax).refine(
  (d): boolean => !isValidDuration(d) || !isDurationAtMost(d, 'PT23H59M59S'),
  { error: `must be at least ${CALL_LIMITS.natcomWindowMin}` },
);

export const CreateCallBody = z
  .object({
    title: Text(CALL_LIMITS.title),
    opensAt: Instant.optional().describe('default: now'),
    closesAt: Instant,
    perCountryLimit: z
      .int()
      .min(1)
      .max(CALL_LIMITS.perCountryLimitMax)
      .default(CALL_DEFAULTS.perCountryLimit)
      .describe('endorsed applications per country in this call'),
    natcomWindow: NatcomWindow.default(CALL_DEFAULTS.natcomWindow).describe(
      "the National Commission's time to endorse or decline (ISO 8601, P1D..P6M)",
    ),
  })
  .strict();
export type CreateCallBody = z.output<typeof CreateCallBody>;

/** The window's own rules against `now`, naming the field. */
export function callWindowProblem(
  w: { opensAt: number; closesAt: number },
  now: number,
): { path: string; message: string } | null {
  if (w.closesAt <= now) return { path: 'body.closesAt', message: 'must be in the future' };
  if (w.closesAt <= w.opensAt) return { path: 'body.closesAt', message: 'must be after opensAt' };
  if (w.opensAt > addDuration(new Date(now), MAX_DURATION.WINDOW).getTime())
    return { path: 'body.opensAt', message: `must be within ${MAX_DURATION.WINDOW}` };
  if (w.closesAt > addDuration(new Date(w.opensAt), MAX_DURATION.WINDOW).getTime())
    return { path: 'body.closesAt', message: `a call may be open at most ${MAX_DURATION.WINDOW}` };
  return null;
}

export const JurorBody = z
  .object({
    name: Text(200),
    email: z.email().max(254),
    language: z.enum(LANGUAGES).default('en').describe("the language of the juror's messages (default English)"),
  })
  .strict();

// ---------------------------------------------------------------- the application

const wholeOrTenths = (max: number) =>
  z
    .number()
    .min(0)
    .max(max)
    .refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-6, { error: 'at most one decimal' });

const UsdMinor = z
  .object({ currency: z.literal('USD'), minor: z.int().min(0).max(APPLICATION_LIMITS.gdpMinor) })
  .strict()
  .describe('US dollars in cents');

export const ApplicationBody = z
  .object({
    cityName: Text(200),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
      .transform((s) => s.toUpperCase()),
    contact: z.object({ name: Text(200), email: z.email().max(254) }).strict(),
    cityData: z
      .object({
        population: z.int().min(1).max(APPLICATION_LIMITS.population),
        areaKm2: z.int().min(1).max(APPLICATION_LIMITS.areaKm2),
        gdpPerCapitaCity: UsdMinor,
        gdpPerCapitaCountry: UsdMinor,
        schoolingYears: z
          .object({
            female: wholeOrTenths(APPLICATION_LIMITS.schoolingYears),
            male: wholeOrTenths(APPLICATION_LIMITS.schoolingYears),
          })
          .strict()
          .describe('average years of schooling, by sex'),
      })
      .strict(),
    motivation: atMostWords(APPLICATION_LIMITS.words),
    implementation: atMostWords(APPLICATION_LIMITS.words),
    challenges: z
      .object(
        Object.fromEntries(CHALLENGES.map((c) => [c, z.int().min(SCORE.min).max(SCORE.max)])) as Record<
          Challenge,
          z.ZodInt
        >,
      )
      .strict(),
    language: z.enum(LANGUAGES).describe('the language of communication'),
    mayor: z
      .object({
        name: Text(200),
        confirmed: z.literal(true, { error: "the mayor's endorsement must be confirmed" }),
      })
      .strict(),
    /** A field people never see: a bot that fills it is answered as if it applied, and nothing is kept. */
    website: z.string().max(500).optional().describe('leave empty'),
  })
  .strict();
export type ApplicationBody = z.output<typeof ApplicationBody>;
export type ApplicationForm = Omit<ApplicationBody, 'website'>;

/** The public submission's limit per client address and call (as sign-in: counted in PostgreSQL). */
export const APPLY_LIMIT = Object.freeze({ perClientPerWindow: 10, windowMs: 15 * 60_000 });

export const NatcomDecisionBody = z
  .object({
    token: z.string().min(20).max(100),
    decision: z.enum(['endorse', 'decline']),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();
export const TokenBody = z.object({ token: z.string().min(20).max(100) }).strict();

export const ScoresBody = z
  .object({
    jurorId: z.uuid(),
    scores: z
      .object(
        Object.fromEntries(CRITERIA.map((c) => [c, z.int().min(SCORE.min).max(SCORE.max)])) as Record<
          Criterion,
          z.ZodInt
        >,
      )
      .strict(),
  })
  .strict();

/** A juror's link: valid while the call is not closed, and at most this long after it was sent. */
export const JURY_LINK = Object.freeze({ ttlMs: 180 * 86_400_000, validity: 'P180D' });

const CriterionScores = z
  .object(
    Object.fromEntries(CRITERIA.map((c) => [c, z.int().min(SCORE.min).max(SCORE.max)])) as Record<Criterion, z.ZodInt>,
  )
  .strict();

/** A juror's own scores, with its link's token (in the body, never in the URL). */
export const JuryScoresBody = z.object({ token: z.string().min(20).max(100), scores: CriterionScores }).strict();

export const DecisionBody = z
  .object({
    decision: z.enum(['admitted', 'not_admitted']),
    cluster: z.string().min(1).max(32).optional().describe('admitted: the cluster the new member joins'),
    note: z.string().trim().max(2000).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.decision === 'admitted' && !b.cluster)
      ctx.addIssue({ code: 'custom', path: ['cluster'], message: 'an admitted city joins a cluster' });
  });

/** The per-country limit at endorsement: the refusal's text, or null when this one may be endorsed. */
export function endorsementRefusal(endorsedInCountry: number, limit: number, country: string): string | null {
  return endorsedInCountry >= limit
    ? `${country} has ${endorsedInCountry} endorsed applications in this call already; the limit is ${limit}`
    : null;
}

/** Reminder instants (epoch ms) before `deadline`, earliest first, only those after `from`. */
export function natcomReminderTimes(deadline: number, leads: readonly string[], from: number): number[] {
  return [...new Set(leads.map((l) => deadline - durationMs(l)))].filter((t) => t > from).sort((a, b) => a - b);
}

/** The jury's mean per criterion and overall, in hundredths as strings (no float drift); null without a score. */
export function meanScore(scores: readonly number[]): string | null {
  if (!scores.length) return null;
  const h = Math.round((scores.reduce((a, b) => a + b, 0) * 100) / scores.length);
  return `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`;
}

// ---------------------------------------------------------------- the report

export interface ReportRow {
  region: string;
  country: string;
  status: ApplicationStatus;
}
export interface CountLine {
  applications: number;
  endorsed: number;
  admitted: number;
}
export interface CallReport {
  /** Applications that count: the contact confirmed the address. */
  applications: number;
  admitted: number;
  byRegion: ({ region: string } & CountLine)[];
  byCountry: ({ country: string; region: string } & CountLine)[];
  africa: {
    applications: number;
    admitted: number;
    /** Percent with one decimal as a string ("37.5"); null when there is nothing to share. */
    applicationShare: string | null;
    admittedShare: string | null;
  };
}

const ENDORSED: readonly ApplicationStatus[] = ['jury_review', 'admitted', 'not_admitted'];
const percent = (part: number, whole: number): string | null => {
  if (!whole) return null;
  const tenths = Math.round((part * 1000) / whole);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
};

/**
 * Counts per region and country of the applications that count (unconfirmed ones do not), those
 * endorsed (reached the jury; a jury's "not admitted" still was endorsed) and those admitted.
 */
export function buildReport(rows: readonly (ReportRow & { endorsed?: boolean; confirmed?: boolean })[]): CallReport {
  const counted = rows.filter((r) => r.confirmed ?? (r.status !== 'submitted' && r.status !== 'expired'));
  const line = (rs: typeof counted): CountLine => ({
    applications: rs.length,
    endorsed: rs.filter((r) => r.endorsed ?? ENDORSED.includes(r.status)).length,
    admitted: rs.filter((r) => r.status === 'admitted').length,
  });
  const regions = [...new Set(counted.map((r) => r.region))].sort();
  const countries = [...new Set(counted.map((r) => r.country))].sort();
  const africa = counted.filter((r) => r.region === FOCUS_REGION);
  const admitted = counted.filter((r) => r.status === 'admitted').length;
  const africanAdmitted = africa.filter((r) => r.status === 'admitted').length;
  return {
    applications: counted.length,
    admitted,
    byRegion: regions.map((region) => ({ region, ...line(counted.filter((r) => r.region === region)) })),
    byCountry: countries.map((country) => {
      const mine = counted.filter((r) => r.country === country);
      return { country, region: mine[0]!.region, ...line(mine) };
    }),
    africa: {
      applications: africa.length,
      admitted: africanAdmitted,
      applicationShare: percent(africa.length, counted.length),
      admittedShare: percent(africanAdmitted, admitted),
    },
  };
}
