import { describe, expect, it } from 'vitest';
import {
  OutputProgressBody,
  latestEntry,
  outputEvents,
  outputStatus,
  workPlanOutputsWorkflowId,
  type ProgressEntry,
} from '../../domain/work-plan-output.js';

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

describe('outputEvents', () => {
  it('plans a reminder the lead before each due date and a late notice the day after it, by time', () => {
    const events = outputEvents(
      [
        { key: 'b', due: '2030-03-31' },
        { key: 'a', due: '2030-03-01' },
      ],
      'P14D',
    );
    expect(events.map((e) => [e.id, new Date(e.at).toISOString()])).toEqual([
      ['a:reminder:2030-03-01', '2030-02-15T00:00:00.000Z'],
      ['a:late:2030-03-01', '2030-03-02T00:00:00.000Z'],
      ['b:reminder:2030-03-31', '2030-03-17T00:00:00.000Z'],
      ['b:late:2030-03-31', '2030-04-01T00:00:00.000Z'],
    ]);
    // A month's lead steps back by the calendar; a moved due date is a new event (its own key).
    expect(outputEvents([{ key: 'a', due: '2030-03-31' }], 'P1M')[0]!.at).toBe(Date.parse('2030-02-28T00:00:00Z'));
    expect(outputEvents([{ key: 'a', due: '2030-04-02' }], 'P14D').map((e) => e.id)).toEqual([
      'a:reminder:2030-04-02',
      'a:late:2030-04-02',
    ]);
    expect(workPlanOutputsWorkflowId('ESD', '2025-2027')).toBe('work-plan-outputs:ESD:2025-2027');
  });
});
