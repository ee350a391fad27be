// A vote day at full network size: 5 clusters × 229 member cities, nominations done, and every city
// casts its ballot through the HTTP API at once (bounded in-flight). The API answers 201 only after
// the workflow has written the ballot row, so a request's round trip is its ballot→persisted latency;
// the rows are counted afterwards to prove it. The baseline, on the same server in the same run: as
// many updates at the same concurrency, sent straight from a client to 5 bare workflows whose update
// runs one no-op activity — what Temporal itself allows; the target is ballot p99 ≤ 1.5× its p99.
import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createApp } from '../api/app.js';
import { hashToken, newToken } from '../api/auth.js';
import { openOrm, type Orm } from '../db/orm.js';
import { loadConfig } from '../platform/config.js';
import { dataConverterFor } from '../platform/ballot-codec.js';
import { createLogger } from '../platform/logger.js';
import { bareWorker, listen, productionWorker, round, runWorkers, type Bench, type BenchContext } from './support.js';

const CLUSTERS = 5;
const CITIES = Number(process.env.BENCH_ELECTION_CITIES ?? 229);
const IN_FLIGHT = 50;
const NOMINEES = 3;
/** Whole-bench ceilings, so a stuck worker cannot keep the bench running. */
const PHASE_TIMEOUT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 60_000;

interface Voter {
  cluster: string;
  cityId: string;
  token: string;
}

/** Clusters, member cities and city tokens in a few statements, as seedCluster does one by one. */
async function seed(orm: Orm): Promise<{ clusters: { code: string; cities: string[] }[]; voters: Voter[] }> {
  const conn = orm.em.getConnection();
  const clusters: { code: string; cities: string[] }[] = [];
  const voters: Voter[] = [];
  for (let c = 0; c < CLUSTERS; c++) {
    const code = `B${randomUUID().slice(0, 8).toUpperCase()}`;
    const cities = Array.from({ length: CITIES }, () => randomUUID());
    const tokens = cities.map(() => newToken());
    await conn.execute(
      `insert into cluster (code, name, period, status, themes, focus_keywords) values (?, ?, '2021-2023', 'active', '{}', '{}')`,
      [code, `Bench cluster ${code}`],
    );
    await conn.execute(
      `insert into city (id, name, country_code, status, created_at, updated_at)
       select id, ? || '-' || n, 'DE', 'member', now(), now() from unnest(?::uuid[]) with ordinality as t(id, n)`,
      [`City ${code}`, `{${cities.join(',')}}`],
    );
    await conn.execute(
      `insert into membership (id, city_id, cluster_code, since, representative_name, representative_email, representative_expertise)
       select gen_random_uuid(), id, ?, current_date, 'Rep', 'rep' || n || '@' || lower(?) || '.example.org', '{}' from unnest(?::uuid[]) with ordinality as t(id, n)`,
      [code, code, `{${cities.join(',')}}`],
    );
    await conn.execute(
      `insert into api_token (id, token_hash, role, city_id, label, read_only, created_at)
       select gen_random_uuid(), h, 'city', id, 'bench voter', false, now() from unnest(?::uuid[], ?::text[]) as t(id, h)`,
      [`{${cities.join(',')}}`, `{${tokens.map(hashToken).join(',')}}`],
    );
    clusters.push({ code, cities });
    cities.forEach((cityId, i) => voters.push({ cluster: code, cityId, token: tokens[i]! }));
  }
  return { clusters, voters };
}

async function call(
  base: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await fetch(base + path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function until(what: string, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + PHASE_TIMEOUT_MS;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** Every ballot through `POST /elections/:id/ballots`, at most IN_FLIGHT at a time, clusters interleaved. */
async function castAll(base: string, jobs: { voter: Voter; electionId: string; approve: string[] }[]) {
  const latencies: number[] = [];
  const failures: { status: number; body: unknown }[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const t0 = performance.now();
        const r = await call(base, 'POST', `/elections/${job.electionId}/ballots`, job.voter.token, {
          approve: job.approve,
        });
        if (r.status === 201) latencies.push(performance.now() - t0);
        else failures.push(r);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b), failures };
}

/** The same number of updates at the same concurrency against bare workflows (bench/bare-workflow.ts). */
async function bareUpdates(client: Client, taskQueue: string, count: number) {
  const handles = await Promise.all(
    Array.from({ length: CLUSTERS }, () =>
      client.workflow.start('bareUpdateWorkflow', { workflowId: `bare-updates:${randomUUID()}`, taskQueue }),
    ),
  );
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        try {
          await handles[i % CLUSTERS]!.executeUpdate('vote', { args: [String(i)] });
          latencies.push(performance.now() - t0);
        } catch (e) {
          failures.push(e instanceof Error ? e.message : String(e));
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(handles.map((h) => h.signal('done')));
  await Promise.all(handles.map((h) => h.result()));
  return { seconds, latencies: latencies.sort((a, b) => a - b), failures };
}

export const electionsBench: Bench = {
  name: 'elections',
  description: `${CLUSTERS} clusters × ${CITIES} cities vote at once through POST /elections/:id/ballots (${IN_FLIGHT} in flight)`,
  needsTemporal: true,
  async run(ctx: BenchContext) {
    const secretariat = `bench-secretariat-${randomUUID()}`;
    const taskQueue = `bench-elections-${randomUUID()}`;
    const logger = createLogger('silent');
    const orm = await openOrm(ctx.databaseUrl, { pool: { min: 0, max: 30 } });
    const connection = await Connection.connect({ address: ctx.temporalAddress! });
    const nativeConnection = await NativeConnection.connect({ address: ctx.temporalAddress! });
    const stops: (() => Promise<unknown>)[] = [
      () => orm.close(),
      () => connection.close(),
      () => nativeConnection.close(),
    ];
    try {
      const config = loadConfig({
        SECRETARIAT_TOKEN: secretariat,
        TEMPORAL_TASK_QUEUE: taskQueue,
        LOG_LEVEL: 'silent',
      });
      // Ballots sealed as in production, so the bench pays for the codec too.
      const dataConverter = dataConverterFor({ current: randomBytes(32), old: [] });
      const worker = await productionWorker({
        connection: nativeConnection,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue,
        orm,
        logger,
        dataConverter,
      });
      const bareQueue = `bench-bare-updates-${randomUUID()}`;
      stops.unshift(runWorkers(worker, await bareWorker(nativeConnection, bareQueue)));
      const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
      const { app } = createApp({
        orm,
        temporal,
        config,
        logger,
      });
      const server = await listen(app);
      stops.unshift(server.stop);
      const base = server.value;

      const { clusters, voters } = await seed(orm);
      ctx.log(`  seeded ${clusters.length} clusters × ${CITIES} cities with tokens`);

      // Open every election and let NOMINEES cities of each stand; voting stays open far past the bench.
      const termStart = new Date().toISOString().slice(0, 10);
      const elections = new Map<string, { id: string; nominees: string[] }>();
      for (const c of clusters) {
        const r = await call(base, 'POST', `/clusters/${c.code}/elections`, secretariat, {
          termStart,
          nominationWindow: 'PT5S',
          votingWindow: 'PT30M',
        });
        if (r.status !== 202) throw new Error(`opening ${c.code}: ${r.status} ${JSON.stringify(r.body)}`);
        elections.set(c.code, { id: r.body.id, nominees: c.cities.slice(0, NOMINEES) });
      }
      const tokenOf = new Map(voters.map((v) => [v.cityId, v.token]));
      await Promise.all(
        [...elections.values()].flatMap((e) =>
          e.nominees.map(async (cityId) => {
            const r = await call(base, 'POST', `/elections/${e.id}/nominations`, tokenOf.get(cityId)!, { cityId });
            if (r.status !== 201) throw new Error(`nominating ${cityId}: ${r.status} ${JSON.stringify(r.body)}`);
          }),
        ),
      );
      for (const e of elections.values()) {
        await until(
          `election ${e.id} to open voting`,
          async () => (await call(base, 'GET', `/elections/${e.id}`, secretariat)).body?.status === 'voting',
        );
      }
      ctx.log('  nominations done, voting open');

      // Clusters interleaved, so every election's workflow takes its share of the load at once.
      const byCluster = clusters.map((c) => voters.filter((v) => v.cluster === c.code));
      const jobs = Array.from({ length: CITIES }, (_, i) => byCluster.map((vs) => vs[i]!))
        .flat()
        .map((voter, i) => {
          const e = elections.get(voter.cluster)!;
          return { voter, electionId: e.id, approve: [e.nominees[i % NOMINEES]!] };
        });
      const result = await castAll(base, jobs);

      const ids = [...elections.values()].map((e) => e.id);
      const rows = await orm.em
        .getConnection()
        .execute<{ election_id: string; city_id: string; approve: string[] }[]>(
          `select election_id, city_id, approve from ballot where election_id in (${ids.map(() => '?').join(',')})`,
          ids,
        );
      const persisted = new Map(rows.map((r) => [`${r.election_id}:${r.city_id}`, r.approve]));
      const missing = jobs.filter(
        (j) => JSON.stringify(persisted.get(`${j.electionId}:${j.voter.cityId}`)) !== JSON.stringify(j.approve),
      ).length;
      const turnout = await Promise.all(
        ids.map(async (id) => (await call(base, 'GET', `/elections/${id}`, secretariat)).body?.turnout?.cast as number),
      );

      for (const id of ids) await call(base, 'POST', `/elections/${id}/cancel`, secretariat, { reason: 'bench over' });
      const bare = await bareUpdates(temporal, bareQueue, jobs.length);
      const bareP99 = percentile(bare.latencies, 99);
      const p99Ratio = percentile(result.latencies, 99) / bareP99;
      ctx.log(
        `  bare: ${bare.latencies.length} updates in ${bare.seconds.toFixed(1)} s  p50 ${percentile(bare.latencies, 50).toFixed(0)} ms  p99 ${bareP99.toFixed(0)} ms`,
      );

      const { latencies, failures, seconds } = result;
      const ballotsPerSecond = latencies.length / seconds;
      const ok =
        failures.length === 0 &&
        missing === 0 &&
        rows.length === jobs.length &&
        bare.failures.length === 0 &&
        p99Ratio <= 1.5;
      ctx.log(
        `  ${latencies.length} ballots in ${seconds.toFixed(1)} s: ${ballotsPerSecond.toFixed(0)}/s  p50 ${percentile(latencies, 50).toFixed(0)} ms  p99 ${percentile(latencies, 99).toFixed(0)} ms`,
      );
      return {
        ok,
        table: {
          'ballots sent': jobs.length,
          'ballots 201': latencies.length,
          'ballot rows': rows.length,
          'missing or wrong rows': missing,
          'ballots/s': round(ballotsPerSecond, 1),
          'p50 ms': round(percentile(latencies, 50), 0),
          'p99 ms': round(percentile(latencies, 99), 0),
          'max ms': round(latencies.at(-1) ?? NaN, 0),
          'bare updates/s': round(bare.latencies.length / bare.seconds, 1),
          'bare p99 ms': round(bareP99, 0),
          'ballot p99 / bare p99 (target ≤ 1.5)': round(p99Ratio, 2),
        },
        details: {
          clusters: CLUSTERS,
          citiesPerCluster: CITIES,
          inFlight: IN_FLIGHT,
          nomineesPerElection: NOMINEES,
          worker: 'in the bench process, beside the API',
          seconds,
          ballotsPerSecond,
          latencyMs: {
            p50: percentile(latencies, 50),
            p90: percentile(latencies, 90),
            p99: percentile(latencies, 99),
            max: latencies.at(-1) ?? null,
          },
          turnoutByElection: turnout,
          bare: {
            seconds: bare.seconds,
            latencyMs: { p50: percentile(bare.latencies, 50), p99: bareP99 },
            failures: bare.failures.slice(0, 10),
          },
          failures: failures.slice(0, 10),
          failureCount: failures.length,
          missing,
        },
      };
    } finally {
      for (const stop of stops)
        await stop().catch((err) => ctx.log(`  cleanup failed: ${err instanceof Error ? err.message : String(err)}`));
    }
  },
};
