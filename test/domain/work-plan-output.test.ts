import { describe, expect, it } from 'vitest';
import { OutputProgressBody, latestEntry, outputStatus, type ProgressEntry } from '../../domain/work-plan-output.js';

const out = { target: { value: 10 }, due: '2030-06-30' };
const e = (
  value: number,
  date: string,
  source: 'meeting' | 'direct' = 'direct',
  reported?: ProgressEntry['reported'],
) => ({
  value,
  date,
  note: null,
  source,
  ...(reported ? { reported } : {}),
});

describe('work plan output tracking', () => {
  it('is done once the latest value reaches the target, late after the due date, at risk near it', () => {
    expect(outputStatus(out, [e(10, '2030-01-01')], '2031-01-01')).toBe('done');
    expect(outputStatus(out, [e(4, '2030-01-01')], '2030-07-01')).toBe('late');
    expect(outputStatus(out, [], '2030-06-30')).toBe('at_risk');
    expect(outputStatus(out, [], '2030-05-31')).toBe('at_risk');
    expect(outputStatus(out, [], '2030-05-30')).toBe('on_track');
    expect(outputStatus(out, [e(3, '2030-01-01', 'meeting', 'off_track')], '2030-02-01')).toBe('at_risk');
    // A later direct update that reaches the target wins over an earlier higher report.
    expect(outputStatus(out, [e(12, '2030-01-01', 'meeting'), e(5, '2030-02-01')], '2030-02-02')).toBe('on_track');
  });

  it('takes the latest entry by date, a direct update over a same-day meeting report', () => {
    expect(latestEntry([e(1, '2030-01-02', 'meeting'), e(2, '2030-01-02', 'direct')])?.value).toBe(2);
    expect(latestEntry([e(2, '2030-01-02', 'direct'), e(1, '2030-01-02', 'meeting')])?.value).toBe(2);
    expect(latestEntry([])).toBeNull();
  });

  it('bounds a direct update', () => {
    expect(OutputProgressBody.safeParse({ value: 3, date: '2030-02-30' }).success).toBe(false);
    expect(OutputProgressBody.safeParse({ value: -1 }).success).toBe(false);
    expect(OutputProgressBody.safeParse({ value: 1e13 }).success).toBe(false);
    expect(OutputProgressBody.safeParse({ value: 3, note: 'halfway' }).success).toBe(true);
  });
});
