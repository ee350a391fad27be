// Rules of coordinator elections in the UNESCO Global Network of Learning Cities.
// Pure and deterministic: imported by Temporal workflow code.
import { z } from 'zod';
import { MAX_DURATION, addDuration, boundedDuration } from './duration.js';
import { sha256Hex } from './sha256.js';
import { CalendarDate, Note, Prose, isCalendarDate } from './schemas.js';

export const ELECTION_STATUSES = [
  'nominating',
  'voting',
  'awaiting_tie_break',
  'decided',
  'no_candidates',
  'cancelled',
] as const;
export type ElectionStatus = (typeof ELECTION_STATUSES)[number];

export const NOMINATION_STATUSES = ['pending_acceptance', 'accepted', 'withdrawn'] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

export const ELECTION_DEFAULTS = Object.freeze({
  seats: 1,
  nominationWindow: 'P21D',
  nominationExtension: 'P14D',
  votingWindow: 'P14D',
  votingExtension: 'P7D',
  quorum: 0.5,
  termLimit: 2,
  tieBreakWindow: 'P7D',
  termLength: 'P2Y',
  leadTime: 'P60D',
  reminderFractions: Object.freeze([0.5, 0.9]) as readonly number[],
} as const);

// ---------------------------------------------------------------- eligibility

export interface PriorTerm {
  cityId: string;
  termStart: string; // YYYY-MM-DD
  termEnd: string; // YYYY-MM-DD
}

/** Length of the unbroken chain of `cityId`'s terms that ends exactly at `termStart`. */
export function consecutiveTerms(priorTerms: readonly PriorTerm[], cityId: string, termStart: string): number {
  const own = priorTerms.filter((t) => t.cityId === cityId);
  let count = 0;
  let boundary = termStart;
  // Bounded by the number of terms so malformed data (termStart === termEnd) cannot loop forever.
  while (count < own.length) {
    const prev = own.find((t) => t.termEnd === boundary);
    if (!prev) break;
    count++;
    boundary = prev.termStart;
  }
  return count;
}

export type Eligibility = { ok: true } | { ok: false; reason: 'not_member' | 'term_limit' };

export function canNominate(args: {
  nominee: string;
  members: readonly string[] | ReadonlySet<string>;
  priorTerms: readonly PriorTerm[];
  termStart: string;
  termLimit: number;
}): Eligibility {
  const isMember = Array.isArray(args.members)
    ? args.members.includes(args.nominee)
    : (args.members as ReadonlySet<string>).has(args.nominee);
  if (!isMember) return { ok: false, reason: 'not_member' };
  if (args.termLimit > 0 && consecutiveTerms(args.priorTerms, args.nominee, args.termStart) >= args.termLimit) {
    return { ok: false, reason: 'term_limit' };
  }
  return { ok: true };
}

// ---------------------------------------------------------------- nominations

export type NominationOutcome = 'extend' | 'no_candidates' | 'acclamation' | 'vote';

/**
 * Too few candidates earns one extension; after it, whoever accepted is elected by acclamation
 * (even if fewer than the seats) rather than leaving the cluster without any coordinator.
 */
export function nominationOutcome(args: { accepted: number; seats: number; extended: boolean }): NominationOutcome {
  const { accepted, seats, extended } = args;
  if (accepted < seats && !extended) return 'extend';
  if (accepted === 0) return 'no_candidates';
  return accepted <= seats ? 'acclamation' : 'vote';
}

// ---------------------------------------------------------------- voting

export type BallotCheck = { ok: true; approve: string[] } | { ok: false; status: 400 | 422; message: string };

/** Approval voting: each member city approves 1..seats distinct nominees. */
export function validateBallot(approve: readonly string[], nominees: readonly string[], seats: number): BallotCheck {
  // An empty or duplicated list is a malformed request (400); the rest are rule violations (422).
  if (approve.length === 0) return { ok: false, status: 400, message: 'a ballot must approve at least one nominee' };
  const seen = new Set<string>();
  for (const id of approve) {
    if (seen.has(id)) return { ok: false, status: 400, message: `nominee ${id} is approved more than once` };
    seen.add(id);
  }
  const notNominee = approve.find((id) => !nominees.includes(id));
  if (notNominee !== undefined) {
    return { ok: false, status: 422, message: `city ${notNominee} is not a nominee in this election` };
  }
  if (approve.length > seats) {
    return {
      ok: false,
      status: 422,
      message: `a ballot may approve at most ${seats} nominee${seats === 1 ? '' : 's'} (got ${approve.length})`,
    };
  }
  return { ok: true, approve: [...approve] };
}

/** Whole-number comparison so that e.g. 0.5 of 7 needs exactly 4, free of float rounding. */
export function quorumMet(cast: number, eligible: number, quorum: number): boolean {
  if (!(quorum >= 0 && quorum <= 1)) throw new RangeError(`quorum must be within 0..1, got ${quorum}`);
  const q = Math.round(quorum * 10_000);
  if (q === 0) return true;
  if (eligible <= 0) return false;
  return cast * 10_000 >= q * eligible;
}

export interface Tally {
  cityId: string;
  approvals: number;
}

const byApprovalsThenId = (a: Tally, b: Tally): number =>
  b.approvals - a.approvals || (a.cityId < b.cityId ? -1 : a.cityId > b.cityId ? 1 : 0);

/**
 * Approvals for every nominee, zeros included. A city's last ballot counts (re-voting replaces),
 * and approvals of non-nominees or repeated within a ballot are ignored.
 */
export function tally(
  ballots: readonly { cityId: string; approve: readonly string[] }[],
  nominees: readonly string[],
): Tally[] {
  const lastBallot = new Map<string, readonly string[]>();
  for (const b of ballots) lastBallot.set(b.cityId, b.approve);
  const counts = new Map<string, number>(nominees.map((id) => [id, 0]));
  for (const approve of lastBallot.values()) {
    for (const id of new Set(approve)) {
      const c = counts.get(id);
      if (c !== undefined) counts.set(id, c + 1);
    }
  }
  return [...counts].map(([cityId, approvals]) => ({ cityId, approvals })).sort(byApprovalsThenId);
}

export interface Tie {
  candidates: string[];
  seatsLeft: number;
}
export type Decision = { elected: string[]; tie?: undefined } | { elected: string[]; tie: Tie };

/** Elects the top `seats`; a tie straddling the last seat is left to the tie-break. */
export function decide(tallies: readonly Tally[], seats: number): Decision {
  if (!Number.isInteger(seats) || seats < 1) throw new RangeError(`seats must be a positive integer, got ${seats}`);
  const sorted = [...tallies].sort(byApprovalsThenId);
  if (sorted.length <= seats) return { elected: sorted.map((t) => t.cityId) };
  const cutoff = sorted[seats - 1]!.approvals;
  if (sorted[seats]!.approvals !== cutoff) return { elected: sorted.slice(0, seats).map((t) => t.cityId) };
  const elected = sorted.filter((t) => t.approvals > cutoff).map((t) => t.cityId);
  const candidates = sorted.filter((t) => t.approvals === cutoff).map((t) => t.cityId);
  return { elected, tie: { candidates, seatsLeft: seats - elected.length } };
}

// ---------------------------------------------------------------- drawing lots

export const LOT_METHOD = 'sha256(seed:cityId), lowest wins';

/** Every candidate's ticket, in draw order, so that anyone can re-check a draw. */
export function lotTickets(candidates: readonly string[], seed: string): { cityId: string; hash: string }[] {
  return [...new Set(candidates)]
    .map((cityId) => ({ cityId, hash: sha256Hex(`${seed}:${cityId}`) }))
    .sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : a.cityId < b.cityId ? -1 : 1));
}

export function drawLot(candidates: readonly string[], seatsLeft: number, seed: string): string[] {
  if (!Number.isInteger(seatsLeft) || seatsLeft < 0) {
    throw new RangeError(`seatsLeft must be a non-negative integer, got ${seatsLeft}`);
  }
  return lotTickets(candidates, seed)
    .slice(0, seatsLeft)
    .map((t) => t.cityId);
}

// ---------------------------------------------------------------- dates and ids

export function termEnd(termStart: string, termLength: string = ELECTION_DEFAULTS.termLength): string {
  if (!isCalendarDate(termStart)) throw new Error(`invalid term start date: ${JSON.stringify(termStart)}`);
  return addDuration(new Date(`${termStart}T00:00:00Z`), termLength)
    .toISOString()
    .slice(0, 10);
}

/** The election's workflow ID: one election per cluster and term start. */
export function electionWorkflowId(cluster: string, termStart: string): string {
  return `election:${cluster}:${termStart}`;
}

/** Reminder instants at the given fractions of the window, ascending. */
export function reminderTimes(
  opensAt: number,
  closesAt: number,
  fractions: readonly number[] = ELECTION_DEFAULTS.reminderFractions,
): number[] {
  if (closesAt < opensAt) throw new RangeError('closesAt must not be before opensAt');
  const bad = fractions.find((f) => !(f > 0 && f < 1));
  if (bad !== undefined) throw new RangeError(`reminder fractions must be strictly between 0 and 1, got ${bad}`);
  const times = fractions.map((f) => opensAt + Math.round((closesAt - opensAt) * f));
  return [...new Set(times)].sort((a, b) => a - b);
}

// ---------------------------------------------------------------- API schemas

const calendarDate = CalendarDate;
/** An election's windows run within one two-year term (domain/duration.ts MAX_DURATION). */
const window = boundedDuration(MAX_DURATION.WINDOW);

export const CreateElectionBody = z
  .object({
    seats: z.number().int().min(1).max(10).default(ELECTION_DEFAULTS.seats),
    termStart: calendarDate,
    nominationWindow: window.optional(),
    nominationExtension: window.optional(),
    votingWindow: window.optional(),
    votingExtension: window.optional(),
    tieBreakWindow: window.optional(),
    // quorumMet works in 1/10000ths; finer values would be silently rounded.
    quorum: z
      .number()
      .min(0)
      .max(1)
      .refine((q) => Math.abs(q * 10_000 - Math.round(q * 10_000)) < 1e-6, { error: 'at most 4 decimal places' })
      .optional(),
    termLimit: z.number().int().min(0).max(10).optional(),
  })
  .strict();
export type CreateElectionBody = z.infer<typeof CreateElectionBody>;

export const NominationBody = z.object({ cityId: z.uuid(), statement: Note(2000).optional() }).strict();
export type NominationBody = z.infer<typeof NominationBody>;

export const BallotBody = z.object({ approve: z.array(z.uuid()).min(1).max(10) }).strict();
export type BallotBody = z.infer<typeof BallotBody>;

export const TieBreakBody = z.object({ elected: z.array(z.uuid()).min(1).max(10) }).strict();
export type TieBreakBody = z.infer<typeof TieBreakBody>;

export const CancelBody = z.object({ reason: Prose(500).pipe(z.string().min(3)) }).strict();
export type CancelBody = z.infer<typeof CancelBody>;

export const AppointBody = z.object({ cityIds: z.array(z.uuid()).min(1).max(10) }).strict();
export type AppointBody = z.infer<typeof AppointBody>;
