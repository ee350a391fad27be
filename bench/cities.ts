import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import express from 'express';
import pg from 'pg';
import { destination } from 'pino';
import { createApp } from '../api/app.js';
import { hashToken, newToken } from '../api/auth.js';
import { ApiToken, City } from '../db/entities/index.js';
import { openOrm } from '../db/orm.js';
import { loadConfig } from '../platform/config.js';
import { createLogger } from '../platform/logger.js';
import {
  assertAllOk,
  listen,
  load,
  profiled,
  round,
  type Bench,
  type BenchContext,
  type LoadResult,
} from './support.js';

const TARGET_RATIO = 0.8;
const SECONDS = Number(process.env.BENCH_SECONDS) || 10;
const WARMUP_SECONDS = 2;
const CONNECTIONS = 10;
const ROUNDS = 2;

/**
 * The least an Express 5 + pg server can do for `GET /cities/:id`: the same row, the same JSON, no
 * auth, no validation, no ORM. The app's cost over this is what the ratio measures.
 */
function baselineApp(pool: pg.Pool): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/cities/:id', async (req, res) => {
    const { rows } = await pool.query('select * from "city" where "id" = $1 limit 1', [req.params.id]);
    const c = rows[0];
    if (!c) return void res.status(404).end();
    res.json({ id: c.id, name: c.name, country: c.country_code, status: c.status, yearJoined: c.year_joined ?? null });
  });
  return app;
}

async function measure(
  label: string,
  url: string,
  headers: Record<string, string>,
  ctx: BenchContext,
): Promise<LoadResult> {
  assertAllOk(`${label} warm-up`, await load({ url, headers, seconds: WARMUP_SECONDS, connections: CONNECTIONS }));
  const r = await profiled(`cities-${label}`, () => load({ url, headers, seconds: SECONDS, connections: CONNECTIONS }));
  assertAllOk(label, r);
  ctx.log(
    `  ${label.padEnd(8)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms  cpu ${r.cpuUsPerRequest.toFixed(0)} µs/req`,
  );
  return r;
}

const better = (runs: LoadResult[]): LoadResult => runs.reduce((a, b) => (b.rps > a.rps ? b : a));

export const citiesBench: Bench = {
  name: 'cities',
  description: 'GET /cities/:id through the real app vs bare Express + pg, same database, same run',
  needsTemporal: true,
  async run(ctx) {
    const orm = await openOrm(ctx.databaseUrl);
    const pool = new pg.Pool({ connectionString: ctx.databaseUrl, max: 10 });
    const connection = await Connection.connect({ address: ctx.temporalAddress! });
    const stops: (() => Promise<unknown>)[] = [() => orm.close(), () => pool.end(), () => connection.close()];
    try {
      // A real city token from the database, so the app pays its real auth path, not the env token's.
      const em = orm.em.fork();
      const city = em.create(City, {
        name: `Bench City ${randomUUID()}`,
        country: 'DE',
        status: 'member',
        yearJoined: 2016,
      });
      const secret = newToken();
      const token = em.create(ApiToken, {
        tokenHash: hashToken(secret),
        role: 'city',
        city: city.id,
        label: 'bench',
        readOnly: true,
      });
      await em.flush();
      stops.unshift(() =>
        orm.em
          .fork()
          .nativeDelete(ApiToken, { id: token.id })
          .then(() => orm.em.fork().nativeDelete(City, { id: city.id })),
      );

      const config = loadConfig({ TEMPORAL_TASK_QUEUE: `bench-${randomUUID()}`, LOG_LEVEL: 'silent' });
      const { app } = createApp({
        orm,
        temporal: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }),
        config,
        // At the production level, into /dev/null the way pino writes stdout (synchronously): the
        // request line per request is part of what the app costs.
        logger: createLogger('info', destination({ dest: '/dev/null', sync: true })),
      });
      const appServer = await listen(app);
      stops.unshift(appServer.stop);
      const baseServer = await listen(baselineApp(pool));
      stops.unshift(baseServer.stop);

      const path = `/cities/${city.id}`;
      const headers = { authorization: `Bearer ${secret}` };
      // Both must answer the same thing, or the comparison means nothing.
      const [a, b] = await Promise.all([
        fetch(appServer.value + path, { headers }).then(async (r) => ({ status: r.status, body: await r.text() })),
        fetch(baseServer.value + path).then(async (r) => ({ status: r.status, body: await r.text() })),
      ]);
      if (a.status !== 200 || b.status !== 200 || a.body !== b.body)
        throw new Error(`app and baseline disagree: ${JSON.stringify({ a, b })}`);

      const baseRuns: LoadResult[] = [];
      const appRuns: LoadResult[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        baseRuns.push(await measure('baseline', baseServer.value + path, {}, ctx));
        appRuns.push(await measure('app', appServer.value + path, headers, ctx));
      }
      const base = better(baseRuns);
      const best = better(appRuns);
      const ratio = best.rps / base.rps;
      return {
        ok: ratio >= TARGET_RATIO,
        table: {
          'baseline rps': round(base.rps, 0),
          'app rps': round(best.rps, 0),
          ratio: round(ratio, 3),
          target: `>= ${TARGET_RATIO}`,
          'baseline p99 ms': base.p99Ms,
          'app p99 ms': best.p99Ms,
          // Informational: CPU per request is less disturbed by other work on the machine than rps.
          'cpu µs/req baseline/app': `${round(Math.min(...baseRuns.map((r) => r.cpuUsPerRequest)), 0)} / ${round(Math.min(...appRuns.map((r) => r.cpuUsPerRequest)), 0)}`,
        },
        details: {
          seconds: SECONDS,
          warmupSeconds: WARMUP_SECONDS,
          connections: CONNECTIONS,
          ratio,
          targetRatio: TARGET_RATIO,
          baseline: base,
          app: best,
          runs: { baseline: baseRuns, app: appRuns },
        },
      };
    } finally {
      for (const stop of stops)
        await stop().catch((err) => ctx.log(`  cleanup failed: ${err instanceof Error ? err.message : String(err)}`));
    }
  },
};
