// The funding summary of a biennium through the HTTP API, as JSON and CSV.
import { describe, expect, it } from 'vitest';
import { sqlOn } from '../support/app.js';
import { financialPledge as financial, freshBiennium, useFundingApp } from '../support/funding.js';

// The app with one EUR rate for the whole file (receipts of later dates take it as the nearest earlier one).
const api = useFundingApp();
const { http, fx } = api;
const sql = sqlOn(() => api.app.orm);
const as = (token: string) => ({ token });

describe('funding summary', () => {
  it('sums target, pledged, received, outstanding and overdue in USD by funding option, donor type and focus', async () => {
    const biennium = await freshBiennium(sql);
    const corporate = await fx.donor({ type: 'corporate' });
    const foundation = await fx.donor({ type: 'foundation' });
    const p1 = (await http.post('/pledges', financial(corporate.id, { biennium }))).body;
    await http.post(`/pledges/${p1.id}/transitions`, { to: 'agreement_signed' });
    expect(
      (
        await http.post(`/pledges/${p1.id}/receipts`, {
          amount: { currency: 'EUR', value: '100000' },
          receivedOn: '2026-01-20',
        })
      ).status,
    ).toBe(201);
    const p2 = (
      await http.post('/pledges', {
        donorId: foundation.id,
        kind: 'financial',
        fundingOption: 'thematic_study',
        focus: ['low_income_countries'],
        biennium,
        amount: { currency: 'USD', value: '50000' },
        instalments: [{ due: '2026-02-01', amount: '50000' }],
      })
    ).body;
    await http.post(`/pledges/${p2.id}/receipts`, {
      amount: { currency: 'USD', value: '20000' },
      receivedOn: '2026-02-10',
    });
    const inKind = (
      await http.post('/pledges', {
        donorId: foundation.id,
        kind: 'in_kind',
        fundingOption: 'communication_exchange',
        subOption: 'host_event',
        biennium,
        inKind: {
          description: 'regional meeting venue',
          valuation: { amount: { currency: 'USD', value: '90000' }, method: 'venue quote', evidence: 'quote 2026-01' },
        },
      })
    ).body;
    await http.post(`/pledges/${inKind.id}/in-kind/valuation`, { decision: 'approve' });
    // A declined prospect counts for nothing.
    const declined = (
      await http.post('/pledges', { ...financial(corporate.id, { biennium }), status: 'in_discussion' })
    ).body;
    await http.post(`/pledges/${declined.id}/transitions`, { to: 'declined', note: 'no budget' });

    const r = await http.get(`/funding/summary?biennium=${biennium}&asOf=2026-06-30`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      biennium,
      currency: 'USD',
      target: '1000000.00',
      pledged: '374000.00',
      received: '128000.00',
      outstanding: '246000.00',
      overdue: '138000.00',
      inKind: '90000.00',
      towardTarget: '324000.00',
      inKindCountsTowardTarget: false,
      unconverted: [],
    });
    expect(r.body.byFundingOption.mdfm).toEqual({
      pledged: '324000.00',
      received: '108000.00',
      outstanding: '216000.00',
      overdue: '108000.00',
      inKind: '0.00',
    });
    expect(r.body.byFundingOption.thematic_study).toMatchObject({ pledged: '50000.00', overdue: '30000.00' });
    expect(r.body.byFundingOption.communication_exchange).toMatchObject({ pledged: '0.00', inKind: '90000.00' });
    expect(r.body.byDonorType.corporate.pledged).toBe('324000.00');
    expect(r.body.byDonorType.foundation).toMatchObject({ pledged: '50000.00', inKind: '90000.00' });
    expect(r.body.byFocus).toMatchObject({
      africa: { pledged: '324000.00' },
      low_income_countries: { pledged: '50000.00' },
      none: { inKind: '90000.00' },
    });

    const csv = await http.get(`/funding/summary?biennium=${biennium}&asOf=2026-06-30`, {
      headers: { accept: 'text/csv' },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines[0]).toBe('biennium,dimension,key,target,pledged,received,outstanding,overdue,in_kind');
    expect(lines[1]).toBe(`${biennium},total,all,1000000.00,374000.00,128000.00,246000.00,138000.00,90000.00`);
    expect(lines).toContain(`${biennium},funding_option,mdfm,,324000.00,108000.00,216000.00,108000.00,0.00`);
    expect(lines).toContain(`${biennium},focus,africa,,324000.00,108000.00,216000.00,108000.00,0.00`);
    expect((await http.get('/funding/summary?biennium=2025')).status).toBe(400);
    const viewer = await fx.token('viewer');
    expect((await http.get(`/funding/summary?biennium=${biennium}`, as(viewer))).status).toBe(200);
  });
});
