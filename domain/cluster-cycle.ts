// The biennial rhythm of one cluster (clusterCycleWorkflow): its workflow ID and message contract.
// The cycle starts each coordinator election (domain/election.ts) and carries the current term.
import type { AdvisoryPending } from './advisory-session-proposal.js';
import type { ElectionSettingsInput } from './election.contract.js';

export const clusterCycleWorkflowId = (cluster: string): string => `cycle:${cluster}`;

export interface ElectionRequest {
  termStart: string;
  settings: ElectionSettingsInput;
  /** Set by the cycle when it starts the election by itself at the lead time. */
  automatic?: boolean;
}

export interface CycleTerm {
  termStart: string;
  termEnd: string;
}

export interface CycleInput {
  cluster: string;
  /** The current term; loaded from the database on the first run. */
  term?: CycleTerm | null;
  leadTime?: string;
  termLength?: string;
  /** Term end for which the automatic election already ran (so a cancelled one is not restarted). */
  autoDoneFor?: string;
  initialized?: boolean;
  /**
   * How long after a term starts an advisory session should be held (ISO, P1W..P1Y; default P3M):
   * then the secretariat is reminded unless one is held or scheduled.
   */
  advisoryWithin?: string;
  /** A term whose advisory session is still to propose or to check (carried across continue-as-new). */
  advisory?: AdvisoryPending;
}

export interface CycleState {
  cluster: string;
  term: CycleTerm | null;
  nextElectionAt: string | null;
  activeElection: { electionId: string; workflowId: string } | null;
}
