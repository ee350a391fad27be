import { describe, expect, it } from 'vitest';
import { AdvisoryWithin, advisoryDueBy, isAdvisoryWithin } from '../../domain/advisory-session-proposal.js';

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
});
