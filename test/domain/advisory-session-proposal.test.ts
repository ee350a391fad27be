import { describe, expect, it } from 'vitest';
import {
  AdvisoryWithin,
  advisoryDueBy,
  advisoryToFollow,
  isAdvisoryWithin,
} from '../../domain/advisory-session-proposal.js';

describe('advisory session proposal rules', () => {
  it('takes advisoryWithin from P1W to P1Y, both included', () => {
    for (const ok of ['P1W', 'P7D', 'P3M', 'P1Y', 'P12M']) expect(isAdvisoryWithin(ok), ok).toBe(true);
    for (const bad of ['P6D', 'PT1H', 'P1Y1D', 'P13M', '3 months', '', 'P'])
      expect(isAdvisoryWithin(bad), bad).toBe(false);
    expect(AdvisoryWithin.safeParse('P2Y').error?.issues[0]?.message).toBe('must be from P1W to P1Y');
  });

  it("is due `within` after the term's first day, 00:00 UTC, by calendar months", () => {
    expect(advisoryDueBy('2027-07-01', 'P3M')).toBe('2027-10-01T00:00:00.000Z');
    // A month shorter than the day: its last day (2028 is a leap year).
    expect(advisoryDueBy('2027-11-30', 'P3M')).toBe('2028-02-29T00:00:00.000Z');
    expect(advisoryDueBy('2027-07-01', 'P1W')).toBe('2027-07-08T00:00:00.000Z');
  });

  it('follows a term the cycle did not see decided only while its proposal is still to make or to check', () => {
    const term = { termStart: '2027-07-01', termEnd: '2029-07-01' };
    const due = '2027-10-01T00:00:00.000Z';
    const at = (iso: string) => Date.parse(iso);
    const none = { coordinated: true, proposal: null };
    expect(advisoryToFollow(term, 'P3M', at('2027-07-11T00:00:00Z'), none)).toEqual({
      ...term,
      dueBy: due,
      proposed: false,
    });
    // Before the term starts, too (the cycle sleeps to its first day).
    expect(advisoryToFollow(term, 'P3M', at('2027-06-01T00:00:00Z'), none)?.proposed).toBe(false);
    expect(advisoryToFollow(term, 'P3M', at(due), none)).toBeUndefined();
    expect(
      advisoryToFollow(term, 'P3M', at('2027-07-11T00:00:00Z'), { coordinated: false, proposal: null }),
    ).toBeUndefined();
    const recorded = (status: 'proposed' | 'scheduled' | 'dismissed', reminded = false) => ({
      coordinated: true,
      proposal: { status, dueBy: '2027-08-01T00:00:00.000Z', reminded },
    });
    // A recorded proposal keeps its own due date and is only checked.
    expect(advisoryToFollow(term, 'P3M', at('2027-07-11T00:00:00Z'), recorded('proposed'))).toEqual({
      ...term,
      dueBy: '2027-08-01T00:00:00.000Z',
      proposed: true,
    });
    for (const done of [recorded('scheduled'), recorded('dismissed'), recorded('proposed', true)])
      expect(advisoryToFollow(term, 'P3M', at('2027-07-11T00:00:00Z'), done)).toBeUndefined();
  });
});
