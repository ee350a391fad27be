// The bounds every API input and workflow input shares (issue 12, classes 1, 8 and 9): dates,
// instants, durations, amounts, rates, text and the currency table. Pure: no server.
import { describe, expect, it } from 'vitest';
import { CreateCampaignBody } from '../../domain/campaign.js';
import { MAX_DURATION, boundedDuration, isDurationAtMost } from '../../domain/duration.js';
import { CreateElectionBody } from '../../domain/election.js';
import { FxRateBody } from '../../domain/fx-rate.js';
import { CURRENCIES, CURRENCY_EXPONENTS, MAX_MINOR, parseAmount, rateProblem, toUsd } from '../../domain/money.js';
import { searchText } from '../../domain/peer-learning.js';
import { CreatePledgeBody, buildSchedule } from '../../domain/pledge.js';
import { CalendarDate, Instant, Note, Prose, Text } from '../../domain/schemas.js';
import { WorkshopSettingsBody } from '../../domain/workshop.js';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, v: unknown) => schema.safeParse(v).success;

describe('dates and instants', () => {
  it('accept 2012-01-01..2100-12-31 only', () => {
    for (const d of ['2012-01-01', '2026-07-01', '2100-12-31']) expect(ok(CalendarDate, d), d).toBe(true);
    for (const d of ['2011-12-31', '2101-01-01', '9999-07-01', '0000-01-01', '2021-02-30', '2026-7-1'])
      expect(ok(CalendarDate, d), d).toBe(false);
    expect(ok(Instant, '2100-12-31T23:59:59Z')).toBe(true);
    expect(ok(Instant, '2026-03-01T10:00:00+02:00')).toBe(true);
    for (const i of [
      '2101-01-01T00:00:00Z',
      '9999-12-31T00:00:00Z',
      '2011-12-31T23:59:59Z',
      '2100-12-31T22:00:00-05:00',
    ])
      expect(ok(Instant, i), i).toBe(false);
  });
});

describe('durations', () => {
  it('are bounded per use', () => {
    expect(isDurationAtMost('P1Y', 'P1Y')).toBe(true);
    expect(isDurationAtMost('P12M', 'P1Y')).toBe(true);
    expect(isDurationAtMost('P366D', 'P1Y')).toBe(false);
    expect(isDurationAtMost('P999999Y', 'P5Y')).toBe(false);
    expect(isDurationAtMost('PT9007199254740991S', 'P5Y')).toBe(false);
    expect(ok(boundedDuration(MAX_DURATION.WINDOW), 'PT3S')).toBe(true);
    expect(ok(WorkshopSettingsBody, { outcomesDue: 'P999999Y' })).toBe(false);
    expect(ok(WorkshopSettingsBody, { reminders: { rsvp: ['P999999Y'] } })).toBe(false);
    expect(ok(CreateElectionBody, { termStart: '2027-07-01', nominationWindow: 'P999999Y' })).toBe(false);
    expect(ok(CreateElectionBody, { termStart: '9999-07-01' })).toBe(false);
    expect(ok(CreateElectionBody, { termStart: '2027-07-01', nominationWindow: 'P21D' })).toBe(true);
    expect(ok(CreateCampaignBody, { biennium: '2025-2027', followUpEvery: 'P999999Y' })).toBe(false);
    expect(ok(CreateCampaignBody, { biennium: '2997-2999' })).toBe(false);
    expect(ok(CreateCampaignBody, { biennium: '2025-2027', followUpEvery: 'P30D' })).toBe(true);
  });
});

describe('amounts and rates', () => {
  const pledge = (extra: Record<string, unknown>) => ({
    donorId: '11111111-1111-4111-8111-111111111111',
    kind: 'financial',
    fundingOption: 'mdfm',
    biennium: '2025-2027',
    amount: { currency: 'EUR', value: '1000.00' },
    ...extra,
  });

  it('refuses amounts above 10^15 minor units', () => {
    expect(parseAmount('10000000000000.00', 'EUR')).toEqual({ ok: true, value: MAX_MINOR });
    expect(parseAmount('10000000000000.01', 'EUR').ok).toBe(false);
    expect(parseAmount('90071992547409.91', 'EUR').ok).toBe(false);
    expect(ok(CreatePledgeBody, pledge({ amount: { currency: 'EUR', value: '90071992547409.91' } }))).toBe(false);
  });

  it('refuses generated instalments past 2100 and intervals over P5Y', () => {
    const inst = (count: number, interval: string) => pledge({ instalments: { count, interval, start: '2026-01-01' } });
    expect(ok(CreatePledgeBody, inst(4, 'P6M'))).toBe(true);
    expect(ok(CreatePledgeBody, inst(60, 'P5Y'))).toBe(false);
    expect(ok(CreatePledgeBody, inst(2, 'P999999Y'))).toBe(false);
    const r = CreatePledgeBody.safeParse(inst(60, 'P2Y'));
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['instalments.count']);
  });

  it('answers an instalment list whose sum overflows as a refusal, not a throw', () => {
    const list = Array.from({ length: 20 }, (_, i) => ({
      due: `2026-01-${String(i + 1).padStart(2, '0')}`,
      amountMinor: MAX_MINOR,
    }));
    expect(buildSchedule(MAX_MINOR, { list }).ok).toBe(false);
  });

  it('keeps rates in a sane range, so 10^15 minor units convert to a safe integer', () => {
    expect(rateProblem('1.08', 'EUR')).toBeNull();
    expect(rateProblem('3.25', 'KWD')).toBeNull();
    expect(rateProblem('40.5', 'CLF')).toBeNull();
    expect(rateProblem('0.0067', 'JPY')).toBeNull();
    expect(rateProblem('0.000024', 'IRR')).toBeNull();
    expect(rateProblem('9', 'EUR')).toMatch(/at most 8 USD per EUR/);
    expect(rateProblem('0.09', 'JPY')).toMatch(/at most 0.08 USD per JPY/);
    expect(rateProblem('0.0000000001', 'VND')).toMatch(/at least/);
    expect(ok(FxRateBody, { currency: 'EUR', date: '2026-01-01', rateToUsd: '999999' })).toBe(false);
    for (const c of CURRENCIES) {
      const max = Number(`8e${CURRENCY_EXPONENTS[c]! - 2}`).toFixed(12);
      expect(rateProblem(max, c), c).toBeNull();
      expect(Number.isSafeInteger(toUsd(MAX_MINOR, c, max)), c).toBe(true);
    }
  });
});

describe('ISO 4217', () => {
  it('knows every active currency, the African ones included', () => {
    for (const c of [
      'MZN',
      'MWK',
      'CDF',
      'BWP',
      'SLE',
      'SSP',
      'AOA',
      'SDG',
      'LSL',
      'NAD',
      'SZL',
      'SOS',
      'ERN',
      'CVE',
      'STN',
      'MRU',
      'MGA',
      'SCR',
      'MUR',
      'LRD',
      'GMD',
      'DZD',
      'ZWG',
      'BIF',
    ])
      expect(CURRENCIES, c).toContain(c);
    expect(CURRENCIES.length).toBeGreaterThanOrEqual(150);
    for (const c of ['ANG', 'HRK', 'SLL', 'ZWL', 'XAU', 'XXX', 'XTS', 'EURO', 'eur'])
      expect(CURRENCIES, c).not.toContain(c);
  });

  it('has the exponents of the ISO list, which ICU shares except for codes listed here', () => {
    // ISO 4217 says 2 (IQD 3) minor-unit digits; CLDR, which ICU follows, prints none in practice.
    const iso2cldr0 = [
      'AFN',
      'ALL',
      'COP',
      'HUF',
      'IDR',
      'IQD',
      'IRR',
      'KPW',
      'LAK',
      'LBP',
      'MGA',
      'MMK',
      'PKR',
      'SOS',
      'SYP',
      'YER',
    ];
    const icu = new Set(Intl.supportedValuesOf('currency'));
    const disagree: string[] = [];
    for (const c of CURRENCIES) {
      if (!icu.has(c)) continue; // fund codes (BOV, CHE, CLF, UYW...) and VED: ICU has no data
      const digits = new Intl.NumberFormat('en', { style: 'currency', currency: c }).resolvedOptions()
        .maximumFractionDigits;
      if (digits !== CURRENCY_EXPONENTS[c]) disagree.push(c);
    }
    expect(disagree).toEqual(iso2cldr0);
    const byExp = (e: number) => CURRENCIES.filter((c) => CURRENCY_EXPONENTS[c] === e);
    expect(byExp(0)).toEqual([
      'BIF',
      'CLP',
      'DJF',
      'GNF',
      'ISK',
      'JPY',
      'KMF',
      'KRW',
      'PYG',
      'RWF',
      'UGX',
      'UYI',
      'VND',
      'VUV',
      'XAF',
      'XOF',
      'XPF',
    ]);
    expect(byExp(3)).toEqual(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);
    expect(byExp(4)).toEqual(['CLF', 'UYW']);
    expect(CURRENCIES.every((c) => [0, 2, 3, 4].includes(CURRENCY_EXPONENTS[c]!))).toBe(true);
  });
});

describe('text', () => {
  it('needs a visible character and refuses control characters in names and titles', () => {
    for (const s of ['Hamburg', 'Medellín', '北京', ' Ouagadougou ', 'Ba\u0301'])
      expect(ok(Text(200), s), s).toBe(true);
    for (const s of [
      '\u200b',
      '\u200b\u200d',
      '\u3164',
      '\ufeff',
      '\u0301',
      'a\u0000b',
      'Title\r\nBcc: x@y',
      'a\u0007',
      'a\u0085',
      'a\ud800',
      '',
    ])
      expect(ok(Text(200), s), JSON.stringify(s)).toBe(false);
    expect(ok(Prose(200), 'line one\nline two\tend')).toBe(true);
    expect(ok(Prose(200), 'a\u0000')).toBe(false);
    expect(ok(Note(200), '')).toBe(true);
    expect(ok(Note(200), 'x\u001b[31m')).toBe(false);
  });

  it('sanitises full-text search input to what websearch_to_tsquery parses', () => {
    expect(searchText('-'.repeat(50))).toBe('');
    expect(searchText(`${'- '.repeat(60)}water`)).toBe('water');
    expect(searchText('"climate change" or -water')).toBe('"climate change" or -water');
    expect(searchText('--x (-(-y')).toBe('-x -y');
  });
});
