// TanStack Query over the typed client: the query key is the API path and its params, so a write
// invalidates by path prefix (`invalidate('/cities')`).
import { keepPreviousData, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { MaybeOptionalInit } from 'openapi-fetch';
import type { PathsWithMethod } from 'openapi-typescript-helpers';
import { api, unwrap, type ApiError } from './client';
import type { paths } from './schema';

export type GetPath = PathsWithMethod<paths, 'get'>;
export type GetInit<P extends GetPath> = MaybeOptionalInit<paths[P], 'get'>;
type Ok<R> = R extends { responses: { 200: { content: { 'application/json': infer D } } } } ? D : never;
export type GetData<P extends GetPath> = Ok<paths[P]['get']>;
export type GetQuery<P extends GetPath> = paths[P]['get'] extends { parameters: { query?: infer Q } }
  ? NonNullable<Q>
  : never;

export const queryKey = <P extends GetPath>(path: P, init?: GetInit<P>) =>
  [path, (init as { params?: unknown } | undefined)?.params ?? {}] as const;

export async function fetchGet<P extends GetPath>(
  path: P,
  init?: GetInit<P>,
  signal?: AbortSignal,
): Promise<GetData<P>> {
  const get = api.GET as unknown as (
    p: string,
    i: object,
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  return unwrap(await get(path, { ...(init ?? {}), signal })) as GetData<P>;
}

type Extra<P extends GetPath> = Omit<UseQueryOptions<GetData<P>, ApiError>, 'queryKey' | 'queryFn'>;

/** GET `path` with `init.params`; keeps the previous page while the next one loads. */
export function useApi<P extends GetPath>(path: P, init?: GetInit<P>, options: Extra<P> = {}) {
  return useQuery<GetData<P>, ApiError>({
    queryKey: queryKey(path, init),
    queryFn: ({ signal }) => fetchGet(path, init, signal),
    placeholderData: keepPreviousData,
    ...options,
  });
}

/** Invalidate every query whose path starts with one of `prefixes`. */
export function useInvalidate() {
  const qc = useQueryClient();
  return (...prefixes: string[]) =>
    qc.invalidateQueries({
      predicate: (q) =>
        typeof q.queryKey[0] === 'string' && prefixes.some((p) => (q.queryKey[0] as string).startsWith(p)),
    });
}
