// Peer-learning search at scale: ENTRIES generated entries, the ranked full-text query the API runs
// timed with its GIN index and with index scans disabled (the baseline), plus the HTTP search
// against a filter-only listing of the same app. Passes when the planner uses the index and the
// index makes the ranked search at least TARGET_SPEEDUP times faster than scanning.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { createApp } from '../api/app.js';
import { openOrm } from '../db/orm.js';
import { loadConfig } from '../platform/config.js';
import { createLogger } from '../platform/logger.js';
import { assertAllOk, listen, load, round, type Bench } from './support.js';

const ENTRIES = Number(process.env.BENCH_PEER_ENTRIES ?? 50_000);
const ITERATIONS = 30;
const TARGET_SPEEDUP = 3;
const SECONDS = Number(process.env.BENCH_SECONDS) || 5;

const TOPICAL = (
  'learning city community adult education library school family health inclusion migrants volunteers tutors digital skills ' +
  'festival neighbourhood university partnership mayor masterplan indicators monitoring funding gender youth older people ' +
  'environment sustainability citizenship culture museum workplace training teachers curriculum mobile informal settlements'
).split(' ');
/** Filler vocabulary, so the rare term is rare and the index has real work to skip. */
const VOCAB = [...TOPICAL, ...Array.from({ length: 2_000 }, (_, i) => `lex${i.toString(36)}`)];
const RARE = 'literacy'; // in one entry out of 200

/** The API's ranked query (api/routes/peer-learning.ts), for one cluster. */
const SEARCH = `select id, ts_rank(search, websearch_to_tsquery('english', $1)) as rank from peer_learning_entry
  where search @@ websearch_to_tsquery('english', $1) and cluster_code = $2 order by rank desc, created_at desc, id limit 50`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeQuery(
  client: pg.PoolClient,
  cluster: string,
  scan: boolean,
): Promise<{ medianMs: number; rows: number }> {
  await client.query('begin');
  try {
    if (scan) await client.query('set local enable_bitmapscan = off; set local enable_indexscan = off');
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const t0 = performance.now();
      rows = (await client.query(SEARCH, [RARE, cluster])).rowCount ?? 0;
      times.push(performance.now() - t0);
    }
    return { medianMs: median(times), rows };
  } finally {
    await client.query('rollback');
  }
}

export const peerLearningBench: Bench = {
  name: 'peer-learning',
  description: `ranked full-text search over ${ENTRIES} entries: GIN index vs scan, and GET /peer-learning?q= vs a filter-only listing`,
  needsTemporal: true,
  async run(ctx) {
    const orm = await openOrm(ctx.databaseUrl);
    const pool = new pg.Pool({ connectionString: ctx.databaseUrl, max: 4 });
    const connection = await Connection.connect({ address: ctx.temporalAddress! });
    const stops: (() => Promise<unknown>)[] = [() => orm.close(), () => pool.end(), () => connection.close()];
    const cluster = `P${randomUUID().slice(0, 8).toUpperCase()}`;
    try {
      const conn = orm.em.getConnection();
      await conn.execute(
        `insert into cluster (code, name, period, status, themes, focus_keywords) values (?, 'Bench cluster', '2021-2023', 'active', '{}', '{}')`,
        [cluster],
      );
      stops.unshift(async () => {
        await conn.execute('delete from peer_learning_entry where cluster_code = ?', [cluster]);
        await conn.execute('delete from cluster where code = ?', [cluster]);
      });
      const t0 = performance.now();
      // 3 title words, 40 body words, 1 tag, drawn per row (the `g` in each subquery keeps it correlated).
      await pool.query(
        `insert into peer_learning_entry (id, source_key, cluster_code, kind, title, body, tags, source, created_at)
         select gen_random_uuid(), 'bench:' || $1::text || ':' || g, $1::text, (array['success','challenge','practice','material'])[1 + g % 4],
           (select string_agg(($2::text[])[1 + floor(random() * $3::int)::int], ' ') from generate_series(1, 3 + g * 0)),
           (select string_agg(($2::text[])[1 + floor(random() * $3::int)::int], ' ') from generate_series(1, 40 + g * 0)) || case when g % 200 = 0 then ' ${RARE}' else '' end,
           array[($2::text[])[1 + (g % 50)]], 'secretariat', now() - make_interval(secs => g)
         from generate_series(1, $4::int) as g`,
        [cluster, VOCAB, VOCAB.length, ENTRIES],
      );
      await pool.query('analyze peer_learning_entry');
      ctx.log(`  seeded ${ENTRIES} entries in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

      const client = await pool.connect();
      let indexed: { medianMs: number; rows: number };
      let scanned: { medianMs: number; rows: number };
      let plan: string;
      try {
        plan = (
          await client.query(`explain ${SEARCH.replaceAll('$1', `'${RARE}'`).replace('$2', `'${cluster}'`)}`)
        ).rows
          .map((r: Record<string, string>) => r['QUERY PLAN'])
          .join('\n');
        indexed = await timeQuery(client, cluster, false);
        scanned = await timeQuery(client, cluster, true);
      } finally {
        client.release();
      }
      const usesIndex = plan.includes('peer_learning_entry_search_index');
      const speedup = scanned.medianMs / indexed.medianMs;
      ctx.log(
        `  ranked search: index ${indexed.medianMs.toFixed(2)} ms, scan ${scanned.medianMs.toFixed(2)} ms (${speedup.toFixed(1)}×), ${indexed.rows} rows`,
      );

      const config = loadConfig({
        SECRETARIAT_TOKEN: `bench-secretariat-${randomUUID()}`,
        TEMPORAL_TASK_QUEUE: `bench-${randomUUID()}`,
        LOG_LEVEL: 'silent',
      });
      const { app } = createApp({
        orm,
        temporal: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }),
        config,
        logger: createLogger('silent'),
      });
      const server = await listen(app);
      stops.unshift(server.stop);
      const headers = { authorization: `Bearer ${config.SECRETARIAT_TOKEN}` };
      const measure = async (path: string) => {
        const r = await load({ url: server.value + path, headers, seconds: SECONDS, connections: 10 });
        assertAllOk(path, r);
        ctx.log(`  ${path.padEnd(48)} ${r.rps.toFixed(0).padStart(6)} req/s  p99 ${r.p99Ms} ms`);
        return r;
      };
      const listing = await measure(`/peer-learning?cluster=${cluster}&kind=success`);
      const search = await measure(`/peer-learning?cluster=${cluster}&q=${RARE}`);

      return {
        ok: usesIndex && speedup >= TARGET_SPEEDUP && indexed.rows === Math.min(50, Math.floor(ENTRIES / 200)),
        table: {
          entries: ENTRIES,
          'index used': usesIndex ? 'yes' : 'NO',
          'search ms (index)': round(indexed.medianMs, 2),
          'search ms (scan)': round(scanned.medianMs, 2),
          speedup: round(speedup, 1),
          target: `>= ${TARGET_SPEEDUP}`,
          'HTTP search / listing rps': `${round(search.rps, 0)} / ${round(listing.rps, 0)} (${round(search.rps / listing.rps, 2)})`,
          'HTTP search p99 ms': search.p99Ms,
        },
        details: {
          entries: ENTRIES,
          iterations: ITERATIONS,
          plan,
          indexed,
          scanned,
          speedup,
          targetSpeedup: TARGET_SPEEDUP,
          http: { listing, search },
        },
      };
    } finally {
      for (const stop of stops)
        await stop().catch((err) => ctx.log(`  cleanup failed: ${err instanceof Error ? err.message : String(err)}`));
    }
  },
};
