// Funds through the HTTP API: receipts credit funds by a pledge's split, allocations never overdraw
// a fund (20 at once against PostgreSQL), disbursements with beneficiary cities, the reach shares,
// the CSV, and who may do what.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sqlOn } from '../support/app.js';
import { useFundingApp } from '../support/funding.js';

const api = useFundingApp();
const { http, fx } = api;
const sql = sqlOn(() => api.app.orm);
const as = (token: string) => ({ token });
const cents = (usd: string) => Math.round(Number(usd) * 100); // test-side reading of a decimal string

async function ok<T = any>(p: Promise<{ status: number; body: T }>, status: number): Promise<T> {
  const r = await p;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

async function fund(key: string) {
  return ok(http.get(`/funds/${key}`), 200);
}

/** Allocates whatever a fund has available, so that a test starts from zero (the database outlives runs). */
async function drain(key: string) {
  const f = await fund(key);
  if (cents(f.available) > 0)
    await ok(
      http.post(`/funds/${key}/allocations`, {
        activity: { kind: 'study', title: 'earlier runs' },
        amount: { currency: 'USD', value: f.available },
        allocatedOn: '2026-01-01',
      }),
      201,
    );
  expect((await fund(key)).available).toBe('0.00');
}

/** A USD pledge to `fundingOption` (sub-option) with one receipt of `received` (USD). */
async function receive(amount: string, received: string, extra: Record<string, unknown> = {}, split?: unknown) {
  const donor = await fx.donor();
  const p = await ok(
    http.post('/pledges', {
      donorId: donor.id,
      kind: 'financial',
      fundingOption: 'communication_exchange',
      subOption: 'seconded_staff',
      biennium: '2025-2027',
      amount: { currency: 'USD', value: amount },
      ...extra,
    }),
    201,
  );
  if (split) await ok(http.put(`/pledges/${p.id}/split`, split), 200);
  await ok(
    http.post(`/pledges/${p.id}/receipts`, { amount: { currency: 'USD', value: received }, receivedOn: '2026-01-20' }),
    201,
  );
  return { pledge: p, donor };
}

describe('funds', () => {
  it('lists every fund with received, allocated, disbursed and available, as JSON and CSV', async () => {
    const list = await ok(http.get('/funds'), 200);
    expect(list.items.map((f: any) => f.fund)).toEqual([
      'mdfm',
      'capacity_building_ldc',
      'thematic_study',
      'communication_exchange',
      'communication_exchange.host_event',
      'communication_exchange.fund_publication',
      'communication_exchange.fund_peer_learning_database',
      'communication_exchange.seconded_staff',
    ]);
    for (const f of list.items) expect(cents(f.available)).toBe(cents(f.received) - cents(f.allocated));
    const csv = await http.get('/funds?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect((csv.body as string).split('\r\n')[0]).toBe('fund,currency,received,allocated,disbursed,available');
    const viaAccept = await http.get('/funds', { headers: { accept: 'text/csv' } });
    expect(viaAccept.body).toBe(csv.body);
    expect((await http.get('/funds/nowhere')).status).toBe(400);
  });

  it('credits a receipt to the funds of its split by the largest remainder, in USD at the recorded rate and in its currency', async () => {
    const keys = ['thematic_study', 'capacity_building_ldc', 'communication_exchange.host_event'];
    const before = await Promise.all(keys.map(fund));
    const donor = await fx.donor();
    const p = await ok(
      http.post('/pledges', {
        donorId: donor.id,
        kind: 'financial',
        fundingOption: 'thematic_study',
        biennium: '2025-2027',
        amount: { currency: 'EUR', value: '10.00' },
      }),
      201,
    );
    // No split: the whole pledge to its own funding option.
    expect(await ok(http.get(`/pledges/${p.id}/split`), 200)).toMatchObject({
      split: false,
      parts: [{ fund: 'thematic_study', basisPoints: 10000, amount: '10.00' }],
    });
    const split = await ok(
      http.put(`/pledges/${p.id}/split`, {
        parts: [
          { fund: 'thematic_study', basisPoints: 3333 },
          { fund: 'capacity_building_ldc', basisPoints: 3333 },
          { fund: 'communication_exchange.host_event', basisPoints: 3334 },
        ],
      }),
      200,
    );
    // 1000 cents × 3333/10000 = 333.3 → 333, 333, 333.4 → 333; the cent left goes to the largest remainder (0.4).
    expect(split.parts.map((x: any) => x.amount)).toEqual(['3.33', '3.33', '3.34']);
    // EUR 1.00 at 1.08 = USD 1.08: 108 × 333/1000 = 35.96, 35.96, 108 × 334/1000 = 36.07 → 35, 35, 36 + the two
    // cents left to the largest remainders (.964, .964) → 36, 36, 36. EUR 100 cents → 33, 33, 34.
    await ok(
      http.post(`/pledges/${p.id}/receipts`, { amount: { currency: 'EUR', value: '1.00' }, receivedOn: '2026-01-20' }),
      201,
    );
    const after = await Promise.all(keys.map(fund));
    after.forEach((f, i) => expect(cents(f.received) - cents(before[i].received)).toBe(36));
    const eur = (f: any) => Number(f.byCurrency.find((c: any) => c.currency === 'EUR')?.received ?? '0') * 100;
    expect(after.map(eur).map((x, i) => Math.round(x - eur(before[i])))).toEqual([33, 33, 34]);
    const read = await ok(http.get(`/pledges/${p.id}/split`), 200);
    expect(read.parts.map((x: any) => x.received)).toEqual(['0.36', '0.36', '0.36']);
    // Once a receipt is credited the split cannot change.
    const again = await http.put(`/pledges/${p.id}/split`, { parts: [{ fund: 'mdfm', basisPoints: 10000 }] });
    expect(again.status).toBe(409);
    const splitRows = await sql<{ n: number }>(`select count(*)::int as n from pledge_split where pledge_id = ?`, [
      p.id,
    ]);
    expect(splitRows[0]?.n).toBe(3);
  });

  it('refuses a split that does not sum to the pledge, of an in-kind pledge, or of an unknown pledge, naming the field', async () => {
    const donor = await fx.donor();
    const p = await ok(
      http.post('/pledges', {
        donorId: donor.id,
        kind: 'financial',
        fundingOption: 'mdfm',
        biennium: '2025-2027',
        amount: { currency: 'USD', value: '100' },
      }),
      201,
    );
    const short = await http.put(`/pledges/${p.id}/split`, {
      parts: [
        { fund: 'mdfm', amount: '60' },
        { fund: 'thematic_study', amount: '39.99' },
      ],
    });
    expect(short.status).toBe(422);
    expect(short.headers.get('content-type')).toMatch(/problem\+json/);
    expect(short.body.errors[0].path).toBe('body.parts');
    const bp = await http.put(`/pledges/${p.id}/split`, { parts: [{ fund: 'mdfm', basisPoints: 9999 }] });
    expect(bp.status).toBe(400);
    const amounts = await ok(
      http.put(`/pledges/${p.id}/split`, {
        parts: [
          { fund: 'mdfm', amount: '60' },
          { fund: 'thematic_study', amount: '40' },
        ],
      }),
      200,
    );
    expect(amounts).toMatchObject({
      split: true,
      parts: [{ amount: '60.00', basisPoints: null }, { amount: '40.00' }],
    });
    const inKind = await ok(
      http.post('/pledges', {
        donorId: donor.id,
        kind: 'in_kind',
        fundingOption: 'mdfm',
        biennium: '2025-2027',
        inKind: { description: 'a venue', quantity: '1', unit: 'day' },
      }),
      201,
    );
    expect(
      (await http.put(`/pledges/${inKind.id}/split`, { parts: [{ fund: 'mdfm', basisPoints: 10000 }] })).status,
    ).toBe(422);
    expect(
      (await http.put(`/pledges/${randomUUID()}/split`, { parts: [{ fund: 'mdfm', basisPoints: 10000 }] })).status,
    ).toBe(404);
  });

  it('lets a donor read its own split only; a city, a viewer writing and a donor writing are refused', async () => {
    const donor = await fx.donor();
    const other = await fx.donor();
    const p = await ok(
      http.post('/pledges', {
        donorId: donor.id,
        kind: 'financial',
        fundingOption: 'mdfm',
        biennium: '2025-2027',
        amount: { currency: 'USD', value: '100' },
      }),
      201,
    );
    const mine = await fx.token('donor', { donorId: donor.id });
    const theirs = await fx.token('donor', { donorId: other.id });
    const city = await fx.token('city', { cityId: (await fx.city()).id });
    const viewer = await fx.token('viewer');
    const body = { parts: [{ fund: 'mdfm', basisPoints: 10000 }] };
    expect((await http.get(`/pledges/${p.id}/split`, as(mine))).status).toBe(200);
    expect((await http.get(`/pledges/${p.id}/split`, as(theirs))).status).toBe(404);
    expect((await http.get(`/pledges/${p.id}/split`, as(city))).status).toBe(403);
    expect((await http.get(`/pledges/${p.id}/split`, as(viewer))).status).toBe(200);
    expect((await http.put(`/pledges/${p.id}/split`, body, as(mine))).status).toBe(403);
    expect((await http.put(`/pledges/${p.id}/split`, body, as(viewer))).status).toBe(403);
    expect((await http.put(`/pledges/${p.id}/split`, body, as(city))).status).toBe(403);
    // Funds are the secretariat's (and viewers') business.
    for (const path of ['/funds', '/funds/mdfm', '/funds/mdfm/allocations', '/funds/reach']) {
      expect((await http.get(path, as(mine))).status).toBe(403);
      expect((await http.get(path, as(city))).status).toBe(403);
      expect((await http.get(path, as(viewer))).status).toBe(200);
      expect((await http.get(path, { token: null })).status).toBe(401);
    }
    const alloc = {
      activity: { kind: 'workshop', title: 'x' },
      amount: { currency: 'USD', value: '1' },
      allocatedOn: '2026-01-01',
    };
    for (const t of [mine, city, viewer])
      expect((await http.post('/funds/mdfm/allocations', alloc, as(t))).status).toBe(403);
  });

  it('allocates, reduces and cancels (audited), disburses to beneficiary cities, and refuses to overdraw either', async () => {
    const key = 'communication_exchange.seconded_staff';
    await drain(key);
    await receive('1000', '1000');
    expect((await fund(key)).available).toBe('1000.00');

    const over = await http.post(`/funds/${key}/allocations`, {
      activity: { kind: 'workshop', title: 'too much' },
      amount: { currency: 'USD', value: '1000.01' },
      allocatedOn: '2026-02-01',
    });
    expect(over.status).toBe(409);
    expect(over.headers.get('content-type')).toMatch(/problem\+json/);
    expect(over.body).toMatchObject({ fund: key, available: '1000.00', requested: '1000.01' });
    expect(over.body.detail).toContain(key);
    expect(over.body.detail).toContain('1000.00');

    // EUR 500 at the recorded 1.08 = USD 540.
    const a = await ok(
      http.post(`/funds/${key}/allocations`, {
        activity: { kind: 'secondment', title: 'A secondment to Addis Ababa', referenceId: randomUUID() },
        amount: { currency: 'EUR', value: '500' },
        allocatedOn: '2026-02-01',
      }),
      201,
    );
    expect(a).toMatchObject({ usd: '540.00', fxRateToUsd: '1.08', status: 'active', remaining: { value: '500.00' } });
    expect((await fund(key)).available).toBe('460.00');

    const addis = await fx.city({ country: 'ET' });
    const nairobi = await fx.city({ country: 'KE' });
    const d1 = await ok(
      http.post(`/fund-allocations/${a.id}/disbursements`, {
        amount: { currency: 'EUR', value: '200' },
        disbursedOn: '2026-02-10',
        cityIds: [addis.id, nairobi.id],
      }),
      201,
    );
    expect(d1).toMatchObject({ seq: 1, usd: '216.00', amount: { currency: 'EUR', value: '200.00' } });
    // More than is left on the allocation; another currency; an unknown city; a listed-twice city.
    const tooMuch = await http.post(`/fund-allocations/${a.id}/disbursements`, {
      amount: { currency: 'EUR', value: '300.01' },
      disbursedOn: '2026-02-11',
      cityIds: [addis.id],
    });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body).toMatchObject({ remaining: '300.00', currency: 'EUR' });
    expect(
      (
        await http.post(`/fund-allocations/${a.id}/disbursements`, {
          amount: { currency: 'USD', value: '1' },
          disbursedOn: '2026-02-11',
          cityIds: [addis.id],
        })
      ).status,
    ).toBe(422);
    const unknown = await http.post(`/fund-allocations/${a.id}/disbursements`, {
      amount: { currency: 'EUR', value: '1' },
      disbursedOn: '2026-02-11',
      cityIds: [randomUUID()],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe('body.cityIds');
    expect(
      (
        await http.post(`/fund-allocations/${a.id}/disbursements`, {
          amount: { currency: 'EUR', value: '1' },
          disbursedOn: '2026-02-11',
          cityIds: [addis.id, addis.id],
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await http.post(`/fund-allocations/${randomUUID()}/disbursements`, {
          amount: { currency: 'EUR', value: '1' },
          disbursedOn: '2026-02-11',
          cityIds: [addis.id],
        })
      ).status,
    ).toBe(404);

    // Reduce: never below what is disbursed, never up.
    expect(
      (await http.post(`/fund-allocations/${a.id}/changes`, { action: 'reduce', amount: '199.99', note: 'n' })).status,
    ).toBe(409);
    expect(
      (await http.post(`/fund-allocations/${a.id}/changes`, { action: 'reduce', amount: '600', note: 'n' })).status,
    ).toBe(409);
    expect(
      (await http.post(`/fund-allocations/${a.id}/changes`, { action: 'reduce', amount: '1.001', note: 'n' })).status,
    ).toBe(422);
    const reduced = await ok(
      http.post(`/fund-allocations/${a.id}/changes`, { action: 'reduce', amount: '300', note: 'smaller venue' }),
      200,
    );
    expect(reduced).toMatchObject({ usd: '324.00', remaining: { value: '100.00' } });
    expect((await fund(key)).available).toBe('676.00');
    const cancelled = await ok(
      http.post(`/fund-allocations/${a.id}/changes`, { action: 'cancel', note: 'postponed' }),
      200,
    );
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      amount: { value: '200.00' },
      usd: '216.00',
      remaining: { value: '0.00' },
    });
    expect(await fund(key)).toMatchObject({ available: '784.00' });
    expect((await http.post(`/fund-allocations/${a.id}/changes`, { action: 'cancel', note: 'again' })).status).toBe(
      409,
    );
    expect(
      (
        await http.post(`/fund-allocations/${a.id}/disbursements`, {
          amount: { currency: 'EUR', value: '1' },
          disbursedOn: '2026-02-11',
          cityIds: [addis.id],
        })
      ).status,
    ).toBe(409);

    const detail = await ok(http.get(`/fund-allocations/${a.id}`), 200);
    expect(detail.changes.map((c: any) => [c.action, c.from, c.to, c.note])).toEqual([
      ['allocate', null, '500.00', null],
      ['reduce', '500.00', '300.00', 'smaller venue'],
      ['cancel', '300.00', '200.00', 'postponed'],
    ]);
    expect(detail.disbursements).toHaveLength(1);
    expect(detail.disbursements[0].cityIds.sort()).toEqual([addis.id, nairobi.id].sort());
    const list = await ok(http.get(`/funds/${key}/allocations?limit=1`), 200);
    expect(list.items[0].id).toBe(a.id);
    expect((await http.get(`/fund-allocations/${randomUUID()}`)).status).toBe(404);

    // Bad input: 4xx naming the field, nothing written.
    const before = (await sql<{ n: number }>(`select count(*)::int as n from fund_allocation`))[0]?.n;
    const bad = await http.post(`/funds/${key}/allocations`, {
      activity: { kind: 'party', title: 'x' },
      amount: { currency: 'USD', value: 5 },
      allocatedOn: '2026-13-01',
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.errors.map((e: any) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.activity.kind', 'body.amount.value', 'body.allocatedOn']));
    // A currency no other file records a rate for (they share the database: bounds.test.ts records MZN).
    const noRate = await http.post(`/funds/${key}/allocations`, {
      activity: { kind: 'event', title: 'x' },
      amount: { currency: 'KMF', value: '5' },
      allocatedOn: '2026-02-01',
    });
    expect(noRate.status).toBe(422);
    expect(noRate.body.errors[0].path).toBe('body.fxRateToUsd');
    const after = (await sql<{ n: number }>(`select count(*)::int as n from fund_allocation`))[0]?.n;
    expect(after).toBe(before);
  });

  it('lets exactly the allocations that fit succeed when 20 arrive at once', async () => {
    const key = 'communication_exchange.seconded_staff';
    await drain(key);
    await receive('1000', '1000');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        http.post(`/funds/${key}/allocations`, {
          activity: { kind: 'training', title: `training ${i}` },
          amount: { currency: 'USD', value: '150' },
          allocatedOn: '2026-03-01',
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    // USD 1000 holds six allocations of 150 (900); the other fourteen are refused with what is left.
    expect(statuses.filter((s) => s === 201)).toHaveLength(6);
    expect(statuses.filter((s) => s === 409)).toHaveLength(14);
    for (const r of results.filter((x) => x.status === 409)) expect(cents(r.body.available)).toBeLessThan(15_000);
    const f = await fund(key);
    expect(f.available).toBe('100.00');
    const [row] = await sql<{ received: string; allocated: string; sum: string }>(
      `select f.received_usd_minor::text as received, f.allocated_usd_minor::text as allocated,
              (select sum(usd_minor) from fund_allocation a where a.fund_key = f.key)::text as sum
         from fund f where key = ?`,
      [key],
    );
    expect(row!.allocated).toBe(row!.sum);
    expect(Number(row!.allocated)).toBeLessThanOrEqual(Number(row!.received));
  });

  it('derives the Africa and LDC/low-income shares from the beneficiary cities’ countries', async () => {
    const key = 'communication_exchange.seconded_staff';
    await drain(key);
    await receive('500', '500');
    const a = await ok(
      http.post(`/funds/${key}/allocations`, {
        activity: { kind: 'partnership', title: 'reach' },
        amount: { currency: 'USD', value: '500' },
        allocatedOn: '2026-04-01',
      }),
      201,
    );
    // A day no other run uses, so the report over it holds this test's disbursements alone.
    const dayN = Math.floor(Math.random() * 365 * 40);
    const on = new Date(Date.UTC(2040, 0, 1) + dayN * 86_400_000).toISOString().slice(0, 10);
    const ethiopia = await fx.city({ country: 'ET' }); // Africa, low income, LDC
    const kenya = await fx.city({ country: 'KE' }); // Africa, lower middle, not LDC
    const nepal = await fx.city({ country: 'NP' }); // Asia-Pacific, LDC
    const germany = await fx.city({ country: 'DE' }); // neither
    const pay = (value: string, cityIds: string[]) =>
      ok(
        http.post(`/fund-allocations/${a.id}/disbursements`, {
          amount: { currency: 'USD', value },
          disbursedOn: on,
          cityIds,
        }),
        201,
      );
    await pay('100.00', [ethiopia.id, germany.id]); // 50 + 50
    await pay('30.01', [kenya.id, nepal.id, germany.id].sort()); // 10.01, 10.00, 10.00 by city id order
    await pay('69.99', [nepal.id]);
    // By hand: total 200.00. Africa = 50 (Ethiopia) + Kenya's share of 30.01. LDC/low = 50 (Ethiopia) + Nepal's
    // share + 69.99. The 30.01 splits 10.01 to the first city in id order, 10.00 to the others.
    const order = [kenya.id, nepal.id, germany.id].sort();
    const shareOf3 = (id: string) => (order[0] === id ? 1001 : 1000);
    const africa = 5000 + shareOf3(kenya.id);
    const ldc = 5000 + shareOf3(nepal.id) + 6999;
    const focus = 5000 + shareOf3(kenya.id) + shareOf3(nepal.id) + 6999;
    const fmt = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
    // Four decimals of 200.00, half to even in integers: 60.01 is 0.30005, so 0.3000 (a float rounding said 0.3001).
    const share = (c: number) => {
      const q = Math.floor((c * 10_000) / 20_000);
      const twice = 2 * ((c * 10_000) % 20_000);
      const v = q + (twice > 20_000 || (twice === 20_000 && q % 2 === 1) ? 1 : 0);
      return `${Math.floor(v / 10_000)}.${String(v % 10_000).padStart(4, '0')}`;
    };
    const r = await ok(http.get(`/funds/reach?fund=${encodeURIComponent(key)}&from=${on}&to=${on}`), 200);
    expect(r).toMatchObject({
      fund: key,
      disbursements: 3,
      disbursed: '200.00',
      africa: fmt(africa),
      ldcOrLowIncome: fmt(ldc),
      focus: fmt(focus),
      africaShare: share(africa),
      ldcOrLowIncomeShare: share(ldc),
      focusShare: share(focus),
    });
    const csv = await http.get(`/funds/reach?from=${on}&to=${on}&format=csv`);
    expect(csv.body).toBe(
      `measure,usd,share\r\ndisbursed,200.00,1.0000\r\nafrica,${fmt(africa)},${share(africa)}\r\n` +
        `ldc_or_low_income,${fmt(ldc)},${share(ldc)}\r\nfocus,${fmt(focus)},${share(focus)}\r\n`,
    );
    expect((await http.get(`/funds/reach?from=nope`)).status).toBe(400);
  });
});
