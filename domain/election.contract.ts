// The contract of the election workflow: its input, messages, state and result, shared by the
// workflow, its activities and the API. Pure types, helpers and the input's schema.
import { z } from 'zod';
import { MAX_DURATION, boundedDuration } from './duration.js';
import { CalendarDate, isCalendarDate } from './schemas.js';
import {
  ELECTION_DEFAULTS,
  type ElectionStatus,
  type NominationStatus,
  type PriorTerm,
  type Tally,
} from './election.js';

export interface ElectionSettings {
  seats: number;
  nominationWindow: string;
  nominationExtension: string;
  votingWindow: string;
  votingExtension: string;
  quorum: number;
  termLimit: number;
  tieBreakWindow: string;
  termLength: string;
  reminderFractions: number[];
}

export type ElectionSettingsInput = Partial<Omit<ElectionSettings, 'reminderFractions'>>;

export function electionSettings(input: ElectionSettingsInput = {}): ElectionSettings {
  const d = ELECTION_DEFAULTS;
  const pick = <K extends keyof ElectionSettingsInput>(k: K, v: NonNullable<ElectionSettingsInput[K]>) => input[k] ?? v;
  return {
    seats: pick('seats', d.seats),
    nominationWindow: pick('nominationWindow', d.nominationWindow),
    nominationExtension: pick('nominationExtension', d.nominationExtension),
    votingWindow: pick('votingWindow', d.votingWindow),
    votingExtension: pick('votingExtension', d.votingExtension),
    quorum: pick('quorum', d.quorum),
    termLimit: pick('termLimit', d.termLimit),
    tieBreakWindow: pick('tieBreakWindow', d.tieBreakWindow),
    termLength: pick('termLength', d.termLength),
    reminderFractions: [...d.reminderFractions],
  };
}

/** ISO date-times; absent until the step that sets them begins. */
export interface ElectionDeadlines {
  nominationsClose?: string;
  nominationsExtended?: boolean;
  votingOpens?: string;
  votingCloses?: string;
  votingExtended?: boolean;
  tieBreakBy?: string;
}

export type ResultFlag = 'acclamation' | 'quorum_not_met' | 'tie_broken_by_secretariat' | 'lot' | 'appointed';

export interface LotRecord {
  seed: string;
  method: string;
  candidates: string[];
  seatsLeft: number;
  tickets: { cityId: string; hash: string }[];
}

export interface ElectionResults {
  elected: string[];
  tallies: Tally[];
  quorumMet: boolean;
  turnout: { cast: number; eligible: number };
  flags: ResultFlag[];
  lot?: LotRecord;
  decidedAt: string;
}

export interface ElectionInput {
  electionId: string;
  cluster: string;
  termStart: string;
  termEnd: string;
  settings: ElectionSettings;
  eligible: string[];
  priorTerms: PriorTerm[];
}

const window = boundedDuration(MAX_DURATION.WINDOW);
const anyDate = z.string().refine(isCalendarDate, { error: 'must be a calendar date YYYY-MM-DD' });

/** The settings an election runs with: the API's bounds (CreateElectionBody) plus the cycle's term length. */
export const ElectionSettingsSchema = z.object({
  seats: z.int().min(1).max(10),
  nominationWindow: window,
  nominationExtension: window,
  votingWindow: window,
  votingExtension: window,
  quorum: z.number().min(0).max(1),
  termLimit: z.int().min(0).max(10),
  tieBreakWindow: window,
  termLength: boundedDuration(MAX_DURATION.TERM),
  reminderFractions: z.array(z.number().gt(0).lt(1)).max(10),
});

/** What the workflow checks at its start (a bad input fails it at once instead of every workflow task). */
export const ElectionInputSchema = z.object({
  electionId: z.string().min(1).max(100),
  cluster: z.string().min(1).max(32),
  termStart: CalendarDate,
  // Computed from termStart + termLength: may run past the last accepted date by up to one term.
  termEnd: anyDate,
  settings: ElectionSettingsSchema,
  eligible: z.array(z.string().max(100)).max(10_000),
  priorTerms: z.array(z.object({ cityId: z.string(), termStart: anyDate, termEnd: anyDate })).max(100_000),
});

export interface ElectionOutcome {
  electionId: string;
  status: Extract<ElectionStatus, 'decided' | 'cancelled'>;
  termStart: string;
  termEnd: string;
  elected: string[];
}

export interface NominationState {
  cityId: string;
  status: NominationStatus;
  nominatedBy: string | null;
  statement: string | null;
}

/** Live state answered by the election's query. */
export interface ElectionState {
  electionId: string;
  status: ElectionStatus;
  deadlines: ElectionDeadlines;
  nominees: NominationState[];
  turnout: { cast: number; eligible: number };
  results?: ElectionResults;
  cancelReason?: string;
}

// Messages. `by` is the acting city, or null for the secretariat (the API decides who may act).
export interface NominateArgs {
  cityId: string;
  by: string | null;
  statement?: string;
}
export interface NomineeArgs {
  cityId: string;
  by: string | null;
}
export interface BallotArgs {
  cityId: string;
  approve: string[];
}
