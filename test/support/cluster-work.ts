// Helpers of the cluster-work HTTP tests: relative instants and dates, and seeded test clusters
// whose cities hold tokens.
import type { Orm } from '../../db/orm.js';
import type { Fixtures } from './http.js';
import { seedCoordinatedCluster } from './workflow-env.js';

export const DAY = 86_400_000;
/** Request options that call as `token` instead of the secretariat. */
export const as = (token: string) => ({ token });
/** The instant `ms` from now, ISO 8601. */
export const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
/** The UTC calendar date `offsetDays` from today. */
export const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

/** A test cluster of `n` member cities with city tokens; the first `coordinators` of them coordinate it now. */
export async function clusterWithTokens(orm: Orm, fx: Fixtures, n: number, coordinators: number) {
  const { cluster: code, cities } = await seedCoordinatedCluster(orm, n, coordinators);
  const tokens = await Promise.all(cities.map((cityId) => fx.token('city', { cityId })));
  return { code, cities, tokens };
}
