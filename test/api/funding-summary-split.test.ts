// The funding summary follows a pledge's split across funds: each funding option gets its parts'
// shares (largest remainder, as receipts credit the funds), and the options sum to the totals exactly.
import { describe, expect, it } from 'vitest';
import { sqlOn } from '../support/app.js';
import { freshBiennium, useFundingApp } from '../support/funding.js';

// EUR at 1.08 from 2026-01-01 for the whole file.
const api = useFundingApp();
const { http, fx } = api;
const sql = sqlOn(() => api.app.orm);
const cents = (usd: string) => {
  const [whole, frac] = usd.split('.') as [string, string]; // test-side reading of a decimal string
  return Number(whole) * 100 + Number(frac);
};

async function ok<T = any>(p: Promise<{ status: number; body: T }>, status: number): Promise<T> {
  const r = await p;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

const FIGURES = ['pledged', 'received', 'outstanding', 'overdue', 'inKind'] as const;

describe('funding summary with split pledges', () => {
  it("shares a split pledge's pledged, received, outstanding and overdue among its parts' funding options, summing to the totals", async () => {
    const biennium = await freshBiennium(sql);
    const donor = await fx.donor({ type: 'national_government' });
    // EUR 1,000.01 to the MDFM, split 70/30 with thematic studies: 70 000.7 and 30 000.3 cents → 70 001 and 30 000.
    const a = await ok(
      http.post('/pledges', {
        donorId: donor.id,
        kind: 'financial',
        fundingOption: 'mdfm',
        focus: ['africa'],
        biennium,
        amount: { currency: 'EUR', value: '1000.01' },
        instalments: [
          { due: '2026-01-15', amount: '500.00' },
          { due: '2026-09-15', amount: '500.01' },
        ],
      }),
      201,
    );
    const split = await ok(
      http.put(`/pledges/${a.id}/split`, {
        parts: [
          { fund: 'mdfm', basisPoints: 7000 },
          { fund: 'thematic_study', basisPoints: 3000 },
        ],
      }),
      200,
    );
    expect(split.parts.map((p: any) => p.amount)).toEqual(['700.01', '300.00']);
    await ok(http.post(`/pledges/${a.id}/transitions`, { to: 'agreement_signed' }), 200);
    // EUR 333.33 at the recorded 1.08 = USD 359.9964 → 36 000 cents, credited 25 200 and 10 800.
    await ok(
      http.post(`/pledges/${a.id}/receipts`, {
        amount: { currency: 'EUR', value: '333.33' },
        receivedOn: '2026-01-20',
      }),
      201,
    );
    // USD 0.05 to communication and exchange, split three ways (two of its sub-options and the MDFM):
    // 3333/3333/3334 of 5 cents = 2, 1, 2.
    const b = await ok(
      http.post('/pledges', {
        donorId: donor.id,
        kind: 'financial',
        fundingOption: 'communication_exchange',
        biennium,
        amount: { currency: 'USD', value: '0.05' },
        instalments: [{ due: '2026-02-01', amount: '0.05' }],
      }),
      201,
    );
    const split3 = await ok(
      http.put(`/pledges/${b.id}/split`, {
        parts: [
          { fund: 'communication_exchange.host_event', basisPoints: 3333 },
          { fund: 'communication_exchange.fund_publication', basisPoints: 3333 },
          { fund: 'mdfm', basisPoints: 3334 },
        ],
      }),
      200,
    );
    expect(split3.parts.map((p: any) => p.amount)).toEqual(['0.02', '0.01', '0.02']);
    // An unsplit pledge stays whole with its own funding option.
    await ok(
      http.post('/pledges', {
        donorId: donor.id,
        kind: 'financial',
        fundingOption: 'capacity_building_ldc',
        biennium,
        amount: { currency: 'USD', value: '500.00' },
        instalments: [{ due: '2026-09-01', amount: '500.00' }],
      }),
      201,
    );

    const r = await ok(http.get(`/funding/summary?biennium=${biennium}&asOf=2026-06-30`), 200);
    // Pledge a at 1.08: pledged 100 001 → 108 001.08 → 108 001 cents; outstanding 66 668 → 72 001;
    // overdue (the first instalment's 16 667 left) → 18 000. Shared by 70 001 : 30 000:
    // 108 001 → 75 601.7 and 32 399.98 → floors 75 601 + 32 399, the cent left to the larger remainder
    // → 75 601 and 32 400 (rounding each would give 75 602 + 32 400, a cent created);
    // 72 001 → 50 401 and 21 600; 18 000 → 12 600 and 5 400.
    expect(r).toMatchObject({
      pledged: '1580.06',
      received: '360.00',
      outstanding: '1220.06',
      overdue: '180.05',
      inKind: '0.00',
      // The MDFM's share of both split pledges.
      towardTarget: '756.03',
      unconverted: [],
    });
    expect(r.byFundingOption).toEqual({
      mdfm: { pledged: '756.03', received: '252.00', outstanding: '504.03', overdue: '126.02', inKind: '0.00' },
      thematic_study: {
        pledged: '324.00',
        received: '108.00',
        outstanding: '216.00',
        overdue: '54.00',
        inKind: '0.00',
      },
      capacity_building_ldc: {
        pledged: '500.00',
        received: '0.00',
        outstanding: '500.00',
        overdue: '0.00',
        inKind: '0.00',
      },
      communication_exchange: {
        pledged: '0.03',
        received: '0.00',
        outstanding: '0.03',
        overdue: '0.03',
        inKind: '0.00',
      },
    });
    // Every figure: the options sum to the total, not a cent lost or created; donor type and focus
    // still count each pledge whole.
    for (const k of FIGURES) {
      const options = Object.values(r.byFundingOption as Record<string, Record<string, string>>);
      expect(options.reduce((s, f) => s + cents(f[k]!), 0)).toBe(cents(r[k]));
    }
    expect(r.byDonorType.national_government).toMatchObject({ pledged: '1580.06', received: '360.00' });
    expect(r.byFocus).toMatchObject({
      africa: { pledged: '1080.01', received: '360.00', overdue: '180.00' },
      none: { pledged: '500.05' },
    });
    expect(r.byStatus).toMatchObject({ agreement_signed: 0, in_fulfilment: 1, pledged: 2 });
    // The received shares are what the receipt credited each fund (the pledge's split page).
    const parts = (await ok(http.get(`/pledges/${a.id}/split`), 200)).parts;
    expect(parts.map((p: any) => [p.fund, p.received])).toEqual([
      ['mdfm', '252.00'],
      ['thematic_study', '108.00'],
    ]);

    // The CSV says the same.
    const csv = await http.get(`/funding/summary?biennium=${biennium}&asOf=2026-06-30&format=csv`);
    expect(csv.status).toBe(200);
    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines[1]).toBe(`${biennium},total,all,1000000.00,1580.06,360.00,1220.06,180.05,0.00`);
    expect(lines).toContain(`${biennium},funding_option,mdfm,,756.03,252.00,504.03,126.02,0.00`);
    expect(lines).toContain(`${biennium},funding_option,thematic_study,,324.00,108.00,216.00,54.00,0.00`);
    expect(lines).toContain(`${biennium},funding_option,communication_exchange,,0.03,0.00,0.03,0.03,0.00`);
  });
});
