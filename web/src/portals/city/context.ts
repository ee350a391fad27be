// Who the portal acts for: the signed-in representative's city (GET /me), the clusters they
// represent it in (`access`), and whether that city coordinates a cluster now.
import { useApi } from '../../api/query';
import { useMe } from '../../ui/session';

export function useMyCity() {
  const me = useMe().data;
  const cityId = me?.cityId ?? null;
  const clusters = [
    ...new Set(
      (me?.access ?? [])
        .filter((a) => a.role === 'city' && a.cityId === cityId && a.cluster)
        .map((a) => a.cluster as string),
    ),
  ].sort();
  return { cityId, clusters, ready: !!me };
}

/** Whether the own city is a current coordinator of `code` (from the coordinator terms); undefined while loading. */
export function useCoordinates(code: string | undefined) {
  const { cityId } = useMyCity();
  const terms = useApi(
    '/clusters/{code}/coordinators',
    { params: { path: { code: code ?? '' } } },
    { enabled: !!code && !!cityId },
  );
  if (!terms.data) return undefined;
  return !!cityId && terms.data.items.some((t) => t.current && t.cityId === cityId);
}

/** City names of a cluster's members, ended memberships included (for nominees and owners). */
export function useMemberNames(code: string | undefined) {
  const members = useApi(
    '/clusters/{code}/members',
    { params: { path: { code: code ?? '' }, query: { limit: 200, includeEnded: 'true' } } },
    { enabled: !!code },
  );
  const items = members.data?.items ?? [];
  return {
    names: new Map(items.map((m) => [m.cityId, m.cityName])),
    current: items.filter((m) => !m.until),
    query: members,
  };
}

/** A portal path for an API resource named in a notification or a calendar event. */
export function portalPath(resource: string | null | undefined): string | null {
  if (!resource) return null;
  const m = /^\/(elections|workshops|coordinator-meetings|partnerships)\/[0-9a-f-]{36}$/.exec(resource);
  return m ? `/city${resource}` : null;
}
