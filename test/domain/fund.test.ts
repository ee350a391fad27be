// The rules of funds: splits, credits and disbursements never create or lose a minor unit; reach.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FUND_KEYS,
  SplitBody,
  creditsOf,
  disbursementUsd,
  fundKeyOf,
  fundOptionOf,
  reachOf,
  reductionProblem,
  resolveSplit,
  shareOf,
  splitByWeights,
} from '../../domain/fund.js';
import { toUsd } from '../../domain/money.js';

const total = fc.integer({ min: 0, max: 1_000_000_000_000_000 });
const weights = fc
  .array(fc.integer({ min: 0, max: 1_000_000_000_000 }), { minLength: 1, maxLength: 8 })
  .filter((w) => w.some((x) => x > 0));
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

describe('splitByWeights (largest remainder)', () => {
  it('never creates or loses a minor unit, and each part is within one unit of its exact share', () => {
    fc.assert(
      fc.property(total, weights, (t, w) => {
        const parts = splitByWeights(t, w);
        expect(parts.length).toBe(w.length);
        expect(sum(parts.map(BigInt).map(Number))).toBe(t);
        const W = w.reduce((s, x) => s + BigInt(x), 0n);
        parts.forEach((p, i) => {
          const exactFloor = (BigInt(t) * BigInt(w[i]!)) / W;
          expect(BigInt(p) - exactFloor >= 0n && BigInt(p) - exactFloor <= 1n).toBe(true);
          if (w[i] === 0) expect(p).toBe(0);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('gives the left-over units to the largest remainders, ties to the earlier part', () => {
    expect(splitByWeights(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitByWeights(108, [333, 333, 334])).toEqual([36, 36, 36]);
    expect(splitByWeights(100, [333, 333, 334])).toEqual([33, 33, 34]);
    expect(splitByWeights(1, [0, 5, 5])).toEqual([0, 1, 0]);
    expect(() => splitByWeights(1, [0, 0])).toThrow(RangeError);
    expect(() => splitByWeights(-1, [1])).toThrow(RangeError);
  });
});

describe('a pledge split', () => {
  const body = (parts: unknown[]) => SplitBody.parse({ parts });

  it('turns basis points into amounts that sum to the pledge exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_000_000 }),
        fc.integer({ min: 1, max: 9_999 }),
        fc.integer({ min: 0, max: 9_999 }),
        (pledge, a, b0) => {
          const b = Math.min(b0, 10_000 - a);
          const parts = [
            { fund: 'mdfm', basisPoints: a },
            { fund: 'thematic_study', basisPoints: b },
            { fund: 'communication_exchange.host_event', basisPoints: 10_000 - a - b },
          ];
          const r = resolveSplit(pledge, 'EUR', body(parts));
          if (!r.ok) throw new Error(r.message);
          expect(sum(r.parts.map((p) => p.amountMinor))).toBe(pledge);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes amounts only when they sum to the pledge, and refuses mixed, doubled or unbalanced parts', () => {
    const ok = resolveSplit(
      30_000,
      'EUR',
      body([
        { fund: 'mdfm', amount: '100' },
        { fund: 'thematic_study', amount: '200.00' },
      ]),
    );
    expect(ok).toEqual({
      ok: true,
      parts: [
        { fund: 'mdfm', basisPoints: null, amountMinor: 10_000 },
        { fund: 'thematic_study', basisPoints: null, amountMinor: 20_000 },
      ],
    });
    expect(resolveSplit(30_001, 'EUR', body([{ fund: 'mdfm', amount: '300' }])).ok).toBe(false);
    expect(resolveSplit(30_000, 'EUR', body([{ fund: 'mdfm', amount: '300.001' }]))).toMatchObject({
      ok: false,
      path: ['parts', 0, 'amount'],
    });
    const bad = (parts: unknown[]) => SplitBody.safeParse({ parts }).success;
    expect(
      bad([
        { fund: 'mdfm', basisPoints: 5000 },
        { fund: 'thematic_study', amount: '1' },
      ]),
    ).toBe(false);
    expect(
      bad([
        { fund: 'mdfm', basisPoints: 5000 },
        { fund: 'mdfm', basisPoints: 5000 },
      ]),
    ).toBe(false);
    expect(bad([{ fund: 'mdfm', basisPoints: 5000 }])).toBe(false);
    expect(bad([{ fund: 'mdfm', basisPoints: 5000, amount: '1' }])).toBe(false);
    expect(bad([{ fund: 'nowhere', basisPoints: 10000 }])).toBe(false);
    expect(bad([{ fund: 'mdfm', basisPoints: 10000 }])).toBe(true);
  });

  it("credits each fund with a receipt's amount and USD value without creating or losing a unit", () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: FUND_KEYS.length })
          .filter((w) => w.some((x) => x > 0)),
        fc.integer({ min: 0, max: 1_000_000_000_000 }),
        fc.integer({ min: 0, max: 1_000_000_000_000 }),
        (amounts, receipt, usd) => {
          const parts = amounts.map((a, i) => ({ fund: FUND_KEYS[i]!, amountMinor: a }));
          const credits = creditsOf({ amountMinor: receipt, usdMinor: usd }, parts);
          expect(sum(credits.map((c) => c.amountMinor))).toBe(receipt);
          expect(sum(credits.map((c) => c.usdMinor))).toBe(usd);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('fund keys', () => {
  it('name a funding option, or communication_exchange with a sub-option', () => {
    expect(fundKeyOf('mdfm')).toBe('mdfm');
    expect(fundKeyOf('communication_exchange', 'host_event')).toBe('communication_exchange.host_event');
    for (const k of FUND_KEYS) {
      const o = fundOptionOf(k);
      expect(fundKeyOf(o.fundingOption, o.subOption)).toBe(k);
    }
  });
});

describe('disbursements', () => {
  it("telescope: an allocation's disbursements sum to toUsd of what was disbursed, never past the allocation", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 20 }),
        fc.constantFrom('1.08', '0.000917', '3.2514', '1'),
        fc.constantFrom('EUR', 'JPY', 'KWD', 'MZN'),
        (payments, rate, currency) => {
          let before = 0;
          let usd = 0;
          for (const p of payments) {
            usd += disbursementUsd(before, p, currency, rate);
            before += p;
          }
          expect(usd).toBe(toUsd(before, currency, rate));
          expect(usd).toBeLessThanOrEqual(toUsd(before, currency, rate));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an allocation can be reduced, never raised, never below what is disbursed', () => {
    expect(reductionProblem({ amountMinor: 100, disbursedMinor: 40 }, 40)).toBeNull();
    expect(reductionProblem({ amountMinor: 100, disbursedMinor: 40 }, 39)).toMatch(/already disbursed/);
    expect(reductionProblem({ amountMinor: 100, disbursedMinor: 40 }, 101)).toMatch(/only be reduced/);
  });
});

describe('reach', () => {
  const africaLow = { region: 'africa', ldc: true, incomeGroup: 'low' };
  const africaMiddle = { region: 'africa', ldc: false, incomeGroup: 'lower_middle' };
  const asiaLdc = { region: 'asia_pacific', ldc: true, incomeGroup: 'lower_middle' };
  const europe = { region: 'europe_north_america', ldc: false, incomeGroup: 'high' };

  it('shares each disbursement equally among its cities and counts them by their countries', () => {
    // 100.00 to an African LDC and a European city: 50.00 each; 30.01 to three cities: 10.01, 10.00, 10.00.
    const r = reachOf([
      { usdMinor: 10_000, cities: [africaLow, europe] },
      { usdMinor: 3_001, cities: [asiaLdc, africaMiddle, europe] },
    ]);
    expect(r).toEqual({
      totalUsdMinor: 13_001,
      africaUsdMinor: 5_000 + 1_000,
      ldcOrLowIncomeUsdMinor: 5_000 + 1_001,
      focusUsdMinor: 5_000 + 1_001 + 1_000,
    });
    expect(shareOf(r.africaUsdMinor, r.totalUsdMinor)).toBe('0.4615'); // 6000 / 13001 = 0.46150…
    expect(shareOf(0, 0)).toBe('0.0000');
    expect(shareOf(1, 1)).toBe('1.0000');
    expect(shareOf(1, 8)).toBe('0.1250');
    expect(shareOf(1, 3)).toBe('0.3333');
  });

  it('never counts more than was disbursed', () => {
    const city = fc.record({
      region: fc.constantFrom('africa', 'arab_states', 'asia_pacific'),
      ldc: fc.boolean(),
      incomeGroup: fc.constantFrom('low', 'high'),
    });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            usdMinor: fc.integer({ min: 0, max: 1e12 }),
            cities: fc.array(city, { minLength: 1, maxLength: 5 }),
          }),
        ),
        (ds) => {
          const r = reachOf(ds);
          expect(r.totalUsdMinor).toBe(sum(ds.map((d) => d.usdMinor)));
          expect(r.focusUsdMinor).toBeLessThanOrEqual(r.totalUsdMinor);
          expect(r.africaUsdMinor).toBeLessThanOrEqual(r.focusUsdMinor);
          expect(r.ldcOrLowIncomeUsdMinor).toBeLessThanOrEqual(r.focusUsdMinor);
        },
      ),
      { numRuns: 200 },
    );
  });
});
