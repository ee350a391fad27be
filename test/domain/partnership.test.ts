// The partnership's pure rules: the report cycle's bounds and dates, which report a city may file,
// who is African, the bodies' bounds and the Africa support view.
import { describe, expect, it } from 'vitest';
import {
  ActivityBody,
  CreatePartnershipBody,
  ReportEvery,
  africaSupport,
  firstReportAfter,
  isAfrican,
  joinedAfter,
  nextReportSeq,
  partnershipWorkflowId,
  reportDueMs,
  reportInSpan,
  scaleDuration,
  type SupportRow,
} from '../../domain/partnership.js';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('partnership rules', () => {
  it('names its workflow by the partnership', () => {
    expect(partnershipWorkflowId('abc')).toBe('partnership:abc');
  });

  it('takes report cycles from P3M to P1Y only', () => {
    for (const ok of ['P3M', 'P6M', 'P1Y', 'P20W', 'P100D']) expect(ReportEvery.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['P2M', 'P89D', 'P13M', 'P2Y', 'PT5S', 'soon', ''])
      expect(ReportEvery.safeParse(bad).success, bad).toBe(false);
  });

  it('computes due dates from the start without month-end drift', () => {
    expect(scaleDuration('P3M', 2)).toBe('P6M');
    expect(scaleDuration('P1Y', 3)).toBe('P3Y');
    expect(scaleDuration('P2WT1H', 2)).toBe('P4WT2H');
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    expect(iso(reportDueMs('2027-01-31', 'P1M', 1))).toBe('2027-02-28');
    // Not 2027-02-28 + P1M = 03-28: the end of March.
    expect(iso(reportDueMs('2027-01-31', 'P1M', 2))).toBe('2027-03-31');
    expect(iso(reportDueMs('2027-01-15', 'P6M', 2))).toBe('2028-01-15');
  });

  it('asks for reports due after the partnership is recorded, within its span', () => {
    const now = Date.parse('2027-08-01T00:00:00Z');
    expect(firstReportAfter('2027-01-01', 'P3M', now)).toBe(3); // Apr 1 and Jul 1 are past: Oct 1
    expect(firstReportAfter('2027-07-31', 'P3M', now)).toBe(1);
    expect(reportInSpan('2027-01-01', '2027-12-31', 'P6M', 2)).toBe(true); // 2028-01-01 is the day after the end
    expect(reportInSpan('2027-01-01', '2027-12-30', 'P6M', 2)).toBe(false);
    expect(reportInSpan('2100-01-01', null, 'P1Y', 1)).toBe(false); // 2101 is out of bounds
  });

  it('lets a city file one report per period, none ahead of its period', () => {
    const p = { startsOn: '2027-01-01', reportEvery: 'P3M', firstReport: 1 };
    const at = (d: string) => Date.parse(`${d}T12:00:00Z`);
    expect(nextReportSeq(p, null, at('2027-01-02'))).toBe(1);
    expect(nextReportSeq(p, 1, at('2027-02-01'))).toBeNull(); // period 2 begins on Apr 1
    expect(nextReportSeq(p, 1, at('2027-04-01'))).toBe(2);
    // Late: report 1 still missing in June is the one filed.
    expect(nextReportSeq(p, null, at('2027-06-01'))).toBe(1);
    // Periods over before the partnership was recorded are skipped.
    expect(nextReportSeq({ ...p, firstReport: 3 }, null, at('2027-08-01'))).toBe(3);
  });

  it('counts the UNESCO Africa region and the Arab States also listed in Africa as African', () => {
    expect(isAfrican({ code: 'KE', region: 'africa' })).toBe(true);
    expect(isAfrican({ code: 'SD', region: 'arab_states' })).toBe(true);
    expect(isAfrican({ code: 'JO', region: 'arab_states' })).toBe(false);
    expect(isAfrican({ code: 'DE', region: 'europe_north_america' })).toBe(false);
  });

  it('bounds the bodies and names the fields', () => {
    const base = {
      title: 'Mentoring',
      kind: 'mentoring',
      supportingCityId: uuid(1),
      africanCityId: uuid(2),
      goals: ['a strategy'],
      startsOn: '2027-01-01',
    };
    expect(CreatePartnershipBody.parse(base).reportEvery).toBe('P6M');
    const issues = (b: unknown) =>
      (CreatePartnershipBody.safeParse(b).error?.issues ?? []).map((i) => i.path.join('.')).sort();
    expect(issues({ ...base, newAfricanCity: { name: 'Kisumu', country: 'KE' } })).toEqual(['africanCityId']);
    expect(issues({ ...base, africanCityId: undefined })).toEqual(['africanCityId']);
    expect(issues({ ...base, endsOn: '2026-12-31', goals: ['a', 'a'], kind: 'x', startsOn: '1999-01-01' })).toEqual([
      'goals',
      'kind',
      'startsOn',
    ]);
    expect(issues({ ...base, endsOn: '2026-12-31' })).toEqual(['endsOn']);
    expect(issues({ ...base, goals: Array.from({ length: 11 }, (_, i) => `goal ${i}`) })).toEqual(['goals']);
    const act = (b: Record<string, unknown>) =>
      (ActivityBody.safeParse({ title: 'Visit', startsAt: '2027-03-01T09:00:00Z', ...b }).error?.issues ?? []).map(
        (i) => i.path.join('.'),
      );
    expect(act({})).toEqual([]);
    expect(act({ endsAt: '2027-03-01T08:00:00Z' })).toEqual(['endsAt']);
    expect(act({ endsAt: '2027-04-15T08:00:00Z' })).toEqual(['endsAt']);
    expect(act({ timezone: 'Mars/Olympus' })).toEqual(['timezone']);
    expect(act({ startsAt: '2200-01-01T00:00:00Z' })).toEqual(['startsAt']);
  });

  it('counts partnerships by region and country and finds the cities that joined after support', () => {
    const row = (n: number, r: Partial<SupportRow>): SupportRow => ({
      partnershipId: uuid(100 + n),
      status: 'active',
      startsOn: '2024-01-01',
      cityId: uuid(n),
      cityName: `City ${n}`,
      cityStatus: 'candidate',
      yearJoined: null,
      country: 'KE',
      countryName: 'Kenya',
      region: 'africa',
      ...r,
    });
    const v = africaSupport([
      row(1, {}),
      row(2, { status: 'completed', cityStatus: 'member', yearJoined: 2025 }),
      // The same city's later partnership: its support began with the first one.
      row(2, { partnershipId: uuid(200), startsOn: '2026-01-01' }),
      row(3, { country: 'SD', countryName: 'Sudan', region: 'arab_states', cityStatus: 'member', yearJoined: 2019 }),
    ]);
    expect(v.totals).toEqual({ active: 3, completed: 1, cities: 3 });
    expect(v.byRegion).toEqual([
      { region: 'africa', active: 2, completed: 1 },
      { region: 'arab_states', active: 1, completed: 0 },
    ]);
    expect(v.byCountry.map((c) => [c.country, c.active, c.completed])).toEqual([
      ['KE', 2, 1],
      ['SD', 1, 0],
    ]);
    // City 3 was a member before its support began: not counted.
    expect(v.joinedAfterSupport).toEqual([
      { cityId: uuid(2), name: 'City 2', country: 'KE', supportSince: '2024-01-01', yearJoined: 2025 },
    ]);
    expect(joinedAfter(2024, 'member', '2024-06-01')).toBe(true);
    expect(joinedAfter(2024, 'candidate', '2024-06-01')).toBe(false);
    expect(joinedAfter(null, 'member', '2024-06-01')).toBe(false);
  });
});
