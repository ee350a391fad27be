// An advisory session proposal: when a cluster's coordinator term starts, the cluster cycle
// proposes an advisory session (a draft the secretariat schedules as a workshop of kind
// `advisory_session`, or dismisses) and reminds the secretariat when none is held or scheduled
// within `advisoryWithin` of the term's start. Pure and deterministic: imported by workflow code.
import { z } from 'zod';
import { addDuration, isDurationAtMost, isValidDuration, isoDuration } from './duration.js';
import { Prose } from './schemas.js';

export const ADVISORY_SESSION_PROPOSAL_STATUSES = ['proposed', 'scheduled', 'dismissed'] as const;
export type AdvisorySessionProposalStatus = (typeof ADVISORY_SESSION_PROPOSAL_STATUSES)[number];

/** The patch of the cluster cycle that proposes a session for each new term (workflows/cluster-cycle.ts). */
export const ADVISORY_SESSION_PROPOSAL_PATCH = 'advisory-session-proposal';

export const ADVISORY_DEFAULTS = Object.freeze({ within: 'P3M', min: 'P1W', max: 'P1Y' } as const);

const REFERENCE = new Date(Date.UTC(2100, 0, 1));
/** True for a valid ISO duration from P1W to P1Y (both included). */
export function isAdvisoryWithin(d: unknown): d is string {
  if (!isValidDuration(d) || !isDurationAtMost(d, ADVISORY_DEFAULTS.max)) return false;
  return addDuration(REFERENCE, d).getTime() >= addDuration(REFERENCE, ADVISORY_DEFAULTS.min).getTime();
}

export const AdvisoryWithin = isoDuration
  .refine((d) => !isValidDuration(d) || isAdvisoryWithin(d), { error: 'must be from P1W to P1Y' })
  .meta({ description: 'ISO 8601 duration from P1W to P1Y' });

/** The instant by which a session should be held or scheduled: the term's first day (00:00 UTC) plus `within`. */
export const advisoryDueBy = (termStart: string, within: string): string =>
  addDuration(new Date(`${termStart}T00:00:00Z`), within).toISOString();

/** What the cycle carries across continue-as-new while a term's proposal or reminder is still ahead. */
export interface AdvisoryPending {
  termStart: string;
  termEnd: string;
  dueBy: string;
  /** The proposal is recorded (at the term's start); the reminder is still ahead. */
  proposed: boolean;
}

export const advisorySessionProposalKey = (cluster: string, termStart: string): string =>
  `advisory-session-proposal:${cluster}:${termStart}`;

export const DismissProposalBody = z
  .object({ reason: Prose(2000).optional() })
  .strict()
  .meta({ description: 'why no advisory session is held for this term (optional)' });
export type DismissProposalBody = z.infer<typeof DismissProposalBody>;

/**
 * The patch of the cluster cycle that also follows a term it did not see decided (one decided before
 * the advisory patch, or the current term of a cycle started afresh): workflows/cluster-cycle.ts.
 */
export const ADVISORY_CURRENT_TERM_PATCH = 'advisory-session-current-term';

/** What the database says of a term (activities/advisory-session-proposal.ts advisoryOfTerm). */
export interface TermAdvisoryFacts {
  /** The term has coordinators (rows in coordinator_term): a term that elected nobody has no session. */
  coordinated: boolean;
  proposal: { status: AdvisorySessionProposalStatus; dueBy: string; reminded: boolean } | null;
}

/**
 * Whether a cycle must still follow the advisory session of `term`, which it did not see decided:
 * not once its due date has passed (a proposal for a term long under way is noise), nor once the
 * proposal is scheduled, dismissed or reminded of. A proposal already recorded is only checked.
 */
export function advisoryToFollow(
  term: { termStart: string; termEnd: string },
  within: string,
  now: number,
  facts: TermAdvisoryFacts,
): AdvisoryPending | undefined {
  if (!facts.coordinated) return undefined;
  const p = facts.proposal;
  if (p && (p.status !== 'proposed' || p.reminded)) return undefined;
  const dueBy = p?.dueBy ?? advisoryDueBy(term.termStart, within);
  if (now >= Date.parse(dueBy)) return undefined;
  return { termStart: term.termStart, termEnd: term.termEnd, dueBy, proposed: p !== null };
}
