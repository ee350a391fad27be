import type { Schemas } from '../../api/client';

export interface Deadlines {
  nominationsClose?: string;
  nominationsExtended?: boolean;
  votingOpens?: string;
  votingCloses?: string;
  votingExtended?: boolean;
  tieBreakBy?: string;
}
export const OPEN_STATUSES = ['nominating', 'voting', 'awaiting_tie_break'] as const;
export const isOpen = (e: Schemas['Election']) => (OPEN_STATUSES as readonly string[]).includes(e.status);

export function nextDeadline(e: Schemas['Election']): string | undefined {
  const d = e.deadlines as Deadlines;
  if (e.status === 'nominating') return d.nominationsClose;
  if (e.status === 'voting') return d.votingCloses;
  if (e.status === 'awaiting_tie_break') return d.tieBreakBy;
  return undefined;
}
