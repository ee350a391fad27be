// The membership call's rules: word counts, the form's bounds, the window, the state machine, the
// per-country limit and the report.
import { describe, expect, it } from 'vitest';
import {
  APPLICATION_STATUSES,
  ApplicationBody,
  CreateCallBody,
  buildReport,
  callWindowProblem,
  canMove,
  countWords,
  endorsementRefusal,
  isFinalApplication,
  meanScore,
  membershipApplicationWorkflowId,
  membershipCallWorkflowId,
  natcomReminderTimes,
} from '../../domain/membership-call.js';
import { form } from '../support/membership-call.js';

const DAY = 86_400_000;
const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (r.error?.issues ?? []).map((i) => i.path.join('.'));

describe('membership call rules', () => {
  it('builds the workflow IDs from the business keys', () => {
    expect(membershipCallWorkflowId('c1')).toBe('membership-call:c1');
    expect(membershipApplicationWorkflowId('a1')).toBe('membership-application:a1');
  });

  it('counts words in any script, with inner apostrophes and hyphens', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('  Learning   cities, for all! ')).toBe(4);
    expect(countWords("l'apprentissage tout-au-long de la vie")).toBe(5);
    expect(countWords('学习 城市 — 2030')).toBe(3);
  });

  it('takes a motivation of 200 words and refuses 201, naming the field', () => {
    const w = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    expect(ApplicationBody.safeParse(form({ motivation: w(200) })).success).toBe(true);
    const r = ApplicationBody.safeParse(form({ motivation: w(201), implementation: w(250) }));
    expect(paths(r)).toEqual(['motivation', 'implementation']);
  });

  it('bounds every field of the form', () => {
    const r = ApplicationBody.safeParse(
      form({
        country: 'Kenya',
        contact: { name: '', email: 'nope' },
        cityData: {
          population: 0,
          areaKm2: 1.5,
          gdpPerCapitaCity: { currency: 'EUR', minor: 1 },
          gdpPerCapitaCountry: { currency: 'USD', minor: -1 },
          schoolingYears: { female: 6.25, male: 30 },
        },
        challenges: { inclusion: 0, literacy: 6, employment: 5, health: 4, environment: 3 },
        language: 'de',
        mayor: { name: 'M', confirmed: false },
      }),
    );
    expect(paths(r).sort()).toEqual(
      [
        'country',
        'contact.name',
        'contact.email',
        'cityData.population',
        'cityData.areaKm2',
        'cityData.gdpPerCapitaCity.currency',
        'cityData.gdpPerCapitaCountry.minor',
        'cityData.schoolingYears.female',
        'cityData.schoolingYears.male',
        'challenges.inclusion',
        'challenges.literacy',
        'challenges.digital',
        'language',
        'mayor.confirmed',
      ].sort(),
    );
  });

  it('defaults the call to 3 per country and a month for the National Commission, and bounds both', () => {
    const ok = CreateCallBody.parse({ title: 'Call 2027', closesAt: '2027-03-01T00:00:00Z' });
    expect(ok).toMatchObject({ perCountryLimit: 3, natcomWindow: 'P1M' });
    const bad = CreateCallBody.safeParse({
      title: 'Call',
      closesAt: '2027-03-01T00:00:00Z',
      perCountryLimit: 0,
      natcomWindow: 'P2Y',
    });
    expect(paths(bad).sort()).toEqual(['natcomWindow', 'perCountryLimit']);
    expect(
      paths(CreateCallBody.safeParse({ title: 'C', closesAt: '2027-03-01T00:00:00Z', natcomWindow: 'PT1H' })),
    ).toEqual(['natcomWindow']);
  });

  it('checks the window against now', () => {
    const now = Date.UTC(2026, 11, 1);
    expect(callWindowProblem({ opensAt: now, closesAt: now + 30 * DAY }, now)).toBeNull();
    expect(callWindowProblem({ opensAt: now, closesAt: now - 1 }, now)?.path).toBe('body.closesAt');
    expect(callWindowProblem({ opensAt: now + 5 * DAY, closesAt: now + 2 * DAY }, now)?.message).toBe(
      'must be after opensAt',
    );
    expect(callWindowProblem({ opensAt: now, closesAt: now + 400 * DAY }, now)?.path).toBe('body.closesAt');
  });

  it('moves only along the state machine, and final states go nowhere', () => {
    expect(canMove('submitted', 'natcom_review')).toBe(true);
    expect(canMove('natcom_review', 'jury_review')).toBe(true);
    expect(canMove('natcom_review', 'lapsed')).toBe(true);
    expect(canMove('jury_review', 'admitted')).toBe(true);
    expect(canMove('submitted', 'admitted')).toBe(false);
    expect(canMove('submitted', 'jury_review')).toBe(false);
    expect(canMove('natcom_review', 'admitted')).toBe(false);
    for (const s of APPLICATION_STATUSES.filter(isFinalApplication))
      for (const t of APPLICATION_STATUSES) expect(canMove(s, t)).toBe(false);
  });

  it('refuses the endorsement over the per-country limit', () => {
    expect(endorsementRefusal(2, 3, 'KE')).toBeNull();
    expect(endorsementRefusal(3, 3, 'KE')).toMatch(/KE has 3 endorsed applications .* the limit is 3/);
  });

  it('reminds the National Commission before its deadline, only after it was asked', () => {
    const start = Date.UTC(2027, 0, 1);
    const deadline = start + 30 * DAY;
    expect(natcomReminderTimes(deadline, ['P7D', 'P2D'], start)).toEqual([deadline - 7 * DAY, deadline - 2 * DAY]);
    expect(natcomReminderTimes(start + 3 * DAY, ['P7D', 'P2D'], start)).toEqual([start + DAY]);
  });

  it('means scores in hundredths', () => {
    expect(meanScore([])).toBeNull();
    expect(meanScore([4, 5, 5])).toBe('4.67');
  });

  it('reports by region and country, counting only confirmed applications, with the Africa share', () => {
    const r = buildReport([
      { region: 'africa', country: 'KE', status: 'admitted' },
      { region: 'africa', country: 'KE', status: 'not_admitted' },
      { region: 'africa', country: 'SN', status: 'lapsed' },
      { region: 'europe_north_america', country: 'DE', status: 'admitted' },
      { region: 'europe_north_america', country: 'DE', status: 'submitted' },
      { region: 'europe_north_america', country: 'DE', status: 'expired' },
    ]);
    expect(r.applications).toBe(4);
    expect(r.admitted).toBe(2);
    expect(r.byRegion).toEqual([
      { region: 'africa', applications: 3, endorsed: 2, admitted: 1 },
      { region: 'europe_north_america', applications: 1, endorsed: 1, admitted: 1 },
    ]);
    expect(r.byCountry.map((c) => [c.country, c.applications])).toEqual([
      ['DE', 1],
      ['KE', 2],
      ['SN', 1],
    ]);
    expect(r.africa).toEqual({ applications: 3, admitted: 1, applicationShare: '75.0', admittedShare: '50.0' });
    expect(buildReport([]).africa.applicationShare).toBeNull();
  });
});
