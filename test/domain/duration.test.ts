import { describe, expect, it } from 'vitest';
import { addDuration, durationMs, isoDuration, isValidDuration, parseDuration } from '../../domain/duration.js';

const utc = (s: string): Date => new Date(s);

describe('parseDuration', () => {
  it('parses every designator', () => {
    expect(parseDuration('P1Y2M3W4DT5H6M7.5S')).toEqual({
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7.5,
    });
  });

  it('distinguishes months (date part) from minutes (time part)', () => {
    expect(parseDuration('P1M')).toMatchObject({ months: 1, minutes: 0 });
    expect(parseDuration('PT1M')).toMatchObject({ months: 0, minutes: 1 });
  });

  it('accepts a zero duration', () => {
    expect(parseDuration('P0D').days).toBe(0);
  });

  it.each(['', 'P', 'PT', 'P1DT', '14D', 'P14', 'P1.5D', 'PT1.5M', 'P1D2Y', 'p14d', ' P14D', 'P-1D', 'P1,5S', 'PT5S '])(
    'rejects %j with a message quoting the input',
    (bad) => {
      expect(() => parseDuration(bad)).toThrow(JSON.stringify(bad));
    },
  );

  it('rejects numbers beyond safe integers', () => {
    expect(() => parseDuration('P99999999999999999999D')).toThrow(/out of range/);
  });
});

describe('durationMs', () => {
  it('converts weeks, days and time parts (a day is 24h)', () => {
    expect(durationMs('P1W')).toBe(7 * 86_400_000);
    expect(durationMs('P14D')).toBe(14 * 86_400_000);
    expect(durationMs('P1DT1H1M1S')).toBe(86_400_000 + 3_600_000 + 60_000 + 1_000);
  });

  it('handles fractional seconds without float drift', () => {
    expect(durationMs('PT0.1S')).toBe(100);
    expect(durationMs('PT5.005S')).toBe(5_005);
  });

  it('refuses years and months with a clear error', () => {
    expect(() => durationMs('P2Y')).toThrow(/years or months/);
    expect(() => durationMs('P1M')).toThrow(/"P1M"/);
  });

  it('throws for invalid input', () => {
    expect(() => durationMs('PT')).toThrow(/"PT"/);
  });
});

describe('addDuration', () => {
  it('adds years on the calendar', () => {
    expect(addDuration(utc('2023-07-01T00:00:00Z'), 'P2Y').toISOString()).toBe('2025-07-01T00:00:00.000Z');
  });

  it('clamps Jan 31 + P1M to the end of February', () => {
    expect(addDuration(utc('2023-01-31T00:00:00Z'), 'P1M').toISOString()).toBe('2023-02-28T00:00:00.000Z');
    expect(addDuration(utc('2024-01-31T00:00:00Z'), 'P1M').toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it('clamps Feb 29 + P1Y to Feb 28', () => {
    expect(addDuration(utc('2024-02-29T00:00:00Z'), 'P1Y').toISOString()).toBe('2025-02-28T00:00:00.000Z');
  });

  it('rolls months over the year end', () => {
    expect(addDuration(utc('2023-11-15T00:00:00Z'), 'P3M').toISOString()).toBe('2024-02-15T00:00:00.000Z');
  });

  it('applies years and months before days and keeps the time of day', () => {
    expect(addDuration(utc('2023-01-31T10:30:00Z'), 'P1M1DT2H').toISOString()).toBe('2023-03-01T12:30:00.000Z');
  });

  it('adds exact time across month boundaries', () => {
    expect(addDuration(utc('2023-12-31T23:00:00Z'), 'PT2H').toISOString()).toBe('2024-01-01T01:00:00.000Z');
    expect(addDuration(utc('2024-02-20T00:00:00Z'), 'P2W').toISOString()).toBe('2024-03-05T00:00:00.000Z');
  });

  it('does not mutate its argument', () => {
    const d = utc('2023-07-01T00:00:00Z');
    addDuration(d, 'P1Y');
    expect(d.toISOString()).toBe('2023-07-01T00:00:00.000Z');
  });
});

describe('isoDuration schema', () => {
  it('accepts valid durations', () => {
    expect(isoDuration.parse('P14D')).toBe('P14D');
    expect(isoDuration.safeParse('PT5S').success).toBe(true);
  });

  it('rejects invalid durations with a helpful message', () => {
    const r = isoDuration.safeParse('14 days');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('must be an ISO 8601 duration such as P14D or PT5S');
  });

  it('rejects non-strings', () => {
    expect(isoDuration.safeParse(14).success).toBe(false);
    expect(isValidDuration(14)).toBe(false);
  });
});
