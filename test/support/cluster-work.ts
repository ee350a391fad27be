// Helpers of the cluster-work tests: relative instants and dates, seeded test clusters whose cities
// hold tokens, the tokens every file calls with, workshop schedules, and work phases and plan versions
// written straight to the database (as the API saves them, no workflow told).
import { randomUUID } from 'node:crypto';
import type { Orm } from '../../db/orm.js';
import { beforeAll } from 'vitest';
import { useTestApp } from './app.js';
import type { Fixtures, Http } from './http.js';
import { sqlOn } from './sql.js';
import { eventually, seedCluster, seedCoordinatedCluster } from './workflow-env.js';

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

/**
 * The file's API (started before its tests, closed after them) with a viewer token, a donor token and
 * a member city of another cluster (`outsider`). `http`, `fx`, `sql` and `cluster` can be taken at
 * once; the tokens exist once the tests run.
 */
export function useClusterWorkApp(defaultCoordinators = 1) {
  const api = useTestApp();
  let tokens: { viewer: string; donor: string; outsider: { id: string; token: string } } | undefined;
  beforeAll(async () => {
    const other = await seedCluster(api.app.orm, 1);
    tokens = {
      viewer: await api.fx.token('viewer'),
      donor: await api.fx.token('donor', { donorId: (await api.fx.donor()).id }),
      outsider: { id: other.cities[0]!, token: await api.fx.token('city', { cityId: other.cities[0]! }) },
    };
  });
  const ready = () => {
    if (!tokens) throw new Error('the test app is not started yet');
    return tokens;
  };
  return {
    get app() {
      return api.app;
    },
    http: api.http,
    fx: api.fx,
    sql: sqlOn(() => api.app.orm),
    /** A test cluster of `n` member cities with tokens, the first `coordinators` of them coordinating it. */
    cluster: (n: number, coordinators = defaultCoordinators) => clusterWithTokens(api.app.orm, api.fx, n, coordinators),
    get viewer() {
      return ready().viewer;
    },
    get donor() {
      return ready().donor;
    },
    /** A member city of another cluster. */
    get outsider() {
      return ready().outsider;
    },
  };
}

/** A workshop schedule relative to now: RSVPs due in `rsvpInMs`, the event at `startInMs` for `lengthMs`. */
export const schedule = (rsvpInMs = 10 * DAY, startInMs = 20 * DAY, lengthMs = 3 * 3_600_000) => ({
  startsAt: inMs(startInMs),
  endsAt: inMs(startInMs + lengthMs),
  timezone: 'Africa/Nairobi',
  rsvpBy: inMs(rsvpInMs),
});

/** The workshop once the workflow has brought it to `status`. */
export const workshopStatus = (http: Http, id: string, status: string) =>
  eventually(
    async () => {
      const r = await http.get(`/workshops/${id}`);
      return r.body.status === status ? r.body : undefined;
    },
    20_000,
    `workshop ${id} to be ${status}`,
  );

/** The biennium that holds `at` (from 1 July of its first year), not aligned on 2019: a work phase may be any. */
export function bienniumHolding(at: number | Date = Date.now()): string {
  const d = new Date(at);
  const y = d.getUTCMonth() >= 6 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
  return `${y}-${y + 2}`;
}

/**
 * A coordinated test cluster (2 member cities, the first coordinating it) with a work phase of the
 * biennium holding `now` (the time-skipping server's now, in a workflow test), inserted straight into the database.
 */
export async function clusterWithPhase(orm: Orm, now: number = Date.now()) {
  const { cluster, cities } = await seedCoordinatedCluster(orm, 2, 1);
  const biennium = bienniumHolding(now);
  const phaseId = randomUUID();
  await sqlOn(() => orm)(`insert into work_phase (id, cluster_code, biennium, created_at) values (?, ?, ?, now())`, [
    phaseId,
    cluster,
    biennium,
  ]);
  return { cluster, cities, coordinator: cities[0]!, biennium, phaseId };
}

/** Version `version` of the phase's work plan with `outputs` (as stored), inserted straight into the database. */
export async function insertPlanVersion(orm: Orm, phaseId: string, version: number, outputs: unknown[]) {
  await sqlOn(() => orm)(
    `insert into workplan_version (id, work_phase_id, version, outputs, set_by, created_at) values (?, ?, ?, ?::jsonb, null, now())`,
    [randomUUID(), phaseId, version, JSON.stringify(outputs)],
  );
}
