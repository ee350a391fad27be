// The pledge pipeline of a biennium: how many pledges stand at each status, from the funding
// summary's `byStatus` (one request, shared with the MDFM figures on the same page).
import { useApi } from '../../api/query';
import { PLEDGE_STATUSES } from '../../lib/enums';

export function usePipeline(biennium: string) {
  const summary = useApi('/funding/summary', { params: { query: { biennium } } });
  const byStatus = summary.data?.byStatus;
  const counts = Object.fromEntries(PLEDGE_STATUSES.map((s) => [s, byStatus?.[s] ?? 0])) as Record<
    (typeof PLEDGE_STATUSES)[number],
    number
  >;
  return {
    counts,
    isPending: summary.isPending,
    error: summary.error ?? null,
    refetch: () => void summary.refetch(),
  };
}
