// Restructuring the clusters through the HTTP API, on the 2019 → 2021 lineage (seven clusters became
// five): test copies of the seven retiring clusters and the five successors, the moves derived from
// the seed's lineage, a preview that changes nothing, and the same plan applied in one transaction.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTERS } from '../../db/seed/clusters.js';
import { openTestApp, sqlOn, type TestApp } from '../support/app.js';
import { freshDatabase } from '../support/fresh-database.js';
import type { Fixtures, Http } from '../support/http.js';

// A database of its own: the clusters this file retires would change what other files list.
let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: TestApp;
let http: Http;
let fx: Fixtures;
const sql = sqlOn(() => app.orm);
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  db = await freshDatabase();
  ({ app, http, fx } = await openTestApp({ orm: db.orm }));
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

/** A copy of the 2019 → 2021 lineage under a prefix of its own: code of each seed cluster → test code. */
async function lineage() {
  const prefix = `R${randomUUID().slice(0, 6).toUpperCase()}`;
  const code = new Map(CLUSTERS.map((c) => [c.code, `${prefix}-${c.code}`]));
  for (const c of CLUSTERS)
    await sql(
      `insert into cluster (code, name, period, status, themes, focus_keywords) values (?, ?, ?, 'active', '{}', '{}')`,
      [code.get(c.code), `${prefix} ${c.name}`, c.period],
    );
  const moves = CLUSTERS.filter((c) => c.status === 'retired').map((c) => ({
    from: code.get(c.code)!,
    to: c.successor ? code.get(c.successor)! : null,
  }));
  return { code: (seedCode: string) => code.get(seedCode)!, moves };
}

async function city(name: string) {
  return (await fx.city({ name: `${name} ${randomUUID().slice(0, 6)}`, country: 'FR' })) as {
    id: string;
    name: string;
  };
}

async function join(cluster: string, cityId: string, since = '2020-01-01') {
  const r = await http.post(`/clusters/${cluster}/members`, {
    cityId,
    since,
    representative: { name: 'Rep', email: `rep.${cityId.slice(0, 8)}@example.org` },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

const openMemberships = (cluster: string) =>
  sql<{ city_id: string; since: string; representative_email: string }>(
    `select city_id, since::text as since, representative_email from membership where cluster_code = ? and until is null order by city_id`,
    [cluster],
  );

describe('restructuring the clusters', () => {
  it('previews, then applies the 2019 lineage in one go: moved, merged, already a member, ended, terms ended', async () => {
    const { code, moves } = await lineage();
    const [a, b, c, d] = [await city('Aalborg'), await city('Bouaké'), await city('Cork'), await city('Daegu')];
    await join(code('ESD-2019'), a.id);
    // b is in two retiring clusters with one successor (INCLUSION): one new membership, not two.
    await join(code('LITERACY-2019'), b.id);
    await join(code('INCLUSION-EQUITY-2019'), b.id);
    // c is in HEALTH-2019 and in HEALTH already: only the old one ends.
    await join(code('HEALTH-2019'), c.id);
    await join(code('HEALTH'), c.id);
    // d is in Entrepreneurship, which has no successor.
    await join(code('ENTREPRENEURSHIP-2019'), d.id);
    // a coordinates ESD-2019 in a term that runs past today.
    await sql(
      `insert into coordinator_term (id, cluster_code, city_id, term_start, term_end, appointed, created_at) values (?, ?, ?, '2025-07-01', '2027-07-01', true, now())`,
      [randomUUID(), code('ESD-2019'), a.id],
    );
    const body = { effectiveOn: today, moves, note: 'Seven clusters become five (strategy 2021–2023)' };

    const preview = await http.post('/cluster-restructurings/preview', body);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.counts).toEqual({ moves: 2, alreadyMember: 1, merged: 1, ends: 1, termsEnding: 1 });
    const outcome = (cityId: string) =>
      preview.body.memberships
        .filter((m: { cityId: string }) => m.cityId === cityId)
        .map((m: { from: string; to: string | null; outcome: string }) => [m.from, m.to, m.outcome]);
    expect(outcome(a.id)).toEqual([[code('ESD-2019'), code('ESD'), 'moves']]);
    expect(outcome(b.id)).toEqual([
      [code('LITERACY-2019'), code('INCLUSION'), 'moves'],
      [code('INCLUSION-EQUITY-2019'), code('INCLUSION'), 'merged'],
    ]);
    expect(outcome(c.id)).toEqual([[code('HEALTH-2019'), code('HEALTH'), 'already_member']]);
    expect(outcome(d.id)).toEqual([[code('ENTREPRENEURSHIP-2019'), null, 'ends']]);
    // The preview changed nothing.
    expect(await openMemberships(code('ESD-2019'))).toHaveLength(1);
    expect(await openMemberships(code('ESD'))).toHaveLength(0);

    const applied = await http.post('/cluster-restructurings', body);
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.headers.get('location')).toBe(`/cluster-restructurings/${applied.body.id}`);
    expect(applied.body.plan).toEqual(preview.body);
    expect(applied.body.note).toBe(body.note);

    for (const m of moves) expect(await openMemberships(m.from)).toEqual([]);
    expect((await openMemberships(code('ESD'))).map((m) => [m.city_id, m.since])).toEqual([[a.id, today]]);
    expect((await openMemberships(code('INCLUSION'))).map((m) => m.city_id)).toEqual([b.id]);
    expect((await openMemberships(code('HEALTH'))).map((m) => [m.city_id, m.since])).toEqual([[c.id, '2020-01-01']]);
    // The representative comes along; the old memberships stay as history, ended today.
    expect((await openMemberships(code('ESD')))[0]!.representative_email).toBe(`rep.${a.id.slice(0, 8)}@example.org`);
    const ended = await sql<{ n: string }>(
      `select count(*) as n from membership where cluster_code = any(?::text[]) and until = ?`,
      [`{${moves.map((m) => m.from).join(',')}}`, today],
    );
    expect(Number(ended[0]!.n)).toBe(5);
    const retired = await sql<{ code: string; status: string; successor_code: string | null }>(
      `select code, status, successor_code from cluster where code = any(?::text[]) order by code`,
      [`{${moves.map((m) => m.from).join(',')}}`],
    );
    expect(retired.map((r) => [r.code, r.status, r.successor_code])).toEqual(
      [...moves].sort((x, y) => x.from.localeCompare(y.from)).map((m) => [m.from, 'retired', m.to]),
    );
    const term = await sql<{ term_end: string }>(
      `select term_end::text as term_end from coordinator_term where cluster_code = ?`,
      [code('ESD-2019')],
    );
    expect(term).toEqual([{ term_end: today }]);
    // The cluster pages say the same.
    expect((await http.get(`/clusters/${code('ESD-2019')}`)).body).toMatchObject({
      status: 'retired',
      successor: code('ESD'),
    });

    // History: listed and readable; applying again is refused, nothing changed.
    const list = await http.get('/cluster-restructurings?limit=200');
    expect(list.body.items.map((r: { id: string }) => r.id)).toContain(applied.body.id);
    expect((await http.get(`/cluster-restructurings/${applied.body.id}`)).body.plan.counts.moves).toBe(2);
    const again = await http.post('/cluster-restructurings', body);
    expect(again.status).toBe(422);
    expect(again.body.errors.map((e: { path: string }) => e.path)).toContain('body.moves.0.from');
    expect(await openMemberships(code('ESD'))).toHaveLength(1);
  });

  it('refuses bad moves naming the fields, an open election, an effective date before a membership, and other roles', async () => {
    const { code } = await lineage();
    const from = code('GCED-2019');
    const to = code('GCED');
    const refusals: [unknown, number, string[]][] = [
      [{ effectiveOn: today, moves: [] }, 400, ['body.moves']],
      [{ effectiveOn: '2021-02-30', moves: [{ from, to }] }, 400, ['body.effectiveOn']],
      [{ effectiveOn: today, moves: [{ from, to }], extra: 1 }, 400, ['body']],
      [{ effectiveOn: today, moves: [{ from: 'NO-SUCH', to }] }, 422, ['body.moves.0.from']],
      [{ effectiveOn: today, moves: [{ from, to: from }] }, 422, ['body.moves.0.to']],
      [{ effectiveOn: today, moves: [{ from, to: 'INCLUSION-EQUITY-2019' }] }, 422, ['body.moves.0.to']],
      [
        {
          effectiveOn: today,
          moves: [
            { from, to },
            { from, to: null },
          ],
        },
        422,
        ['body.moves.1.from'],
      ],
      [
        {
          effectiveOn: today,
          moves: [
            { from, to },
            { from: to, to: null },
          ],
        },
        422,
        ['body.moves.0.to'],
      ],
    ];
    for (const [body, status, paths] of refusals) {
      for (const path of ['/cluster-restructurings/preview', '/cluster-restructurings']) {
        const r = await http.post(path, body);
        expect(r.status, `${path} ${JSON.stringify(body)}: ${JSON.stringify(r.body)}`).toBe(status);
        expect(r.headers.get('content-type')).toContain('application/problem+json');
        const named = (r.body.errors ?? []).map((e: { path: string }) => e.path);
        for (const p of paths)
          expect(
            named.some((n: string) => n === p || n.startsWith(`${p}.`)),
            `${p} in ${named}`,
          ).toBe(true);
      }
    }

    const member = await city('Espoo');
    await join(from, member.id, '2030-01-01');
    const early = await http.post('/cluster-restructurings/preview', { effectiveOn: today, moves: [{ from, to }] });
    expect(early.status).toBe(422);
    expect(early.body.errors).toEqual([{ path: 'body.effectiveOn', message: 'must be on or after 2030-01-01' }]);

    const viewer = await fx.token('viewer');
    const cityToken = await fx.token('city', { cityId: member.id });
    for (const token of [viewer, cityToken])
      expect(
        (await http.post('/cluster-restructurings', { effectiveOn: '2030-06-01', moves: [{ from, to }] }, { token }))
          .status,
      ).toBe(403);
    expect((await http.get('/cluster-restructurings', { token: cityToken })).status).toBe(403);

    const election = randomUUID();
    await sql(
      `insert into election (id, workflow_id, cluster_code, term_start, term_end, seats, status, settings, deadlines, eligible, created_at, updated_at)
       values (?, ?, ?, '2031-07-01', '2033-07-01', 1, 'voting', '{}', '{}', '{}', now(), now())`,
      [election, `election:${from}:2031-07-01`, from],
    );
    const running = await http.post('/cluster-restructurings', { effectiveOn: '2030-06-01', moves: [{ from, to }] });
    expect(running.status).toBe(409);
    expect(running.body.elections).toEqual([election]);
    expect(await openMemberships(from)).toHaveLength(1);
    expect((await http.get(`/clusters/${from}`)).body.status).toBe('active');
  });
});
