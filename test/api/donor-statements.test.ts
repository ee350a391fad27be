// A donor's statement through the HTTP API: receipts in their original currency with the USD value
// at the recorded rate, approved in-kind valuations, exact minor units, as JSON and as CSV; a donor
// sees its own only; a donor's own offer tells the secretariat at once.
import { describe, expect, it } from 'vitest';
import { sqlOn } from '../support/app.js';
import { financialPledge as financial, useFundingApp } from '../support/funding.js';

const api = useFundingApp();
const { http, fx } = api;
const sql = sqlOn(() => api.app.orm);
const as = (token: string) => ({ token });

async function ok<T = any>(r: Promise<{ status: number; body: T }>, status = 201): Promise<T> {
  const res = await r;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

describe('donor statement', () => {
  it('lists receipts and approved in-kind support, exact, as JSON and CSV, for the own donor only', async () => {
    const donor = await fx.donor({ name: 'Fondation "Lumière", Lyon' });
    const other = await fx.donor();
    const token = await fx.token('donor', { donorId: donor.id });
    const otherToken = await fx.token('donor', { donorId: other.id });

    const empty = await ok(http.get(`/donors/${donor.id}/statement`, as(token)), 200);
    expect(empty).toMatchObject({ rows: [], totals: { usdMinor: '0', usd: '0.00', byCurrency: [] } });

    const p = await ok(http.post('/pledges', financial(donor.id)));
    await ok(
      http.post(`/pledges/${p.id}/receipts`, {
        amount: { currency: 'EUR', value: '100000.01' },
        receivedOn: '2026-02-03',
        receiptNumber: '=HYPERLINK("x")',
      }),
    );
    // Another currency at a rate given with the receipt: the statement keeps that rate.
    await ok(
      http.post(`/pledges/${p.id}/receipts`, {
        amount: { currency: 'JPY', value: '1500000' },
        receivedOn: '2026-03-01',
        fxRateToUsd: '0.0067',
        receiptNumber: 'R-2',
      }),
    );
    const inKind = await ok(
      http.post('/pledges', {
        donorId: donor.id,
        kind: 'in_kind',
        fundingOption: 'communication_exchange',
        subOption: 'host_event',
        biennium: '2025-2027',
        inKind: {
          description: 'a venue for the regional meeting',
          valuation: { amount: { currency: 'USD', value: '12000.50' }, method: 'venue quote', evidence: 'quote 7' },
        },
      }),
    );
    // A proposed valuation is not yet a contribution.
    let s = await ok(http.get(`/donors/${donor.id}/statement`, as(token)), 200);
    expect(s.rows.map((r: { kind: string }) => r.kind)).toEqual(['receipt', 'receipt']);
    await ok(http.post(`/pledges/${inKind.id}/in-kind/valuation`, { decision: 'approve' }), 200);

    s = await ok(http.get(`/donors/${donor.id}/statement`, as(token)), 200);
    const today = new Date().toISOString().slice(0, 10);
    expect(s.donor).toEqual({ id: donor.id, name: donor.name });
    expect(s.rows).toEqual([
      {
        date: '2026-02-03',
        pledgeId: p.id,
        fundingOption: 'mdfm',
        subOption: null,
        kind: 'receipt',
        reference: '=HYPERLINK("x")',
        currency: 'EUR',
        amountMinor: 10000001,
        amount: '100000.01',
        fxRateToUsd: '1.08',
        usdMinor: 10800001, // 10000001 × 1.08 = 10800001.08 → half-even 10800001
        usd: '108000.01',
      },
      {
        date: '2026-03-01',
        pledgeId: p.id,
        fundingOption: 'mdfm',
        subOption: null,
        kind: 'receipt',
        reference: 'R-2',
        currency: 'JPY',
        amountMinor: 1500000,
        amount: '1500000',
        fxRateToUsd: '0.0067',
        usdMinor: 1005000,
        usd: '10050.00',
      },
      {
        date: today,
        pledgeId: inKind.id,
        fundingOption: 'communication_exchange',
        subOption: 'host_event',
        kind: 'in_kind',
        reference: null,
        currency: 'USD',
        amountMinor: 1200050,
        amount: '12000.50',
        fxRateToUsd: '1',
        usdMinor: 1200050,
        usd: '12000.50',
      },
    ]);
    expect(s.totals).toEqual({
      usdMinor: String(10800001 + 1005000 + 1200050),
      usd: '130050.51',
      byCurrency: [
        { currency: 'EUR', amountMinor: '10000001', amount: '100000.01' },
        { currency: 'JPY', amountMinor: '1500000', amount: '1500000' },
        { currency: 'USD', amountMinor: '1200050', amount: '12000.50' },
      ],
      rowsWithoutRate: 0,
    });

    const csv = await http.get(`/donors/${donor.id}/statement?format=csv`, as(token));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(
      /^attachment; filename="statement-[0-9a-f-]+-\d{4}-\d\d-\d\d\.csv"$/,
    );
    expect(csv.body.split('\r\n')).toEqual([
      'date,pledge_id,funding_option,sub_option,kind,reference,currency,amount_minor,amount,fx_rate_to_usd,usd_minor,usd',
      // The typed receipt number cannot run as a spreadsheet formula, and its quotes are escaped.
      `2026-02-03,${p.id},mdfm,,receipt,"'=HYPERLINK(""x"")",EUR,10000001,100000.01,1.08,10800001,108000.01`,
      `2026-03-01,${p.id},mdfm,,receipt,R-2,JPY,1500000,1500000,0.0067,1005000,10050.00`,
      `${today},${inKind.id},communication_exchange,host_event,in_kind,,USD,1200050,12000.50,1,1200050,12000.50`,
      '',
    ]);

    // Accept: text/csv gives the same file; format wins over Accept.
    const accepted = await http.get(`/donors/${donor.id}/statement`, { ...as(token), headers: { accept: 'text/csv' } });
    expect(accepted.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(accepted.body).toBe(csv.body);
    const asked = await http.get(`/donors/${donor.id}/statement?format=json`, {
      ...as(token),
      headers: { accept: 'text/csv' },
    });
    expect(asked.body.rows).toHaveLength(3);

    // The secretariat and viewers read it too; a city's token may not; another donor's token finds nothing, of it or in it.
    expect((await http.get(`/donors/${donor.id}/statement`)).status).toBe(200);
    expect((await http.get(`/donors/${donor.id}/statement`, as(await fx.token('viewer')))).status).toBe(200);
    for (const format of ['json', 'csv']) {
      const theirs = await http.get(`/donors/${donor.id}/statement?format=${format}`, as(otherToken));
      expect(theirs.status).toBe(404);
      expect(JSON.stringify(theirs.body)).not.toContain('HYPERLINK');
    }
    expect((await ok(http.get(`/donors/${other.id}/statement`, as(otherToken)), 200)).rows).toEqual([]);
    expect((await http.get(`/donors/${donor.id}/statement`, { token: null })).status).toBe(401);
    const city = await fx.city();
    const cityToken = await fx.token('city', { cityId: city.id });
    expect((await http.get(`/donors/${donor.id}/statement`, as(cityToken))).status).toBe(403);
  });

  it('refuses a bad format or id with a problem naming the field', async () => {
    const donor = await fx.donor();
    const bad = await http.get(`/donors/${donor.id}/statement?format=xlsx`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.format']);
    const badId = await http.get('/donors/not-a-uuid/statement');
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0].path).toBe('params.id');
    expect((await http.get('/donors/00000000-0000-4000-8000-000000000000/statement')).status).toBe(404);
  });

  it("tells the secretariat of a donor's own offer, once, and not of the secretariat's own records", async () => {
    const donor = await fx.donor();
    const token = await fx.token('donor', { donorId: donor.id });
    const offer = await ok(
      http.post(
        '/pledges',
        { ...financial(donor.id), instalments: undefined },
        { ...as(token), headers: { 'idempotency-key': `offer-${donor.id}` } },
      ),
    );
    expect(offer.status).toBe('in_discussion');
    const again = await http.post(
      '/pledges',
      { ...financial(donor.id), instalments: undefined },
      { ...as(token), headers: { 'idempotency-key': `offer-${donor.id}` } },
    );
    expect(again.body.id).toBe(offer.id);
    const recorded = await ok(http.post('/pledges', financial(donor.id)));
    const rows = await sql<{ recipient_kind: string; kind: string; subject: string; body: string; resource: string }>(
      `select recipient_kind, kind, subject, body, resource from notification where kind = 'pledge.offered' and resource in (?, ?)`,
      [`/pledges/${offer.id}`, `/pledges/${recorded.id}`],
    );
    expect(rows).toEqual([
      {
        recipient_kind: 'secretariat',
        kind: 'pledge.offered',
        subject: `${donor.name} offers a financial pledge for 2025-2027`,
        // The option in words from the catalogue, not its code.
        body: expect.stringContaining('a financial pledge to the MDFM pooled fund for 2025-2027') as string,
        resource: `/pledges/${offer.id}`,
      },
    ]);
  });
});
