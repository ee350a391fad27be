import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CURRENCIES,
  MoneyBody,
  allocate,
  divideHalfEven,
  exponentOf,
  formatAmount,
  fromUsd,
  normalizeRate,
  parseAmount,
  rateOn,
  splitEvenly,
  toUsd,
} from '../../domain/money.js';

const currency = fc.constantFrom(...CURRENCIES);
const minor = fc.integer({ min: 0, max: 10_000_000_000_000 }); // up to 10^13 minor units
/** Amounts that stay safe once converted at any generated rate (≤ 10^15 US cents). */
const convertible = fc.integer({ min: 0, max: 10_000_000_000 });
/** Rates as decimal strings, 1e-6 .. 10^3 USD per unit, with up to 8 decimals. */
const rate = fc
  .tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 99_999_999 }))
  .filter(([w, f]) => w > 0 || f >= 100)
  .map(([w, f]) => `${w}.${String(f).padStart(8, '0')}`);

describe('parse and format', () => {
  it('knows the minor-unit exponents of ISO 4217', () => {
    expect([
      exponentOf('USD'),
      exponentOf('EUR'),
      exponentOf('JPY'),
      exponentOf('KWD'),
      exponentOf('BHD'),
      exponentOf('XOF'),
    ]).toEqual([2, 2, 0, 3, 3, 0]);
    expect(() => exponentOf('XXX')).toThrow(/unsupported currency/);
  });

  it('parses decimal strings exactly and refuses more decimals than the currency has', () => {
    expect(parseAmount('1250.50', 'USD')).toEqual({ ok: true, value: 125050 });
    expect(parseAmount('1250.5', 'USD')).toEqual({ ok: true, value: 125050 });
    expect(parseAmount('1250', 'JPY')).toEqual({ ok: true, value: 1250 });
    expect(parseAmount('1.234', 'KWD')).toEqual({ ok: true, value: 1234 });
    expect(parseAmount('0.1', 'USD')).toEqual({ ok: true, value: 10 });
    for (const [v, c] of [
      ['1250.505', 'USD'],
      ['1.5', 'JPY'],
      ['1.2345', 'BHD'],
    ] as const) {
      const r = parseAmount(v, c);
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : r.message).toMatch(/decimal place/);
    }
    for (const bad of [
      '',
      '-1',
      '+1',
      '1e3',
      '1,000.00',
      ' 1',
      '1.',
      '.5',
      'NaN',
      'Infinity',
      '0x10',
      '99999999999999999',
    ]) {
      expect(parseAmount(bad, 'USD').ok, bad).toBe(false);
    }
    expect(parseAmount('1', 'ABC').ok).toBe(false);
  });

  it('formats with exactly the currency’s decimals', () => {
    expect(formatAmount(125050, 'USD')).toBe('1250.50');
    expect(formatAmount(5, 'USD')).toBe('0.05');
    expect(formatAmount(0, 'KWD')).toBe('0.000');
    expect(formatAmount(1250, 'JPY')).toBe('1250');
    expect(() => formatAmount(0.5, 'USD')).toThrow();
  });

  it('property: parse ∘ format is the identity on minor units, in every currency', () => {
    fc.assert(
      fc.property(currency, minor, (c, m) => {
        const text = formatAmount(m, c);
        expect(parseAmount(text, c)).toEqual({ ok: true, value: m });
        // The decimals shown are exactly the exponent: never a float rendering like 0.30000000000000004.
        expect(text.split('.')[1]?.length ?? 0).toBe(exponentOf(c));
      }),
      { numRuns: 500 },
    );
  });

  it('the request schema refuses numbers (floats) for amounts', () => {
    expect(MoneyBody.safeParse({ currency: 'USD', value: 12.5 }).success).toBe(false);
    expect(MoneyBody.safeParse({ currency: 'USD', value: '12.50' }).data).toEqual({ currency: 'USD', minor: 1250 });
    expect(MoneyBody.safeParse({ currency: 'USD', value: '12.505' }).success).toBe(false);
    expect(MoneyBody.safeParse({ currency: 'usd', value: '1' }).success).toBe(false);
    expect(MoneyBody.safeParse({ currency: 'USD', value: '1', extra: 1 }).success).toBe(false);
  });
});

describe('conversion to USD', () => {
  it('rounds half to even', () => {
    expect(divideHalfEven(5n, 2n)).toBe(2n);
    expect(divideHalfEven(7n, 2n)).toBe(4n);
    expect(divideHalfEven(-5n, 2n)).toBe(-2n);
    expect(divideHalfEven(10n, 3n)).toBe(3n);
    // 1 JPY at 0.005 USD is half a cent → 0 (even); 3 JPY is 1.5 cents → 2 (even).
    expect(toUsd(1, 'JPY', '0.005')).toBe(0);
    expect(toUsd(3, 'JPY', '0.005')).toBe(2);
    expect(toUsd(125050, 'EUR', '1.0834')).toBe(135479); // 1250.50 × 1.0834 = 1354.79170
    expect(toUsd(1000, 'KWD', '3.25')).toBe(325); // 1.000 KWD
    expect(toUsd(125050, 'USD', '1')).toBe(125050);
  });

  it('takes the rate of the date or the nearest earlier one', () => {
    const rates = [
      { date: '2026-01-01', rateToUsd: '1.1' },
      { date: '2026-03-01', rateToUsd: '1.2' },
      { date: '2026-02-01', rateToUsd: '1.15' },
    ];
    expect(rateOn(rates, '2026-02-15')?.rateToUsd).toBe('1.15');
    expect(rateOn(rates, '2026-03-01')?.rateToUsd).toBe('1.2');
    expect(rateOn(rates, '2025-12-31')).toBeUndefined();
    expect(normalizeRate('1.083400000000')).toBe('1.0834');
    expect(normalizeRate('0003.000')).toBe('3');
  });

  it('property: monotonic in the amount and in the rate, and exact at rate 1 between 2-decimal currencies', () => {
    fc.assert(
      fc.property(currency, convertible, convertible, rate, (c, a, b, r) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(toUsd(lo, c, r)).toBeLessThanOrEqual(toUsd(hi, c, r));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(currency, convertible, rate, rate, (c, m, r1, r2) => {
        // Generated rates all have 8 decimals, so their digit strings order them exactly.
        const key = (r: string) => BigInt(r.replace('.', ''));
        const [lo, hi] = key(r1) <= key(r2) ? [r1, r2] : [r2, r1];
        expect(toUsd(m, c, lo)).toBeLessThanOrEqual(toUsd(m, c, hi));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.constantFrom('USD', 'EUR', 'GBP', 'CHF'), minor, (c, m) => {
        expect(toUsd(m, c, '1')).toBe(m);
      }),
    );
  });

  it('property: a round trip through USD is off by no more than the rounding allows', () => {
    fc.assert(
      fc.property(currency, convertible, rate, (c, m, r) => {
        const usd = toUsd(m, c, r);
        const back = fromUsd(usd, c, r);
        // k = USD cents per minor unit; |u − m·k| ≤ ½ ⇒ |back − m| ≤ ½ + ½/k, i.e. 2k·|back − m| ≤ k + 1.
        const [w, f = ''] = r.split('.');
        const kNum = BigInt(w! + f) * 10n ** 2n;
        const kDen = 10n ** BigInt(f.length) * 10n ** BigInt(exponentOf(c));
        const diff = BigInt(Math.abs(back - m));
        expect(2n * kNum * diff <= kNum + kDen).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('property: results are safe integers, never floats', () => {
    fc.assert(
      fc.property(currency, convertible, rate, (c, m, r) => {
        const usd = toUsd(m, c, r);
        expect(Number.isSafeInteger(usd)).toBe(true);
        expect(Number.isSafeInteger(fromUsd(usd, c, r))).toBe(true);
        expect(formatAmount(usd, 'USD')).toMatch(/^\d+\.\d{2}$/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('allocation of receipts to instalments', () => {
  const instalments = fc.array(
    fc.record({
      due: fc
        .integer({ min: 0, max: 1000 })
        .map((d) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10)),
      outstanding: fc.integer({ min: 0, max: 1_000_000_000 }),
    }),
    { maxLength: 12 },
  );

  it('pays the oldest first and reports over-payment explicitly', () => {
    const r = allocate(
      [
        { id: 2, due: '2027-01-01', outstanding: 500 },
        { id: 1, due: '2026-01-01', outstanding: 300 },
      ],
      900,
    );
    expect(r).toEqual({
      allocations: [
        { id: 1, minor: 300 },
        { id: 2, minor: 500 },
      ],
      overpayment: 100,
    });
    expect(allocate([{ id: 1, due: '2026-01-01', outstanding: 300 }], 120)).toEqual({
      allocations: [{ id: 1, minor: 120 }],
      overpayment: 0,
    });
    expect(() => allocate([], 1.5)).toThrow();
  });

  it('property: allocations plus over-payment sum to the payment; none exceeds what is owed; oldest are filled first', () => {
    fc.assert(
      fc.property(instalments, fc.integer({ min: 0, max: 5_000_000_000 }), (rows, amount) => {
        const input = rows.map((r, i) => ({ id: i, ...r }));
        const { allocations, overpayment } = allocate(input, amount);
        const total = allocations.reduce((s, a) => s + a.minor, 0);
        expect(total + overpayment).toBe(amount);
        expect(overpayment >= 0 && Number.isSafeInteger(overpayment)).toBe(true);
        for (const a of allocations) {
          expect(Number.isSafeInteger(a.minor) && a.minor > 0).toBe(true);
          expect(a.minor).toBeLessThanOrEqual(input[a.id as number]!.outstanding);
        }
        const owed = input.reduce((s, r) => s + r.outstanding, 0);
        expect(overpayment).toBe(Math.max(0, amount - owed));
        // Every instalment strictly older than one that received money is fully paid.
        const paid = new Map(allocations.map((a) => [a.id, a.minor]));
        for (const a of allocations) {
          const due = input[a.id as number]!.due;
          for (const older of input.filter((r) => r.due < due)) expect(paid.get(older.id) ?? 0).toBe(older.outstanding);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: an even split sums to the total and differs by at most one minor unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 60 }), (total, count) => {
        const parts = splitEvenly(total, count);
        expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
        expect(parts.every(Number.isSafeInteger)).toBe(true);
      }),
    );
  });
});
