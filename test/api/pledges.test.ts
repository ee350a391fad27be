// Pledges, receipts, waivers, instalment due dates and donor tokens through the HTTP API, with the
// pledge workflow running on the dev server.
import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { pledgeWorkflowId } from '../../domain/pledge.js';
import { sqlOn } from '../support/app.js';
import { freshBiennium } from '../support/funding.js';
import { financialPledge as financial, useFundingApp } from '../support/funding.js';

// The app with one EUR rate for the whole file (receipts of later dates take it as the nearest earlier one).
const api = useFundingApp();
const { http, fx } = api;
const sql = sqlOn(() => api.app.orm);
const as = (token: string) => ({ token });

describe('pledges', () => {
  it('records a pledge with its schedule and answers it with status history, instalments and USD totals', async () => {
    const donor = await fx.donor({ type: 'corporate' });
    const r = await http.post(
      '/pledges',
      financial(donor.id, { reminders: { beforeDue: 'P7D', overdueAfter: ['P3D'] } }),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.headers.get('location')).toBe(`/pledges/${r.body.id}`);
    expect(r.body).toMatchObject({
      status: 'pledged',
      amount: { currency: 'EUR', value: '300000.00' },
      workflowId: pledgeWorkflowId(r.body.id),
      instalments: [
        { seq: 1, due: '2026-01-15', amount: '100000.00', paid: '0.00', status: expect.any(String) },
        { seq: 2, due: '2026-03-15', amount: '100000.00' },
        { seq: 3, due: '2026-09-15', amount: '100000.00' },
      ],
      statusChanges: [{ from: null, to: 'pledged', by: 'secretariat' }],
      totals: {
        pledged: '300000.00',
        received: '0.00',
        outstanding: '300000.00',
        usd: { pledged: '324000.00', received: '0.00', outstanding: '324000.00', rateToUsd: '1.08' },
      },
      reminders: { beforeDue: 'P7D', overdueAfter: ['P3D'], escalateAfter: 'P60D' },
      valuation: null,
    });
    const got = await http.get(`/pledges/${r.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.id).toBe(r.body.id);
    const list = await http.get(`/donors/${donor.id}/pledges`);
    expect(list.body).toMatchObject({ total: 1, items: [{ id: r.body.id }] });
  });

  it('refuses bad bodies with field errors and changes nothing', async () => {
    const donor = await fx.donor();
    const before = await sql<{ n: string }>(`select count(*) as n from pledge where donor_id = ?`, [donor.id]);
    const sumWrong = await http.post(
      '/pledges',
      financial(donor.id, { instalments: [{ due: '2026-01-15', amount: '1' }] }),
    );
    expect(sumWrong.status).toBe(422);
    expect(sumWrong.body.errors[0].path).toBe('body.instalments');
    const bad = await http.post(
      '/pledges',
      financial(donor.id, {
        amount: { currency: 'JPY', value: 12.5 },
        biennium: '2025-2026',
        subOption: 'host_event',
        focus: ['mars'],
        colour: 'red',
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.amount.value', 'body.biennium', 'body.focus.0', 'body']),
    );
    expect((await http.post('/pledges', financial(randomUUID()))).status).toBe(422);
    expect(
      (
        await http.post('/pledges', {
          ...financial(donor.id),
          amount: { currency: 'USD', value: '1.001' },
          instalments: undefined,
        })
      ).status,
    ).toBe(400);
    const after = await sql<{ n: string }>(`select count(*) as n from pledge where donor_id = ?`, [donor.id]);
    expect(after[0]!.n).toBe(before[0]!.n);
    expect((await http.get(`/pledges/${randomUUID()}`)).status).toBe(404);
    expect((await http.get('/pledges/nope')).status).toBe(400);
  });

  it('moves through every status; an illegal move answers 409 listing the legal ones; off-ramps need a reason', async () => {
    const donor = await fx.donor();
    const p = (
      await http.post('/pledges', {
        ...financial(donor.id),
        status: 'prospect',
        instalments: undefined,
        amount: { currency: 'USD', value: '1000' },
      })
    ).body;
    expect(p.status).toBe('prospect');
    const illegal = await http.post(`/pledges/${p.id}/transitions`, { to: 'fulfilled' });
    expect(illegal.status).toBe(409);
    expect(illegal.body).toMatchObject({ from: 'prospect', to: 'fulfilled', legal: ['in_discussion', 'declined'] });
    expect(illegal.body.detail).toContain('in_discussion, declined');
    for (const to of ['in_discussion', 'pledged', 'agreement_signed', 'in_fulfilment']) {
      const r = await http.post(`/pledges/${p.id}/transitions`, { to, note: `to ${to}` });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.status).toBe(to);
    }
    // Fulfilled means paid in full.
    expect((await http.post(`/pledges/${p.id}/transitions`, { to: 'fulfilled' })).status).toBe(422);
    expect((await http.post(`/pledges/${p.id}/transitions`, { to: 'cancelled' })).status).toBe(422);
    const cancelled = await http.post(`/pledges/${p.id}/transitions`, { to: 'cancelled', note: 'budget cut' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', instalments: [{ status: 'written_off' }] });
    expect(cancelled.body.statusChanges.map((s: { to: string }) => s.to)).toEqual([
      'prospect',
      'in_discussion',
      'pledged',
      'agreement_signed',
      'in_fulfilment',
      'cancelled',
    ]);
    expect(cancelled.body.statusChanges.at(-1)).toMatchObject({
      by: 'secretariat',
      note: 'budget cut',
      at: expect.any(String),
    });
    const after = await http.post(`/pledges/${p.id}/transitions`, { to: 'in_fulfilment' });
    expect(after.status).toBe(409);
    expect(after.body.legal).toEqual([]);
    expect((await http.post(`/pledges/${p.id}/transitions`, { to: 'somewhere' })).status).toBe(400);
  });
});

describe('receipts', () => {
  it('a receipt posted twice with one Idempotency-Key is recorded once', async () => {
    const donor = await fx.donor();
    const p = (await http.post('/pledges', financial(donor.id))).body;
    await http.post(`/pledges/${p.id}/transitions`, { to: 'agreement_signed' });
    const key = `rcpt-${randomUUID()}`;
    const body = { amount: { currency: 'EUR', value: '150000.00' }, receivedOn: '2026-02-01' };
    const first = await http.post(`/pledges/${p.id}/receipts`, body, { headers: { 'idempotency-key': key } });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.receipt).toMatchObject({
      allocations: [
        { seq: 1, amount: '100000.00' },
        { seq: 2, amount: '50000.00' },
      ],
      overpayment: '0.00',
    });
    const second = await http.post(`/pledges/${p.id}/receipts`, body, { headers: { 'idempotency-key': key } });
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const rows = await sql<{ usd_minor: string; fx_rate_to_usd: string }>(
      `select usd_minor, fx_rate_to_usd::text from receipt where pledge_id = ?`,
      [p.id],
    );
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]!.usd_minor)).toBe(16_200_000);
    const view = (await http.get(`/pledges/${p.id}`)).body;
    expect(view).toMatchObject({
      status: 'in_fulfilment',
      instalments: [
        { paid: '100000.00', status: 'paid' },
        { paid: '50000.00', outstanding: '50000.00' },
        { paid: '0.00' },
      ],
      receipts: [
        {
          amount: { currency: 'EUR', value: '150000.00' },
          fxRateToUsd: '1.08',
          usd: '162000.00',
          receivedOn: '2026-02-01',
        },
      ],
      totals: { received: '150000.00', outstanding: '150000.00', usd: { received: '162000.00' } },
    });
    // The same receipt number without a key is also recognised: no second effect, 200.
    const numbered = { ...body, amount: { currency: 'EUR', value: '10.00' }, receiptNumber: 'BANK-77' };
    expect((await http.post(`/pledges/${p.id}/receipts`, numbered)).status).toBe(201);
    const dup = await http.post(`/pledges/${p.id}/receipts`, numbered);
    expect(dup.status).toBe(200);
    expect(dup.body.receipt.duplicate).toBe(true);
    expect((await sql(`select 1 from receipt where pledge_id = ?`, [p.id])).length).toBe(2);
  });

  it('converts any currency at the rate of its date or the nearest earlier one, or the rate given; over-payment is explicit', async () => {
    const donor = await fx.donor();
    const p = (await http.post('/pledges', financial(donor.id))).body;
    await http.post(`/pledges/${p.id}/transitions`, { to: 'agreement_signed' });
    const noRate = await http.post(`/pledges/${p.id}/receipts`, {
      amount: { currency: 'CHF', value: '100' },
      receivedOn: '2026-02-01',
    });
    expect(noRate.status).toBe(422);
    expect(noRate.body.errors[0].path).toBe('body.fxRateToUsd');
    // USD into a EUR pledge: US$108.00 at EUR 1.08 is EUR 100.00.
    const usd = await http.post(`/pledges/${p.id}/receipts`, {
      amount: { currency: 'USD', value: '108.00' },
      receivedOn: '2026-02-01',
    });
    expect(usd.status, JSON.stringify(usd.body)).toBe(201);
    expect(usd.body.receipt.allocations).toEqual([{ seq: 1, amount: '100.00' }]);
    const given = await http.post(`/pledges/${p.id}/receipts`, {
      amount: { currency: 'EUR', value: '299999.90' },
      receivedOn: '2026-02-02',
      fxRateToUsd: '1.1',
    });
    expect(given.body.receipt.overpayment).toBe('99.90');
    expect(given.body.pledge.status).toBe('fulfilled');
    expect(given.body.pledge.receipts.at(-1)).toMatchObject({ fxRateToUsd: '1.1', usd: '329999.89' });
    expect(
      (
        await http.post(`/pledges/${p.id}/receipts`, {
          amount: { currency: 'EUR', value: '1' },
          receivedOn: '2026-02-03',
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await http.post(`/pledges/${p.id}/receipts`, {
          amount: { currency: 'EUR', value: '1.001' },
          receivedOn: '2026-02-03',
        })
      ).status,
    ).toBe(400);
  });
});

describe('waiving an instalment', () => {
  it('is for the secretariat, on an unsettled instalment only; the pledge then owes nothing for it', async () => {
    const donor = await fx.donor();
    const token = await fx.token('donor', { donorId: donor.id });
    const p = (await http.post('/pledges', financial(donor.id))).body;
    await http.post(`/pledges/${p.id}/transitions`, { to: 'agreement_signed' });
    expect(
      (
        await http.post(`/pledges/${p.id}/receipts`, {
          amount: { currency: 'EUR', value: '100000' },
          receivedOn: '2026-01-10',
        })
      ).status,
    ).toBe(201);
    const waive = (n: number | string, body: unknown = { note: 'agreed at the board meeting' }, opts = {}) =>
      http.post(`/pledges/${p.id}/instalments/${n}/waive`, body, opts);

    expect((await waive(2, undefined, as(token))).status).toBe(403);
    expect((await waive(2, { note: '' })).status).toBe(400);
    expect((await waive(2, {})).status).toBe(400);
    expect((await waive('two')).status).toBe(400);
    expect((await http.post(`/pledges/${randomUUID()}/instalments/2/waive`, { note: 'x' })).status).toBe(404);
    expect((await waive(7)).status).toBe(404);
    const paid = await waive(1);
    expect(paid.status).toBe(409);
    expect(paid.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await http.get(`/pledges/${p.id}`)).body.instalments[0].status).toBe('paid');

    const ok = await waive(2);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.instalments[1]).toMatchObject({ seq: 2, status: 'waived', outstanding: '0.00' });
    expect(ok.body.totals.outstanding).toBe('100000.00');
    expect(ok.body.status).toBe('in_fulfilment');
    expect((await waive(2)).status).toBe(409);
    const last = await waive(3, { note: 'the donor closed its programme' });
    expect(last.body.status).toBe('fulfilled');
    expect((await waive(3)).status).toBe(409);
  });
});

describe('instalment due dates in the common schedule', () => {
  it('shows a donor its own, the secretariat all, a city those of a donor linked to it; JSON and the .ics feed', async () => {
    const y = 2040 + Math.floor(Math.random() * 60); // /calendar takes years up to 2100
    const city = await fx.city();
    const cityDonor = await fx.donor({ type: 'member_city', cityId: city.id });
    const other = await fx.donor();
    const dated = (donorId: string) =>
      financial(donorId, {
        instalments: [
          { due: `${y}-02-01`, amount: '100000' },
          { due: `${y}-06-01`, amount: '200000' },
        ],
      });
    const mine = (await http.post('/pledges', dated(cityDonor.id))).body;
    const theirs = (await http.post('/pledges', dated(other.id))).body;
    expect(mine.id && theirs.id).toBeTruthy();
    const donorToken = await fx.token('donor', { donorId: cityDonor.id });
    const cityToken = await fx.token('city', { cityId: city.id });
    const otherCity = await fx.token('city', { cityId: (await fx.city()).id });
    const uids = async (opts?: { token: string }, q = '') =>
      ((await http.get(`/calendar?year=${y}${q}`, opts)).body.items as { uid: string; kind: string }[])
        .filter((e) => e.kind === 'instalment_due')
        .map((e) => e.uid)
        .sort();
    const of = (pledgeId: string) => [1, 2].map((n) => `pledge-${pledgeId}-instalment-${n}@gnlc`);

    const ours = (list: string[]) => list.filter((u) => u.includes(mine.id) || u.includes(theirs.id));
    expect(ours(await uids())).toEqual([...of(mine.id), ...of(theirs.id)].sort());
    expect(await uids(as(donorToken))).toEqual(of(mine.id).sort());
    expect(await uids(as(cityToken))).toEqual(of(mine.id).sort());
    expect(await uids(as(otherCity))).toEqual([]);
    expect(await uids(as(await fx.token('viewer')))).toEqual(
      expect.arrayContaining([...of(mine.id), ...of(theirs.id)]),
    );
    expect(await uids(undefined, `&city=${city.id}`)).toEqual(of(mine.id).sort());
    expect(await uids(undefined, '&cluster=ESD')).toEqual([]);
    const first = (await http.get(`/calendar?year=${y}`, as(donorToken))).body.items.find(
      (e: { uid: string }) => e.uid === of(mine.id)[0],
    );
    expect(first).toMatchObject({
      kind: 'instalment_due',
      start: `${y}-02-01`,
      allDay: true,
      url: `/pledges/${mine.id}`,
      cancelled: false,
    });
    expect(first.title).toContain('100000.00 EUR');

    // A waived instalment stays in the feed, cancelled, so subscribed calendars update.
    await http.post(`/pledges/${mine.id}/transitions`, { to: 'agreement_signed' });
    expect((await http.post(`/pledges/${mine.id}/instalments/2/waive`, { note: 'budget cut' })).status).toBe(200);
    const res = await fetch(`${api.app.url}/calendar.ics?year=${y}&access_token=${donorToken}`);
    expect(res.status).toBe(200);
    const cal = new ICAL.Component(ICAL.parse(await res.text()));
    const events = cal
      .getAllSubcomponents('vevent')
      .filter((v) => String(v.getFirstPropertyValue('uid')).startsWith('pledge-'));
    expect(events.map((v) => String(v.getFirstPropertyValue('uid'))).sort()).toEqual(of(mine.id).sort());
    const [e1, e2] = of(mine.id).map((uid) => events.find((v) => v.getFirstPropertyValue('uid') === uid)!);
    const start = new ICAL.Event(e1!).startDate;
    expect(start.isDate).toBe(true);
    expect(start.toString()).toBe(`${y}-02-01`);
    expect(e1!.getFirstPropertyValue('status')).toBeNull();
    expect(e2!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(e2!.getFirstPropertyValue('categories')).toBe('instalment_due');
  });
});

describe('donor tokens', () => {
  it('see and act on their own pledges only', async () => {
    const mine = await fx.donor();
    const other = await fx.donor();
    const token = await fx.token('donor', { donorId: mine.id });
    const theirs = (await http.post('/pledges', financial(other.id))).body;

    const offer = await http.post('/pledges', { ...financial(mine.id), instalments: undefined }, as(token));
    expect(offer.status, JSON.stringify(offer.body)).toBe(201);
    expect(offer.body.status).toBe('in_discussion');
    expect(offer.body.statusChanges[0].by).toMatch(/^donor:/);
    expect((await http.post('/pledges', { ...financial(mine.id), status: 'pledged' }, as(token))).status).toBe(403);
    expect((await http.post('/pledges', financial(other.id), as(token))).status).toBe(404);

    expect((await http.get(`/pledges/${offer.body.id}`, as(token))).status).toBe(200);
    expect((await http.get(`/pledges/${theirs.id}`, as(token))).status).toBe(404);
    expect((await http.get(`/donors/${other.id}/pledges`, as(token))).status).toBe(404);
    expect((await http.get(`/donors/${mine.id}/pledges`, as(token))).body.total).toBe(1);
    expect((await http.post(`/pledges/${theirs.id}/transitions`, { to: 'agreement_signed' }, as(token))).status).toBe(
      404,
    );
    expect(
      (await http.post(`/pledges/${offer.body.id}/transitions`, { to: 'agreement_signed' }, as(token))).status,
    ).toBe(403);
    const committed = await http.post(`/pledges/${offer.body.id}/transitions`, { to: 'pledged' }, as(token));
    expect(committed.status).toBe(200);
    expect(committed.body.status).toBe('pledged');
    expect(
      (
        await http.post(
          `/pledges/${offer.body.id}/receipts`,
          { amount: { currency: 'EUR', value: '1' }, receivedOn: '2026-02-03' },
          as(token),
        )
      ).status,
    ).toBe(403);
    expect((await http.get('/funding/summary?biennium=2025-2027', as(token))).status).toBe(403);
    expect(
      (await http.post('/fx-rates', { currency: 'GBP', date: '2026-01-01', rateToUsd: '1.27' }, as(token))).status,
    ).toBe(403);
    // Nothing of the other donor changed.
    expect((await http.get(`/pledges/${theirs.id}`)).body.status).toBe('pledged');
  });

  it('in kind: the donor proposes a valuation, only the secretariat approves it', async () => {
    const donor = await fx.donor();
    const token = await fx.token('donor', { donorId: donor.id });
    const body = {
      donorId: donor.id,
      kind: 'in_kind',
      fundingOption: 'communication_exchange',
      subOption: 'seconded_staff',
      biennium: '2025-2027',
      inKind: { description: 'an officer seconded for 12 months', quantity: '12', unit: 'person-months' },
    };
    const p = (await http.post('/pledges', body, as(token))).body;
    expect(p.valuation).toEqual({ status: 'none', amount: null, method: null, evidence: null });
    expect((await http.post(`/pledges/${p.id}/in-kind/valuation`, { decision: 'approve' })).status).toBe(409);
    const proposed = await http.post(
      `/pledges/${p.id}/in-kind/valuation`,
      { amount: { currency: 'EUR', value: '90000' }, method: 'salary scale P3', evidence: 'HR letter of 2026-01-10' },
      as(token),
    );
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(200);
    expect(proposed.body.valuation).toMatchObject({
      status: 'proposed',
      amount: { currency: 'EUR', value: '90000.00' },
    });
    expect((await http.post(`/pledges/${p.id}/in-kind/valuation`, { decision: 'approve' }, as(token))).status).toBe(
      403,
    );
    const approved = await http.post(`/pledges/${p.id}/in-kind/valuation`, { decision: 'approve', note: 'checked' });
    expect(approved.body.valuation.status).toBe('approved');
    expect(
      (
        await http.post(`/pledges/${p.id}/receipts`, {
          amount: { currency: 'EUR', value: '1' },
          receivedOn: '2026-02-03',
        })
      ).status,
    ).toBe(409);
  });
});

describe('the common schedule for the console overview: from, to, kinds and limit', () => {
  it('bounds the range by day, keeps the asked kinds, and a limit is the head of the full list in the same order', async () => {
    const y = 2040 + Math.floor(Math.random() * 60);
    // Twelve instalments on one day (seq 10 sorts before seq 2 in the uid) and two pledges on the
    // same days (the uuid decides): the limit must cut where the full list's order does.
    const sameDay = Array.from({ length: 12 }, () => ({ due: `${y}-03-01`, amount: '1000' }));
    for (const instalments of [
      sameDay,
      sameDay,
      [
        { due: `${y}-01-15`, amount: '6000' },
        { due: `${y}-12-31`, amount: '6000' },
      ],
    ]) {
      const donor = await fx.donor();
      const r = await http.post(
        '/pledges',
        financial(donor.id, { amount: { currency: 'EUR', value: '12000' }, instalments }),
      );
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const items = async (q: string) => {
      const r = await http.get(`/calendar?${q}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return (r.body.items as { uid: string; kind: string; start: string }[]).map((e) => `${e.start} ${e.uid}`);
    };
    // The whole year, however much other files left in it (time-skipped workflows reach far years).
    const full = await items(`year=${y}&limit=1000`);
    expect(full.length).toBeGreaterThanOrEqual(26);
    for (const limit of [1, 3, 13, 25, 26, 1000])
      expect(await items(`year=${y}&limit=${limit}`)).toEqual(full.slice(0, limit));
    const inRange = (from: string, to: string) => full.filter((e) => e.slice(0, 10) >= from && e.slice(0, 10) <= to);
    expect(await items(`from=${y}-03-01&to=${y}-03-01`)).toEqual(inRange(`${y}-03-01`, `${y}-03-01`));
    expect(await items(`from=${y}-01-16&to=${y}-12-31`)).toEqual(inRange(`${y}-01-16`, `${y}-12-31`));
    expect(await items(`year=${y}&from=${y - 1}-06-01&to=${y}-01-15&limit=5`)).toEqual(
      inRange(`${y}-01-01`, `${y}-01-15`),
    );
    expect(await items(`from=${y}-03-01&to=${y}-03-01&limit=14`)).toEqual(
      inRange(`${y}-03-01`, `${y}-03-01`).slice(0, 14),
    );
    expect(await items(`year=${y}&kinds=instalment_due`)).toEqual(full.filter((e) => e.includes('-instalment-')));
    expect(await items(`year=${y}&kinds=report_due,coordinator_meeting`)).toEqual(
      full.filter((e) => !e.includes('-instalment-')),
    );
    // Unknown kinds, an inverted range, a limit outside 1..1000 and a date outside the calendar: 400.
    for (const q of [
      'kinds=instalment',
      'kinds=',
      `from=${y}-02-01&to=${y}-01-31`,
      'limit=0',
      'limit=1001',
      'from=2026-02-30',
    ])
      expect((await http.get(`/calendar?${q}`)).status, q).toBe(400);
  });
});

describe('the list of all pledges', () => {
  it('filters by stage, option, biennium, donor, donor type and overdue, sorts, pages and keeps balances current', async () => {
    const biennium = await freshBiennium(sql);
    const corporate = await fx.donor({ type: 'corporate' });
    const foundation = await fx.donor({ type: 'foundation' });
    // Overdue: every instalment of financial() fell due in 2026, before today.
    const p1 = (await http.post('/pledges', financial(corporate.id, { biennium }))).body;
    const p2 = (
      await http.post('/pledges', {
        donorId: foundation.id,
        kind: 'financial',
        fundingOption: 'thematic_study',
        biennium,
        amount: { currency: 'USD', value: '5000' },
        instalments: [{ due: '2099-06-01', amount: '5000' }],
      })
    ).body;
    const p3 = (await http.post('/pledges', { ...financial(corporate.id, { biennium }), status: 'in_discussion' }))
      .body;
    const ids = async (q: string, opts?: { token: string }) => {
      const r = await http.get(`/pledges?biennium=${biennium}&${q}`, opts);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.items.map((p: { id: string }) => p.id);
    };
    expect(await ids('')).toEqual([p3.id, p2.id, p1.id]);
    expect(await ids('donorType=foundation')).toEqual([p2.id]);
    expect(await ids('fundingOption=thematic_study')).toEqual([p2.id]);
    expect(await ids('status=in_discussion')).toEqual([p3.id]);
    expect(await ids(`donorId=${corporate.id}`)).toEqual([p3.id, p1.id]);
    expect(await ids('overdue=true')).toEqual(expect.arrayContaining([p1.id]));
    expect(await ids('overdue=false')).toEqual(expect.not.arrayContaining([p1.id]));
    expect(await ids('overdue=false')).toEqual(expect.arrayContaining([p2.id]));
    // Next due: the earliest unpaid instalment first, pledges owing nothing dated last.
    const byDue = await ids('sort=next_due');
    expect(byDue.indexOf(p1.id)).toBeLessThan(byDue.indexOf(p2.id));

    const page1 = await http.get(`/pledges?biennium=${biennium}&limit=2`);
    expect(page1.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page1.body.items).toHaveLength(2);
    const page2 = await http.get(`/pledges?biennium=${biennium}&limit=2&offset=2`);
    expect(page2.body.items.map((p: { id: string }) => p.id)).toEqual([p1.id]);
    expect(page2.body.items[0]).toMatchObject({
      donor: { id: corporate.id, type: 'corporate' },
      status: 'pledged',
      amount: { currency: 'EUR', value: '300000.00' },
      received: { currency: 'EUR', value: '0.00' },
      outstanding: { currency: 'EUR', value: '300000.00' },
      usd: { pledged: '324000.00', received: '0.00', outstanding: '324000.00', rateToUsd: '1.08' },
      nextDue: '2026-01-15',
      overdue: true,
    });

    // A receipt pays the first instalment: the list shows the new balance at once.
    expect(
      (
        await http.post(`/pledges/${p1.id}/receipts`, {
          amount: { currency: 'EUR', value: '100000' },
          receivedOn: '2026-01-20',
        })
      ).status,
    ).toBe(201);
    const after = (await http.get(`/pledges?biennium=${biennium}&donorId=${corporate.id}&status=pledged`)).body;
    expect(after.items[0]).toMatchObject({
      id: p1.id,
      received: { value: '100000.00' },
      outstanding: { value: '200000.00' },
      usd: { received: '108000.00', outstanding: '216000.00' },
      nextDue: '2026-03-15',
    });
  });

  it('is for staff; a donor token sees its own pledges only; bad filters are 400 naming the field', async () => {
    const biennium = await freshBiennium(sql);
    const mine = await fx.donor();
    const other = await fx.donor();
    const p1 = (await http.post('/pledges', financial(mine.id, { biennium }))).body;
    await http.post('/pledges', financial(other.id, { biennium }));
    const donorToken = await fx.token('donor', { donorId: mine.id });
    const own = await http.get(`/pledges?biennium=${biennium}`, as(donorToken));
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ total: 1, items: [{ id: p1.id }] });
    expect((await http.get(`/pledges?donorId=${mine.id}`, as(donorToken))).status).toBe(200);
    expect((await http.get(`/pledges?donorId=${other.id}`, as(donorToken))).status).toBe(403);
    expect((await http.get(`/pledges?biennium=${biennium}`, as(await fx.token('viewer')))).body.total).toBe(2);
    const city = await fx.city();
    expect((await http.get('/pledges', as(await fx.token('city', { cityId: city.id })))).status).toBe(403);

    for (const [q, field] of [
      ['status=nope', 'query.status'],
      ['fundingOption=gold', 'query.fundingOption'],
      ['biennium=2025', 'query.biennium'],
      ['donorId=42', 'query.donorId'],
      ['donorType=alien', 'query.donorType'],
      ['overdue=yes', 'query.overdue'],
      ['sort=oldest', 'query.sort'],
      ['limit=201', 'query.limit'],
      ['offset=-1', 'query.offset'],
    ]) {
      const r = await http.get(`/pledges?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(r.body.errors.map((e: { path: string }) => e.path)).toEqual([field]);
    }
  });
});
