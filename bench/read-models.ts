// The read models at 1×, 10× and 100× today's network: the funding summary, the calendar (a year,
// all clusters) and the console overview's other calls, p95 per size, and how p95 grows from 10× to
// 100× (target ≤ 10: no worse than linear in the data). The data is added in set-based statements
// (generate_series), each size on top of the one before, so one database holds 1×, then 10×, then 100×.
//
// 1× = 230 cities, 100 donors, 1 000 pledges (3 instalments each), 35 receipts per pledge in
// fulfilment, each a 40th of the pledge (10 000 receipts: 1 M at 100×, as issue #14 asks), 500 workshops,
// 2 000 notifications. BENCH_READ_MODELS_SIZES=1,10 to stop earlier.
import { randomUUID } from 'node:crypto';
import type { RequestListener, ServerResponse } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../api/app.js';
import { hashToken, newToken } from '../api/auth.js';
import { openOrm } from '../db/orm.js';
import { loadConfig } from '../platform/config.js';
import { createLogger } from '../platform/logger.js';
import { withoutRowTriggers, verifyDerived } from './read-models-seed.js';
import { assertAllOk, listen, load, round, type Bench } from './support.js';

const SIZES = (process.env.BENCH_READ_MODELS_SIZES ?? '1,10,100').split(',').map(Number);
const PER_1X = {
  cities: 230,
  donors: 100,
  pledges: 1_000,
  receiptsPerPledge: 35,
  workshops: 500,
  notifications: 2_000,
};
const TARGET_GROWTH = 10;
/** Pledges whose bulk-derived balance and credits are checked against the triggers' at each size. */
const VERIFY_SAMPLE = 500;
const CONNECTIONS = 4;
const SECONDS = Number(process.env.BENCH_SECONDS) || 4;
const BIENNIUM = '2025-2027';

type Exec = (sql: string, params?: unknown[]) => Promise<unknown>;

/** Adds `times` × the 1× network to what is there; `batch` keeps this batch's names apart. */
async function addData(execute: Exec, batch: number, times: number): Promise<void> {
  const n = (k: keyof typeof PER_1X) => PER_1X[k] * times;
  await execute(
    `insert into city (id, name, country_code, status, year_joined, created_at, updated_at)
     select gen_random_uuid(), 'Bench City ' || ? || '-' || g, (array['KE','SN','DE','FR','BR','CN','MZ','GH','IN','MX'])[1 + g % 10],
            'member', 2012 + g % 12, now(), now() from generate_series(1, ?) g`,
    [batch, n('cities')],
  );
  await execute(
    `insert into membership (id, city_id, cluster_code, since, representative_name, representative_email, representative_expertise)
     select gen_random_uuid(), c.id, k.code, '2021-07-01', 'Rep ' || c.name, 'rep-' || c.id || '@example.org', '{}'
       from (select id, name, row_number() over (order by id) n from city where name like 'Bench City ' || ? || '-%') c
       join (select code, row_number() over (order by code) - 1 i from cluster where status = 'active') k
         on k.i = c.n % 5 or (c.n % 3 = 0 and k.i = (c.n + 2) % 5)`,
    [batch],
  );
  // Coordinators among this bench's own cities: `npm run bench` runs every bench on one database,
  // and the overview bench seeds coordinators of the same day.
  if (batch === 1)
    await execute(
      `insert into coordinator_term (id, cluster_code, city_id, term_start, term_end, appointed, created_at)
       select gen_random_uuid(), m.cluster_code, m.city_id, '2025-07-01', '2027-07-01', false, now()
         from (select distinct on (m.cluster_code) m.cluster_code, m.city_id
                 from membership m join city c on c.id = m.city_id
                where c.name like 'Bench City ' || ? || '-%'
                order by m.cluster_code, m.city_id) m`,
      [batch],
    );
  await execute(
    `insert into donor (id, name, type, created_at, updated_at)
     select gen_random_uuid(), 'Bench Donor ' || ? || '-' || g, (array['foundation','corporate','national_government','multilateral'])[1 + g % 4], now(), now()
       from generate_series(1, ?) g`,
    [batch, n('donors')],
  );
  const statuses = `array['prospect','in_discussion','pledged','agreement_signed','in_fulfilment','fulfilled','declined']`;
  await execute(
    `with d as (select id, row_number() over (order by id) - 1 i from donor where name like 'Bench Donor ' || ? || '-%')
     insert into pledge (id, workflow_id, donor_id, kind, funding_option, focus, biennium, status, status_since, currency,
                         amount_minor, valuation_status, reminders, created_at, updated_at)
     select p.id, 'pledge:' || p.id, d.id, 'financial', (array['mdfm','capacity_building_ldc','thematic_study'])[1 + g % 3],
            case when g % 2 = 0 then '{africa}'::text[] else '{}'::text[] end, ?, (${statuses})[1 + g % 7], now(),
            (array['USD','EUR','KES'])[1 + g % 3], 3000000 + (g % 97) * 100000, 'none', '{}', now(), now()
       from (select gen_random_uuid() id, g from generate_series(1, ?) g) p join d on d.i = p.g % ?`,
    [batch, BIENNIUM, n('pledges'), n('donors')],
  );
  // The per-row balance and credit triggers would make this the slowest part by far (read-models-seed.ts).
  await withoutRowTriggers(execute, async () => {
    // This batch's pledges: those without instalments yet.
    await execute(
      `insert into instalment (id, pledge_id, seq, due, amount_minor, paid_minor, status, updated_at)
       select gen_random_uuid(), p.id, s, date '2025-09-01' + (s * 120), p.amount_minor / 3, 0, 'scheduled', now()
         from pledge p cross join generate_series(1, 3) s
        where not exists (select 1 from instalment i where i.pledge_id = p.id)`,
    );
    await execute(
      `insert into receipt (id, pledge_id, key, currency, amount_minor, received_on, fx_rate_to_usd, usd_minor, pledge_minor,
                            allocations, overpayment_minor, recorded_by, created_at)
       select gen_random_uuid(), p.id, 'bench-' || p.id || '-' || r, p.currency, p.amount_minor / 40, date '2026-01-10' + r,
              1, p.amount_minor / 40, p.amount_minor / 40, '[]', 0, 'bench', now()
         from pledge p cross join generate_series(1, ?) r
        where p.status in ('in_fulfilment', 'fulfilled') and not exists (select 1 from receipt x where x.pledge_id = p.id)`,
      [PER_1X.receiptsPerPledge],
    );
  });
  const year = new Date().getUTCFullYear();
  await execute(
    `insert into workshop (id, workflow_id, cluster_code, work_phase_id, kind, status, title, starts_at, ends_at, timezone,
                           venue, online_url, rsvp_by, revision, experts, invited, settings, created_at, updated_at)
     select w.id, 'workshop:' || w.id, k.code, null, 'thematic', 'invitations_open', 'Bench workshop ' || w.g, s.starts, s.starts + interval '8 hours',
            'Europe/Paris', null, 'https://meet.example.org/w', s.starts - interval '14 days', 1, '[]'::jsonb, '{}',
            '{"rsvpReminders":["P14D","P3D"],"outcomesDue":"P14D","outcomesReminderLead":"P3D"}'::jsonb, now(), now()
       from (select gen_random_uuid() id, g from generate_series(1, ?) g) w
       cross join lateral (select make_timestamptz(?, 1, 1, 9, 0, 0, 'UTC') + (w.g % 365) * interval '1 day' as starts) s
       join (select code, row_number() over (order by code) - 1 i from cluster where status = 'active') k on k.i = w.g % 5`,
    [n('workshops'), year],
  );
  await execute(
    `insert into notification (id, key, recipient_kind, kind, subject, body, created_at, attempts)
     select gen_random_uuid(), 'bench:' || ? || ':' || g, 'secretariat', 'bench.note', 'Note ' || g, 'body', now() - g * interval '1 minute', 0
       from generate_series(1, ?) g`,
    [batch, n('notifications')],
  );
}

/**
 * The app with a count of requests it has not answered yet. A request is done when its handler
 * ends the response, even if the client has gone (autocannon's dropped requests still run to end).
 */
function tracked(app: RequestListener): { handler: RequestListener; idle(): Promise<number> } {
  let open = 0;
  let waiters: (() => void)[] = [];
  const handler: RequestListener = (req, res) => {
    open++;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    let ended = false;
    res.end = ((...args: unknown[]) => {
      if (!ended) {
        ended = true;
        if (--open === 0) for (const w of waiters.splice(0)) w();
      }
      return end(...args);
    }) as typeof res.end;
    void app(req, res);
  };
  return {
    handler,
    /** Resolves with how long it waited for the last request to end; throws after a minute. */
    async idle() {
      const since = Date.now();
      if (open > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => waiters.push(resolve)),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`${open} requests still open after 60 s`)), 60_000);
          }),
        ]).finally(() => {
          clearTimeout(timer);
          waiters = [];
        });
      }
      return Date.now() - since;
    },
  };
}

async function counts(execute: (sql: string) => Promise<{ t: string; n: string }[]>): Promise<Record<string, number>> {
  const rows = await execute(
    `select 'cities' t, count(*) n from city union all select 'pledges', count(*) from pledge
     union all select 'instalments', count(*) from instalment union all select 'receipts', count(*) from receipt
     union all select 'workshops', count(*) from workshop union all select 'notifications', count(*) from notification`,
  );
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

export const readModelsBench: Bench = {
  name: 'read-models',
  description: `funding summary, calendar and the overview's calls at ${SIZES.join('×, ')}× today's data, p95 each, growth 10×→100× ≤ ${TARGET_GROWTH}`,
  needsTemporal: false,
  async run(ctx) {
    const orm = await openOrm(ctx.databaseUrl, { pool: { min: 0, max: 20 } });
    const stops: (() => Promise<unknown>)[] = [() => orm.close()];
    try {
      const conn = orm.em.getConnection();
      const execute: Exec = (sql, params = []) => conn.execute(sql, params as never[]);
      const query = (sql: string, params: unknown[] = []) =>
        conn.execute<Record<string, unknown>[]>(sql, params as never[]);
      const inTransactionRolledBack = async <T>(
        work: (q: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<T>,
      ): Promise<T> => {
        const trx = await conn.begin();
        try {
          return await work((sql, params = []) =>
            conn.execute<Record<string, unknown>[]>(sql, params as never[], 'all', trx),
          );
        } finally {
          await conn.rollback(trx);
        }
      };
      const secret = newToken();
      await execute(
        `insert into api_token (id, token_hash, role, label, read_only, created_at) values (gen_random_uuid(), ?, 'secretariat', 'bench', true, now())`,
        [hashToken(secret)],
      );
      const config = loadConfig({ TEMPORAL_TASK_QUEUE: `bench-${randomUUID()}`, LOG_LEVEL: 'silent' });
      const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
      const { app } = createApp({ orm, temporal, config, logger: createLogger('silent') });
      const inFlight = tracked(app);
      const server = await listen(inFlight.handler);
      stops.unshift(server.stop);
      const year = new Date().getUTCFullYear();
      const calls: Record<string, string> = {
        'funding summary': `/funding/summary?biennium=${BIENNIUM}`,
        'calendar (a year, all clusters, earliest 100)': `/calendar?from=${year}-01-01&to=${year}-12-31&limit=100`,
        clusters: '/clusters?status=active',
        coordinators: '/clusters/ESD/coordinators',
        members: '/clusters/ESD/members?limit=200',
        elections: '/elections?status=voting&limit=50',
        notifications: '/notifications?limit=100',
      };
      const headers = { authorization: `Bearer ${secret}` };
      const bySize: Record<
        number,
        {
          seedSeconds: number;
          counts: Record<string, number>;
          verified: { pledges: number; receipts: number };
          p95: Record<string, number>;
          drainedMs: Record<string, number>;
        }
      > = {};
      let have = 0;
      let batch = 0;
      for (const size of SIZES) {
        const started = Date.now();
        await addData(execute, ++batch, size - have);
        have = size;
        await execute('analyze');
        const seedSeconds = (Date.now() - started) / 1000;
        const c = await counts((sql) => conn.execute(sql));
        ctx.log(`  ${size}×: added in ${seedSeconds.toFixed(1)} s: ${JSON.stringify(c)}`);
        const verified = await verifyDerived(inTransactionRolledBack, query, VERIFY_SAMPLE);
        ctx.log(
          `    balances and credits as the triggers give them, checked for ${verified.pledges} pledges, ${verified.receipts} receipts`,
        );
        const p95: Record<string, number> = {};
        const drainedMs: Record<string, number> = {};
        for (const [name, path] of Object.entries(calls)) {
          const r = await load({ url: server.value + path, seconds: SECONDS, connections: CONNECTIONS, headers });
          // autocannon stops at its deadline and drops the requests in flight, which the app still
          // answers: the next call is measured only once they are done, or they would be its load.
          drainedMs[name] = await inFlight.idle();
          assertAllOk(`${name} at ${size}×`, r);
          p95[name] = r.p975Ms; // autocannon's p97.5: an upper bound of the p95
          ctx.log(
            `    ${name.padEnd(46)} p97.5 ${r.p975Ms} ms  p50 ${r.p50Ms} ms  ${Math.round(r.rps)} req/s  drained in ${drainedMs[name]} ms`,
          );
        }
        bySize[size] = { seedSeconds, counts: c, verified, p95, drainedMs };
      }
      const table: Record<string, string | number> = {};
      let ok = true;
      for (const name of Object.keys(calls)) {
        table[`${name} p97.5 ms`] = SIZES.map((s) => `${s}×: ${bySize[s]!.p95[name]}`).join(', ');
        if (bySize[10] && bySize[100]) {
          const growth = bySize[100]!.p95[name]! / Math.max(1, bySize[10]!.p95[name]!);
          table[`${name} growth 10×→100×`] = round(growth, 1);
          ok &&= growth <= TARGET_GROWTH;
        }
      }
      table.sizes = SIZES.map(
        (s) =>
          `${s}×: ${bySize[s]!.counts.pledges} pledges, ${bySize[s]!.counts.receipts} receipts, ${bySize[s]!.counts.workshops} workshops (added in ${round(bySize[s]!.seedSeconds, 0)} s)`,
      ).join('; ');
      table.target = `p95 growth 10×→100× <= ${TARGET_GROWTH}`;
      return { table, details: { calls, connections: CONNECTIONS, seconds: SECONDS, bySize }, ok };
    } finally {
      for (const stop of stops) await stop();
    }
  },
};
