// The pledge pipeline of a biennium: how many pledges stand at each status. The API lists pledges
// per donor only, so this reads every donor's list (one request each, cached by TanStack Query);
// a GET /pledges?biennium= or a by-status figure in /funding/summary would make it one request.
import { useQueries } from '@tanstack/react-query';
import { fetchGet, queryKey, useApi } from '../../api/query';
import { PLEDGE_STATUSES } from '../../lib/enums';

export function usePipeline(biennium: string) {
  const donors = useApi('/donors', { params: { query: { limit: 200 } } });
  const lists = useQueries({
    queries: (donors.data?.items ?? []).map((d) => {
      const init = { params: { path: { id: d.id }, query: { limit: 200 } } };
      return {
        queryKey: queryKey('/donors/{id}/pledges', init),
        queryFn: ({ signal }: { signal: AbortSignal }) => fetchGet('/donors/{id}/pledges', init, signal),
      };
    }),
  });
  const counts = Object.fromEntries(PLEDGE_STATUSES.map((s) => [s, 0])) as Record<
    (typeof PLEDGE_STATUSES)[number],
    number
  >;
  for (const l of lists) for (const p of l.data?.items ?? []) if (p.biennium === biennium) counts[p.status] += 1;
  return {
    counts,
    isPending: donors.isPending || lists.some((l) => l.isPending),
    error: donors.error ?? lists.find((l) => l.error)?.error ?? null,
    refetch: () => void donors.refetch(),
  };
}
