// Money as integer minor units of an ISO 4217 currency. Pure and deterministic (imported by
// workflow code). Arithmetic that can exceed 2^53 (conversion) runs on BigInt internally, but
// amounts leave this module as safe integers or decimal strings only: Temporal payloads are JSON,
// which has no BigInt, and a float would silently lose cents.
import { z } from 'zod';

/**
 * Minor-unit exponents of every active ISO 4217 currency and fund code (List One of the ISO 4217
 * maintenance agency, SIX Group, as of 2025-03-31: with SLE, VED, ZWG and XCG, the Caribbean
 * guilder that replaced ANG on that day). Withdrawn codes are left out (ANG, CUC, HRK, SLL, ZWL),
 * as are precious metals, testing and no-currency codes and units without a minor unit ("N.A.":
 * XAU, XAG, XPD, XPT, XBA-XBD, XDR, XSU, XUA, XTS, XXX). Exponents are ISO's, not the locale's:
 * where CLDR/ICU prints no decimals in practice (HUF, IDR, IQD...) ISO's minor unit still counts;
 * test/domain/money.test.ts lists those differences. When ISO amends the list, update it here.
 * Exponent 0: BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF;
 * 3: BHD IQD JOD KWD LYD OMR TND; 4: CLF UYW; 2: all others.
 */
// prettier-ignore
export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = Object.freeze({
  AED: 2, AFN: 2, ALL: 2, AMD: 2, AOA: 2, ARS: 2, AUD: 2, AWG: 2, AZN: 2, BAM: 2,
  BBD: 2, BDT: 2, BGN: 2, BHD: 3, BIF: 0, BMD: 2, BND: 2, BOB: 2, BOV: 2, BRL: 2,
  BSD: 2, BTN: 2, BWP: 2, BYN: 2, BZD: 2, CAD: 2, CDF: 2, CHE: 2, CHF: 2, CHW: 2,
  CLF: 4, CLP: 0, CNY: 2, COP: 2, COU: 2, CRC: 2, CUP: 2, CVE: 2, CZK: 2, DJF: 0,
  DKK: 2, DOP: 2, DZD: 2, EGP: 2, ERN: 2, ETB: 2, EUR: 2, FJD: 2, FKP: 2, GBP: 2,
  GEL: 2, GHS: 2, GIP: 2, GMD: 2, GNF: 0, GTQ: 2, GYD: 2, HKD: 2, HNL: 2, HTG: 2,
  HUF: 2, IDR: 2, ILS: 2, INR: 2, IQD: 3, IRR: 2, ISK: 0, JMD: 2, JOD: 3, JPY: 0,
  KES: 2, KGS: 2, KHR: 2, KMF: 0, KPW: 2, KRW: 0, KWD: 3, KYD: 2, KZT: 2, LAK: 2,
  LBP: 2, LKR: 2, LRD: 2, LSL: 2, LYD: 3, MAD: 2, MDL: 2, MGA: 2, MKD: 2, MMK: 2,
  MNT: 2, MOP: 2, MRU: 2, MUR: 2, MVR: 2, MWK: 2, MXN: 2, MXV: 2, MYR: 2, MZN: 2,
  NAD: 2, NGN: 2, NIO: 2, NOK: 2, NPR: 2, NZD: 2, OMR: 3, PAB: 2, PEN: 2, PGK: 2,
  PHP: 2, PKR: 2, PLN: 2, PYG: 0, QAR: 2, RON: 2, RSD: 2, RUB: 2, RWF: 0, SAR: 2,
  SBD: 2, SCR: 2, SDG: 2, SEK: 2, SGD: 2, SHP: 2, SLE: 2, SOS: 2, SRD: 2, SSP: 2,
  STN: 2, SVC: 2, SYP: 2, SZL: 2, THB: 2, TJS: 2, TMT: 2, TND: 3, TOP: 2, TRY: 2,
  TTD: 2, TWD: 2, TZS: 2, UAH: 2, UGX: 0, USD: 2, USN: 2, UYI: 0, UYU: 2, UYW: 4,
  UZS: 2, VED: 2, VES: 2, VND: 0, VUV: 0, WST: 2, XAF: 0, XCD: 2, XCG: 2, XOF: 0,
  XPF: 0, YER: 2, ZAR: 2, ZMW: 2, ZWG: 2,
});
export const CURRENCIES = Object.freeze(Object.keys(CURRENCY_EXPONENTS).sort()) as readonly string[];

export function exponentOf(currency: string): number {
  const e = CURRENCY_EXPONENTS[currency];
  if (e === undefined) throw new RangeError(`unsupported currency ${JSON.stringify(currency)}`);
  return e;
}

export const isCurrency = (c: unknown): c is string => typeof c === 'string' && Object.hasOwn(CURRENCY_EXPONENTS, c);

/** An amount: `minor` is a non-negative safe integer of the currency's minor unit. */
export interface Money {
  currency: string;
  minor: number;
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

function toSafe(v: bigint, what: string): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`${what} is too large`);
  return Number(v);
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * The largest amount the engine accepts: 10^15 minor units (ten trillion dollars, far above any
 * pledge). With MAX_RATE_CENTS_PER_MINOR it keeps every conversion to USD cents below 2^53, so a
 * JSON number (Temporal payloads, views) holds it exactly.
 */
export const MAX_MINOR = 1_000_000_000_000_000;

/** "1250.50" in USD → 125050. Refuses more decimals than the currency has, signs, exponents and blanks. */
export function parseAmount(value: string, currency: string): Parsed<number> {
  if (!isCurrency(currency)) return { ok: false, message: `unsupported currency ${JSON.stringify(currency)}` };
  const m = typeof value === 'string' ? DECIMAL.exec(value) : null;
  if (!m) return { ok: false, message: 'must be a decimal string such as "1250.50"' };
  const exp = exponentOf(currency);
  const frac = m[2] ?? '';
  if (frac.length > exp)
    return { ok: false, message: `${currency} has ${exp} decimal place${exp === 1 ? '' : 's'}; got ${frac.length}` };
  const minor = BigInt(m[1]!) * pow10(exp) + BigInt(frac.padEnd(exp, '0') || '0');
  if (minor > BigInt(MAX_MINOR))
    return {
      ok: false,
      message: `must be at most ${formatAmount(MAX_MINOR, currency)} ${currency} (10^15 minor units)`,
    };
  return { ok: true, value: Number(minor) };
}

/** 125050 in USD → "1250.50"; always the currency's number of decimals. */
export function formatAmount(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`minor units must be a safe integer, got ${minor}`);
  const exp = exponentOf(currency);
  const neg = minor < 0;
  const digits = String(Math.abs(minor)).padStart(exp + 1, '0');
  const whole = digits.slice(0, digits.length - exp);
  const frac = exp ? `.${digits.slice(digits.length - exp)}` : '';
  return `${neg ? '-' : ''}${whole}${frac}`;
}

// ---------------------------------------------------------------- exchange rates

/** A rate "USD per one unit of the currency" as an exact fraction. */
interface Rate {
  num: bigint;
  den: bigint;
}

const RATE = /^(\d{1,12})(?:\.(\d{1,12}))?$/;

export function isRate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = RATE.exec(s);
  return !!m && /[1-9]/.test(`${m[1]}${m[2] ?? ''}`);
}

/**
 * A sane rate: one minor unit is worth at most 8 US cents (the dearest today, the penny of GBP,
 * GIP, FKP or SHP, is about 1.3 cents; 8 leaves room for a sixfold revaluation) and one unit at
 * least 10^-9 USD (the cheapest currencies today, IRR, LBP and VND, are about 10^-5). With
 * MAX_MINOR, 10^15 minor units × 8 cents = 8 × 10^15 < 2^53: any one conversion stays exact.
 */
export const MAX_RATE_CENTS_PER_MINOR = 8;
export const MIN_RATE = '0.000000001';

/** Why `rateToUsd` is out of the sane range for `currency`, or null when it is fine (or unparsable). */
export function rateProblem(rateToUsd: string, currency: string): string | null {
  if (!isRate(rateToUsd) || !isCurrency(currency)) return null;
  const r = parseRate(rateToUsd);
  // USD cents per minor unit = rate × 10^(2 − exponent); compare as fractions.
  const usdExp = 2;
  const exp = exponentOf(currency);
  const max = BigInt(MAX_RATE_CENTS_PER_MINOR) * pow10(exp);
  if (r.num * pow10(usdExp) > max * r.den)
    return `must be at most ${normalizeRate(formatAmount(Number(max), 'USD'))} USD per ${currency} (8 US cents per minor unit)`;
  const min = parseRate(MIN_RATE);
  if (r.num * min.den < min.num * r.den) return `must be at least ${MIN_RATE} USD per ${currency}`;
  return null;
}

function parseRate(s: string): Rate {
  const m = RATE.exec(s);
  if (!m || !isRate(s))
    throw new RangeError(`invalid rate ${JSON.stringify(s)}: a positive decimal string with at most 12 decimals`);
  const frac = m[2] ?? '';
  return { num: BigInt(m[1]! + frac), den: pow10(frac.length) };
}

/** Canonical text of a rate (no trailing zeros), as PostgreSQL numeric may pad it. */
export function normalizeRate(s: string): string {
  const { num, den } = parseRate(s);
  const scale = den.toString().length - 1;
  const digits = num.toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}

/** num/den rounded to the nearest integer, ties to even (banker's rounding); den > 0. */
export function divideHalfEven(num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new RangeError('denominator must be positive');
  const neg = num < 0n;
  const n = neg ? -num : num;
  let q = n / den;
  const r2 = (n % den) * 2n;
  if (r2 > den || (r2 === den && q % 2n === 1n)) q += 1n;
  return neg ? -q : q;
}

/**
 * toUsd with the rate parsed once: for converting many amounts of one currency at one rate (the
 * funding summary converts each of thousands of pledges on its own). Same arithmetic as toUsd.
 */
export function usdConverter(currency: string, rateToUsd: string): (minor: number) => number {
  const r = parseRate(rateToUsd);
  const factor = r.num * pow10(exponentOf('USD'));
  const den = r.den * pow10(exponentOf(currency));
  return (minor) => {
    if (!Number.isSafeInteger(minor)) throw new RangeError(`minor units must be a safe integer, got ${minor}`);
    return toSafe(divideHalfEven(BigInt(minor) * factor, den), 'USD amount');
  };
}

/**
 * USD cents per minor unit of `currency` at `rateToUsd`, exactly: num / 10^scale, and the same as a
 * decimal string. toUsd(minor) is minor × num / 10^scale rounded half to even; SQL does that sum
 * in integers (db/queries/funding-summary.ts).
 */
export function usdCentsPerMinor(currency: string, rateToUsd: string): { num: bigint; scale: number; decimal: string } {
  // normalizeRate: a numeric column pads "1.08" to "1.080000000000"; the shortest fraction keeps
  // the integers SQL multiplies small.
  const r = parseRate(normalizeRate(rateToUsd));
  // num / den × 10^2 / 10^exponent; den is a power of ten
  const scale = r.den.toString().length - 1 + exponentOf(currency) - exponentOf('USD');
  if (scale <= 0) {
    const num = r.num * pow10(-scale);
    return { num, scale: 0, decimal: num.toString() };
  }
  const digits = r.num.toString().padStart(scale + 1, '0');
  return {
    num: r.num,
    scale,
    decimal: `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`,
  };
}

/** Minor units of `currency` → USD cents at `rateToUsd` (USD per unit), half-even. */
export function toUsd(minor: number, currency: string, rateToUsd: string): number {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`minor units must be a safe integer, got ${minor}`);
  return usdConverter(currency, rateToUsd)(minor);
}

/** USD cents → minor units of `currency` at `rateToUsd`, half-even (the inverse of toUsd). */
export function fromUsd(usdMinor: number, currency: string, rateToUsd: string): number {
  if (!Number.isSafeInteger(usdMinor)) throw new RangeError(`minor units must be a safe integer, got ${usdMinor}`);
  const r = parseRate(rateToUsd);
  const num = BigInt(usdMinor) * r.den * pow10(exponentOf(currency));
  const den = r.num * pow10(exponentOf('USD'));
  return toSafe(divideHalfEven(num, den), `${currency} amount`);
}

/** fromUsd, or null when the result would exceed MAX_MINOR (a receipt into a currency of tiny units). */
export function fromUsdWithin(usdMinor: number, currency: string, rateToUsd: string): number | null {
  try {
    const v = fromUsd(usdMinor, currency, rateToUsd);
    return v <= MAX_MINOR ? v : null;
  } catch {
    return null;
  }
}

/** The rate of `date` or the nearest earlier one; rates sorted or not. */
export function rateOn<T extends { date: string; rateToUsd: string }>(
  rates: readonly T[],
  date: string,
): T | undefined {
  let best: T | undefined;
  for (const r of rates) if (r.date <= date && (!best || r.date > best.date)) best = r;
  return best;
}

// ---------------------------------------------------------------- allocation

export interface Outstanding {
  id: string | number;
  due: string; // YYYY-MM-DD
  outstanding: number; // minor units still owed
}

export interface Allocation {
  allocations: { id: string | number; minor: number }[];
  /** What is left once every instalment is paid: kept and reported, never silently dropped. */
  overpayment: number;
}

/** Applies a payment to instalments oldest due date first (stable for equal dates). */
export function allocate(instalments: readonly Outstanding[], amount: number): Allocation {
  if (!Number.isSafeInteger(amount) || amount < 0)
    throw new RangeError(`amount must be a non-negative safe integer, got ${amount}`);
  const order = instalments
    .map((inst, i) => ({ inst, i }))
    .sort((a, b) => (a.inst.due < b.inst.due ? -1 : a.inst.due > b.inst.due ? 1 : a.i - b.i));
  let left = amount;
  const allocations: Allocation['allocations'] = [];
  for (const { inst } of order) {
    if (left === 0) break;
    if (inst.outstanding <= 0) continue;
    const take = Math.min(left, inst.outstanding);
    allocations.push({ id: inst.id, minor: take });
    left -= take;
  }
  return { allocations, overpayment: left };
}

/** Splits `total` into `count` parts differing by at most one minor unit, the larger ones first. */
export function splitEvenly(total: number, count: number): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError('total must be a non-negative safe integer');
  if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive integer');
  const base = Math.floor(total / count);
  const extra = total - base * count;
  return Array.from({ length: count }, (_, i) => base + (i < extra ? 1 : 0));
}

export const sumMinor = (xs: readonly number[]): number => {
  let s = 0;
  for (const x of xs) {
    s += x;
    if (!Number.isSafeInteger(s)) throw new RangeError('sum is too large');
  }
  return s;
};

// ---------------------------------------------------------------- API schemas

export const Currency = z
  .string()
  .refine(isCurrency, { error: 'must be an active ISO 4217 currency code in capitals, such as EUR or MZN' })
  .meta({ description: 'an active ISO 4217 currency code, such as EUR or MZN', pattern: '^[A-Z]{3}$' });
export const RateString = z
  .string()
  .refine(isRate, { error: 'must be a positive decimal string with at most 12 decimals, such as "1.0834"' })
  .meta({
    description: 'US dollars per unit of the currency, a positive decimal string such as "1.0834"',
    pattern: '^\\d{1,12}(\\.\\d{1,12})?$',
  });
/** A decimal amount in the currency's units ("1250.50"); at most the currency's decimals (parseAmount). */
export const AmountString = z
  .string()
  .max(24)
  .meta({ description: 'a decimal string in the currency\'s units, such as "1250.50"', pattern: '^\\d+(\\.\\d+)?$' });

/** `{currency, value: "1250.50"}` → Money; a number for `value` is refused (it would be a float). */
export const MoneyBody = z
  .object({ currency: Currency, value: AmountString })
  .strict()
  .transform((m, ctx): Money => {
    const p = parseAmount(m.value, m.currency);
    if (!p.ok) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: p.message });
      return z.NEVER;
    }
    return { currency: m.currency, minor: p.value };
  });
