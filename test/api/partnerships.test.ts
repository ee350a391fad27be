// Partnerships for African cities through the HTTP API, with their workflows on the dev server:
// every route, its refusals per role and per object, the common schedule and the Africa support view.
import { describe, expect, it } from 'vitest';
import { sqlOn } from '../support/app.js';
import { financialPledge, useFundingApp } from '../support/funding.js';
import { parseWithPythonICalendar } from '../support/icalendar.js';
import { unique } from '../support/http.js';

const t = useFundingApp();
const { http, fx } = t;
const sql = sqlOn(() => t.app.orm);

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

async function setup(extra: Record<string, unknown> = {}) {
  const supporting = await fx.city({ country: 'DE' });
  const other = await fx.city({ country: 'FR' });
  const donor = await fx.donor();
  const r = await http.post('/partnerships', {
    title: unique('Mentoring'),
    kind: 'mentoring',
    supportingCityId: supporting.id,
    newAfricanCity: { name: unique('Kisumu'), country: 'KE' },
    donorId: donor.id,
    goals: ['a lifelong learning strategy', 'an application to the GNLC'],
    startsOn: today(),
    reportEvery: 'P3M',
    ...extra,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  const african = r.body.africanCity.id as string;
  const [supportingToken, africanToken, otherToken] = await Promise.all([
    fx.token('city', { cityId: supporting.id }),
    fx.token('city', { cityId: african }),
    fx.token('city', { cityId: other.id }),
  ]);
  return {
    p: r.body,
    id: r.body.id as string,
    supporting,
    african,
    other,
    donor,
    supportingToken,
    africanToken,
    otherToken,
  };
}

describe('partnerships', () => {
  it('refuses bad bodies naming the fields, cities that do not fit and anyone but the secretariat', async () => {
    const bad = await http.post('/partnerships', {
      title: '',
      kind: 'friendship',
      supportingCityId: 'x',
      goals: [],
      startsOn: '2200-01-01',
      reportEvery: 'P1M',
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.title',
        'body.kind',
        'body.supportingCityId',
        'body.goals',
        'body.startsOn',
        'body.reportEvery',
      ]),
    );
    const member = await fx.city({ country: 'DE' });
    const candidate = await fx.city({ country: 'DE', status: 'candidate' });
    const kenyan = await fx.city({ country: 'KE', status: 'candidate' });
    const base = { title: 'T', kind: 'twinning', goals: ['g'], startsOn: today() };
    const german = await http.post('/partnerships', {
      ...base,
      supportingCityId: member.id,
      africanCityId: candidate.id,
    });
    expect(german.status).toBe(422);
    expect(german.body.errors).toEqual([{ path: 'body.africanCityId', message: 'must be a city in Africa' }]);
    const notMember = await http.post('/partnerships', {
      ...base,
      supportingCityId: candidate.id,
      africanCityId: kenyan.id,
      donorId: '00000000-0000-4000-8000-000000000000',
    });
    expect(notMember.status).toBe(422);
    expect(notMember.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'body.supportingCityId',
      'body.donorId',
    ]);
    const newInEurope = await http.post('/partnerships', {
      ...base,
      supportingCityId: member.id,
      newAfricanCity: { name: 'Lyon', country: 'FR' },
    });
    expect(newInEurope.body.errors).toEqual([
      { path: 'body.newAfricanCity.country', message: 'must be a city in Africa' },
    ]);
    const twice = await http.post('/partnerships', {
      ...base,
      supportingCityId: member.id,
      newAfricanCity: { name: (await http.get(`/cities/${kenyan.id}`)).body.name, country: 'KE' },
    });
    expect(twice.status).toBe(409);
    const cityToken = await fx.token('city', { cityId: member.id });
    const viewer = await fx.token('viewer');
    const ok = { ...base, supportingCityId: member.id, africanCityId: kenyan.id };
    expect((await http.post('/partnerships', ok, { token: cityToken })).status).toBe(403);
    expect((await http.post('/partnerships', ok, { token: viewer })).status).toBe(403);
    // Nothing was recorded by the refusals.
    expect(await sql(`select 1 from partnership where african_city_id = ?`, [kenyan.id])).toEqual([]);
  });

  it('records a new African city as a candidate; each side reads its own, others find nothing', async () => {
    const { p, id, african, supporting, supportingToken, africanToken, otherToken, other } = await setup();
    expect(p).toMatchObject({
      status: 'active',
      kind: 'mentoring',
      reportEvery: 'P3M',
      outcome: null,
      africanCity: { status: 'candidate', country: 'KE', region: 'africa', ldc: false },
      supportingCity: { id: supporting.id },
      nextReport: { seq: 1, open: true },
      reports: [],
      activities: [],
      contributions: [],
    });
    expect((await http.get(`/cities/${african}`)).body.status).toBe('candidate');
    expect((await http.get(`/partnerships/${id}`, { token: supportingToken })).body.mine).toBe('supporting');
    expect((await http.get(`/partnerships/${id}`, { token: africanToken })).body.mine).toBe('supported');
    expect((await http.get(`/partnerships/${id}`, { token: otherToken })).status).toBe(404);
    const donorToken = await fx.token('donor', { donorId: p.donor.id });
    expect((await http.get(`/partnerships/${id}`, { token: donorToken })).status).toBe(403);
    expect((await http.get('/partnerships', { token: donorToken })).status).toBe(403);
    const mine = await http.get('/partnerships', { token: africanToken });
    expect(mine.body.items.map((x: { id: string }) => x.id)).toEqual([id]);
    expect((await http.get('/partnerships', { token: otherToken })).body.items).toEqual([]);
    expect((await http.get(`/partnerships?city=${african}`, { token: otherToken })).status).toBe(403);
    expect((await http.get(`/partnerships?city=${other.id}`)).body.items).toEqual([]);
    expect((await http.get(`/partnerships?city=${african}&status=active`)).body.items).toHaveLength(1);
    expect((await http.get('/partnerships?limit=0')).status).toBe(400);
    expect((await http.get('/partnerships/not-a-uuid')).status).toBe(400);
    expect((await http.get('/partnerships/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('lets the secretariat edit it and no city', async () => {
    const { id, supportingToken } = await setup();
    const r = await http.patch(`/partnerships/${id}`, { goals: ['a festival of learning'], kind: 'training' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ goals: ['a festival of learning'], kind: 'training' });
    expect((await http.patch(`/partnerships/${id}`, {})).status).toBe(400);
    expect((await http.patch(`/partnerships/${id}`, { donorId: '00000000-0000-4000-8000-000000000000' })).status).toBe(
      422,
    );
    expect((await http.patch(`/partnerships/${id}`, { title: 'Mine' }, { token: supportingToken })).status).toBe(403);
  });

  it('takes progress reports from the supporting city only, one per period', async () => {
    const { id, supportingToken, africanToken, otherToken } = await setup();
    const body = { summary: 'A learning festival was held.', nextSteps: 'Draft the strategy.' };
    expect((await http.post(`/partnerships/${id}/reports`, { summary: '' }, { token: supportingToken })).status).toBe(
      400,
    );
    expect((await http.post(`/partnerships/${id}/reports`, body, { token: africanToken })).status).toBe(403);
    expect((await http.post(`/partnerships/${id}/reports`, body, { token: otherToken })).status).toBe(404);
    expect((await http.post(`/partnerships/${id}/reports`, body)).status).toBe(403);
    const r = await http.post(`/partnerships/${id}/reports`, body, { token: supportingToken });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ seq: 1, late: false, summary: body.summary });
    const ahead = await http.post(`/partnerships/${id}/reports`, body, { token: supportingToken });
    expect(ahead.status).toBe(409);
    const read = await http.get(`/partnerships/${id}`, { token: africanToken });
    expect(read.body.reports.map((x: { seq: number }) => x.seq)).toEqual([1]);
    expect(read.body.nextReport).toMatchObject({ seq: 2, open: false, opensAt: read.body.reports[0].dueAt });
  });

  it('puts activities in the common schedule of both cities and the feed, in their time zone', async () => {
    const { id, p, supporting, african, supportingToken, africanToken, otherToken } = await setup();
    const activity = {
      title: 'Exchange visit',
      startsAt: inDays(20),
      endsAt: inDays(22),
      timezone: 'Africa/Nairobi',
      location: 'Kisumu',
    };
    expect(
      (
        await http.post(
          `/partnerships/${id}/activities`,
          { ...activity, timezone: 'Mars/Base' },
          { token: supportingToken },
        )
      ).status,
    ).toBe(400);
    expect((await http.post(`/partnerships/${id}/activities`, activity, { token: africanToken })).status).toBe(403);
    expect((await http.post(`/partnerships/${id}/activities`, activity, { token: otherToken })).status).toBe(404);
    const a = await http.post(`/partnerships/${id}/activities`, activity, { token: supportingToken });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect((await http.post(`/partnerships/${id}/activities`, { ...activity, title: 'Training' })).status).toBe(201);
    const uid = `partnership-activity-${a.body.id}@gnlc`;
    const kinds = 'partnership.activity,partnership.report_due';
    for (const token of [supportingToken, africanToken]) {
      const cal = await http.get(`/calendar?kinds=${kinds}`, { token });
      expect(cal.status).toBe(200);
      const mine = cal.body.items.filter((e: { url: string }) => e.url === `/partnerships/${id}`);
      expect(mine.find((e: { uid: string }) => e.uid === uid)).toMatchObject({
        kind: 'partnership.activity',
        title: `${p.title}: Exchange visit`,
        timezone: 'Africa/Nairobi',
        location: 'Kisumu',
      });
      expect(mine.some((e: { kind: string }) => e.kind === 'partnership.report_due')).toBe(true);
    }
    const others = await http.get(`/calendar?kinds=${kinds}`, { token: otherToken });
    expect(others.body.items.filter((e: { url: string }) => e.url === `/partnerships/${id}`)).toEqual([]);
    const staff = await http.get(`/calendar?kinds=partnership.activity&city=${supporting.id}`);
    expect(staff.body.items.map((e: { uid: string }) => e.uid)).toContain(uid);
    const byCluster = await http.get(`/calendar?kinds=partnership.activity&cluster=ESD`);
    expect(byCluster.body.items.filter((e: { url: string }) => e.url === `/partnerships/${id}`)).toEqual([]);
    const feed = await fetch(`${t.app.url}/calendar.ics?city=${african}&access_token=${africanToken}`);
    expect(feed.status).toBe(200);
    const parsed = parseWithPythonICalendar(await feed.text()).find((e) => e.uid === uid);
    expect(parsed).toMatchObject({
      tzid: 'Africa/Nairobi',
      start: new Date(activity.startsAt).toISOString().replace(/\.\d{3}Z$/, '.000Z'),
    });
  });

  it('links capacity-building pledges only', async () => {
    const { id, donor, supportingToken } = await setup();
    const pledge = async (fundingOption: string) => {
      const r = await http.post('/pledges', financialPledge(donor.id, { fundingOption }));
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
      return r.body.id as string;
    };
    const mdfm = await pledge('mdfm');
    const ldc = await pledge('capacity_building_ldc');
    const wrong = await http.post(`/partnerships/${id}/contributions`, { pledgeId: mdfm });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]).toEqual({
      path: 'body.pledgeId',
      message: 'must be earmarked to capacity_building_ldc',
    });
    expect(
      (await http.post(`/partnerships/${id}/contributions`, { pledgeId: '00000000-0000-4000-8000-000000000000' }))
        .status,
    ).toBe(422);
    expect(
      (await http.post(`/partnerships/${id}/contributions`, { pledgeId: ldc }, { token: supportingToken })).status,
    ).toBe(403);
    const linked = await http.post(`/partnerships/${id}/contributions`, { pledgeId: ldc });
    expect(linked.status).toBe(201);
    expect(linked.body.contributions).toEqual([
      expect.objectContaining({
        pledgeId: ldc,
        donorId: donor.id,
        fundingOption: 'capacity_building_ldc',
        currency: 'EUR',
        amountMinor: 30_000_000,
      }),
    ]);
    expect((await http.post(`/partnerships/${id}/contributions`, { pledgeId: ldc })).status).toBe(200);
    // Another donor's pledge does not fit a partnership with a donor.
    const stranger = await fx.donor();
    const theirs = await http.post(
      '/pledges',
      financialPledge(stranger.id, { fundingOption: 'capacity_building_ldc' }),
    );
    expect((await http.post(`/partnerships/${id}/contributions`, { pledgeId: theirs.body.id })).status).toBe(422);
  });

  it('completes on the outcome and counts the city that joined after support', async () => {
    const { id, african, supportingToken, africanToken } = await setup();
    const viewer = await fx.token('viewer');
    const before = await http.get('/partnerships/africa-support', { token: viewer });
    expect(before.status).toBe(200);
    expect(before.body.byCountry.find((c: { country: string }) => c.country === 'KE')).toMatchObject({ name: 'Kenya' });
    expect(before.body.byRegion.map((r: { region: string }) => r.region)).toContain('africa');
    expect(before.body.joinedAfterSupport.map((c: { cityId: string }) => c.cityId)).not.toContain(african);
    expect((await http.get('/partnerships/africa-support', { token: africanToken })).status).toBe(403);

    expect((await http.post(`/partnerships/${id}/outcome`, { outcome: 'joined' })).status).toBe(400);
    expect(
      (await http.post(`/partnerships/${id}/outcome`, { outcome: 'admitted' }, { token: supportingToken })).status,
    ).toBe(403);
    const done = await http.post(`/partnerships/${id}/outcome`, { outcome: 'admitted', note: 'Admitted this year.' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', outcome: 'admitted', nextReport: null });
    expect((await http.post(`/partnerships/${id}/outcome`, { outcome: 'admitted' })).status).toBe(409);
    expect(
      (await http.post(`/partnerships/${id}/reports`, { summary: 'late' }, { token: supportingToken })).status,
    ).toBe(409);
    expect(
      (
        await http.post(
          `/partnerships/${id}/activities`,
          { title: 'x', startsAt: inDays(3) },
          { token: supportingToken },
        )
      ).status,
    ).toBe(409);
    expect((await http.patch(`/partnerships/${id}`, { title: 'x' })).status).toBe(409);

    // The city is admitted: a member that joined this year, after its support began.
    expect(
      (await http.patch(`/cities/${african}`, { status: 'member', yearJoined: new Date().getUTCFullYear() })).status,
    ).toBe(200);
    const after = await http.get('/partnerships/africa-support');
    expect(after.body.joinedAfterSupport).toContainEqual(
      expect.objectContaining({ cityId: african, country: 'KE', yearJoined: new Date().getUTCFullYear() }),
    );
    const ke = after.body.byCountry.find((c: { country: string }) => c.country === 'KE');
    expect(ke.completed).toBeGreaterThanOrEqual(1);
    expect((await http.get(`/partnerships?status=completed&city=${african}`)).body.items).toHaveLength(1);
  });
});
