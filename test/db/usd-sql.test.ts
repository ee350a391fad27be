// The funding summary converts each pledge to USD in SQL: the same integers as toUsd (BigInt,
// half to even) for every currency exponent, rate and amount, ties and the numeric fallback included;
// and shares a split pledge's figures among its parts in SQL by splitByWeights's largest remainder.
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { openOrm } from '../../db/orm.js';
import { shareSql, usdSql } from '../../db/queries/funding-summary.js';
import { splitByWeights } from '../../domain/fund.js';
import { CURRENCIES, MAX_MINOR, toUsd, usdCentsPerMinor } from '../../domain/money.js';

const INT8_MAX = 2n ** 63n - 1n;
/** Rates with 0..12 decimals, 10^-9 .. 10^3 USD per unit, often short (ties are frequent with those). */
const rate = fc
  .tuple(
    fc.integer({ min: 0, max: 999 }),
    fc.integer({ min: 0, max: 12 }),
    fc.bigInt({ min: 0n, max: 10n ** 12n - 1n }),
  )
  .map(([w, d, f]) => (d === 0 ? `${w}` : `${w}.${(f % 10n ** BigInt(d)).toString().padStart(d, '0')}`))
  .filter((r) => /[1-9]/.test(r.replace(/\.?0+$/, '')) && Number(r) >= 1e-9);
const minor = fc.oneof(
  fc.integer({ min: 0, max: 1000 }),
  fc.integer({ min: 0, max: MAX_MINOR }),
  fc.constant(MAX_MINOR),
);

const usd = (m: number, c: string, r: string): string | null => {
  try {
    return String(toUsd(m, c, r));
  } catch {
    return null; // beyond 2^53 US cents
  }
};

describe('usdSql', () => {
  it('equals toUsd for any currency, rate and amount', async () => {
    const orm = await openOrm(inject('databaseUrl'));
    try {
      // Only amounts toUsd converts (at most 2^53 US cents: any sane rate, rateProblem, keeps them there).
      const cases = fc
        .sample(fc.tuple(fc.constantFrom(...CURRENCIES), rate, minor), 3000)
        .filter(([c, r, m]) => usd(m, c, r) !== null);
      // Half-cent ties on purpose: 1 minor unit at 0.5 and 1.5 cents, both rounding directions.
      cases.push(
        ['USD', '0.005', 1],
        ['USD', '0.015', 1],
        ['JPY', '0.005', 1],
        ['JPY', '0.025', 1],
        ['KWD', '0.05', 1],
      );
      const f = cases.map(([c, r]) => usdCentsPerMinor(c, r));
      const rows = await orm.em.getConnection().execute<{ usd: string }[]>(
        `select (${usdSql('m', 'x_')})::text as usd
           from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::numeric[], ?::bigint[]) with ordinality
                as t(m, x_n, x_lim, x_num, x_d, i)
          order by i`,
        [
          `{${cases.map((c) => c[2]).join(',')}}`,
          `{${f.map((x) => (x.num <= INT8_MAX ? x.num : 'null')).join(',')}}`,
          `{${f.map((x) => (x.num <= INT8_MAX ? INT8_MAX / x.num : 'null')).join(',')}}`,
          `{${f.map((x) => x.num).join(',')}}`,
          `{${f.map((x) => 10n ** BigInt(x.scale)).join(',')}}`,
        ],
      );
      expect(rows.map((r) => r.usd)).toEqual(cases.map(([c, r, m]) => usd(m, c, r)));
      // Both paths ran: products that fit in a bigint and products that do not.
      expect(cases.some(([, , m], i) => BigInt(m) * f[i]!.num > INT8_MAX)).toBe(true);
      expect(cases.length).toBeGreaterThan(1000);
    } finally {
      await orm.close();
    }
  });

  it('writes a rate as the shortest exact USD cents per minor unit', () => {
    expect(usdCentsPerMinor('EUR', '1.080000000000')).toEqual({ num: 108n, scale: 2, decimal: '1.08' });
    expect(usdCentsPerMinor('JPY', '0.0067')).toEqual({ num: 67n, scale: 2, decimal: '0.67' });
    expect(usdCentsPerMinor('KWD', '3.25')).toEqual({ num: 325n, scale: 3, decimal: '0.325' });
    expect(usdCentsPerMinor('VND', '2')).toEqual({ num: 200n, scale: 0, decimal: '200' });
  });
});

describe('shareSql', () => {
  it('equals splitByWeights for any total and weights, ties, zero weights and totals past 2^53 × weight included', async () => {
    const orm = await openOrm(inject('databaseUrl'));
    try {
      // 1 to 8 parts (the funds); weights as a split stores them: part amounts, often equal (ties) or zero.
      const weights = fc.oneof(
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: MAX_MINOR }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 8 }).chain((n) => fc.constant(Array.from({ length: n }, () => 1))),
      );
      const total = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: MAX_MINOR }));
      const cases = fc
        .sample(fc.tuple(total, weights), 2000)
        .filter(([, w]) => w.some((x) => x > 0))
        .concat([
          [100, [1, 1, 1]],
          [108, [333, 333, 334]],
          [1, [0, 5, 5]],
          [MAX_MINOR, [MAX_MINOR, MAX_MINOR, 1]],
          [0, [7, 3]],
        ]);
      const rows = cases.flatMap(([t, w], c) =>
        w.map((x, seq) => ({ c, seq, t, x, sum: w.reduce((a, b) => a + b, 0) })),
      );
      const got = await orm.em.getConnection().execute<{ c: number; share: string }[]>(
        `select c, (${shareSql('t', 'w', 'w_sum', 'c', 'seq')})::text as share
           from unnest(?::int[], ?::int[], ?::bigint[], ?::numeric[], ?::numeric[]) as t(c, seq, t, w, w_sum)
          order by c, seq`,
        [
          `{${rows.map((r) => r.c).join(',')}}`,
          `{${rows.map((r) => r.seq).join(',')}}`,
          `{${rows.map((r) => r.t).join(',')}}`,
          `{${rows.map((r) => r.x).join(',')}}`,
          `{${rows.map((r) => r.sum).join(',')}}`,
        ],
      );
      const byCase = cases.map(() => [] as number[]);
      for (const r of got) byCase[r.c]!.push(Number(r.share));
      expect(byCase).toEqual(cases.map(([t, w]) => splitByWeights(t, w)));
      // The parts always sum to the total, and some cases had a remainder to hand out.
      byCase.forEach((parts, i) => expect(parts.reduce((a, b) => a + b, 0)).toBe(cases[i]![0]));
      expect(
        cases.filter(([t, w]) => w.some((x) => (BigInt(t) * BigInt(x)) % BigInt(w.reduce((a, b) => a + b, 0)) !== 0n))
          .length,
      ).toBeGreaterThan(1000);
      expect(cases.length).toBeGreaterThan(1500);
    } finally {
      await orm.close();
    }
  });
});
