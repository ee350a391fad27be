// Membership calls through the HTTP API, with their workflows on the dev server: the public form
// (bounds, honeypot, rate limit, Member States only), the e-mailed confirmation, the National
// Commission's single-purpose link and the per-country limit, the jury, the admission and the report.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sqlOn, useTestApp } from '../support/app.js';
import { eventually } from '../support/workflow-env.js';
import { form, membershipSteps } from '../support/membership-call.js';

const t = useTestApp();
const { http, fx } = t;
const sql = sqlOn(() => t.app.orm);
const { linkToken, applicationOf } = membershipSteps(http, sql);
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const paths = (r: { body: { errors?: { path: string }[] } }) =>
  [...new Set((r.body.errors ?? []).map((e) => e.path))].sort();

async function openCall(extra: Record<string, unknown> = {}) {
  const r = await http.post('/membership-calls', {
    title: `Call ${randomUUID().slice(0, 6)}`,
    closesAt: inDays(20),
    ...extra,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  return r.body as { id: string; title: string };
}

/** Applies publicly (no token), confirms the address from the e-mailed link; answers the application's id. */
async function applyAndConfirm(callId: string, cityName: string, country = 'KE') {
  const r = await http.post(`/membership-calls/${callId}/applications`, form({ cityName, country }), { token: null });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  const { id } = await applicationOf(callId, cityName);
  const token = await linkToken(`membership-application:${id}:confirm-email`, '/app/apply/confirm/');
  const c = await http.post('/membership-applications/confirm', { token }, { token: null });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  expect(c.body).toEqual({ status: 'natcom_review', cityName });
  return id;
}

describe('membership calls', () => {
  it('opens a call for the secretariat only, refusing bad bodies by field', async () => {
    const bad = await http.post('/membership-calls', {
      title: '',
      closesAt: 'soon',
      perCountryLimit: 0,
      natcomWindow: 'P3Y',
    });
    expect(bad.status).toBe(400);
    expect(paths(bad)).toEqual(['body.closesAt', 'body.natcomWindow', 'body.perCountryLimit', 'body.title']);
    const past = await http.post('/membership-calls', { title: 'T', closesAt: inDays(-1) });
    expect(past.body.errors).toEqual([{ path: 'body.closesAt', message: 'must be in the future' }]);
    expect((await http.post('/membership-calls', { title: 'T', closesAt: inDays(400) })).status).toBe(400);
    const viewer = await fx.token('viewer');
    expect((await http.post('/membership-calls', { title: 'T', closesAt: inDays(3) }, { token: viewer })).status).toBe(
      403,
    );
    expect((await http.get('/membership-calls', { token: null })).status).toBe(401);
    const call = await openCall();
    expect(call).toMatchObject({ status: 'open', perCountryLimit: 3, natcomWindow: 'P1M', applications: {} });
    expect((await http.get(`/membership-calls/${call.id}`, { token: viewer })).body.id).toBe(call.id);
    expect((await http.get('/membership-calls')).body.items.map((c: { id: string }) => c.id)).toContain(call.id);
    expect((await http.get(`/membership-calls/${randomUUID()}`)).status).toBe(404);
  });

  it('takes a public application with no account, refusing bad input by field, non-Member States and bots', async () => {
    const call = await openCall();
    const page = await http.get(`/membership-calls/${call.id}/form`, { token: null });
    expect(page.status).toBe(200);
    expect(page.body.open).toBe(true);
    const codes = page.body.countries.map((c: { code: string }) => c.code);
    expect(codes).toHaveLength(194);
    expect(codes).toContain('KE');
    expect(codes).not.toContain('HK');

    const bad = await http.post(
      `/membership-calls/${call.id}/applications`,
      form({ motivation: 'word '.repeat(201), mayor: { name: 'M', confirmed: false }, cityData: { population: -1 } }),
      { token: null },
    );
    expect(bad.status).toBe(400);
    expect(paths(bad)).toEqual(
      expect.arrayContaining(['body.motivation', 'body.mayor.confirmed', 'body.cityData.population']),
    );
    const territory = await http.post(`/membership-calls/${call.id}/applications`, form({ country: 'HK' }), {
      token: null,
    });
    expect(territory.status).toBe(422);
    expect(territory.body.errors).toEqual([{ path: 'body.country', message: 'must be a UNESCO Member State' }]);

    const bot = await http.post(
      `/membership-calls/${call.id}/applications`,
      form({ cityName: 'Botville', website: 'http://spam.example' }),
      { token: null },
    );
    expect(bot.status).toBe(202);
    expect(bot.body).toEqual({ received: true });
    expect(await sql(`select 1 from membership_application where city_name = 'Botville'`)).toEqual([]);

    const cityName = `Kisumu ${randomUUID().slice(0, 6)}`;
    const ok = await http.post(`/membership-calls/${call.id}/applications`, form({ cityName }), { token: null });
    expect(ok.status).toBe(202);
    const { id, status } = await applicationOf(call.id, cityName);
    expect(status).toBe('submitted');
    // Unconfirmed, it does not count; the public route made no member city.
    expect((await http.get(`/membership-calls/${call.id}/report`)).body).toMatchObject({
      applications: 0,
      final: false,
    });
    expect(await sql(`select 1 from city where name = ?`, [cityName])).toEqual([]);
    expect(
      (await http.post('/membership-applications/confirm', { token: 'x'.repeat(43) }, { token: null })).status,
    ).toBe(400);
    const token = await linkToken(`membership-application:${id}:confirm-email`, '/app/apply/confirm/');
    expect((await http.post('/membership-applications/confirm', { token }, { token: null })).body.status).toBe(
      'natcom_review',
    );
    expect((await http.get(`/membership-calls/${call.id}/report`)).body.applications).toBe(1);
    expect((await http.post(`/membership-calls/${randomUUID()}/applications`, form(), { token: null })).status).toBe(
      404,
    );
  });

  it('limits submissions per client address and call, counted in PostgreSQL', async () => {
    const call = await openCall();
    for (let i = 0; i < 10; i++) {
      const r = await http.post(`/membership-calls/${call.id}/applications`, form({ website: 'x' }), { token: null });
      expect(r.status).toBe(202);
    }
    const limited = await http.post(`/membership-calls/${call.id}/applications`, form(), { token: null });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('900');
    expect(await sql(`select 1 from membership_application where call_id = ?`, [call.id])).toEqual([]);
  });

  it('sends each National Commission a link for its one application, and holds the per-country limit at endorsement', async () => {
    const natcom = `natcom-${randomUUID().slice(0, 6)}@unesco-ke.example.org`;
    expect((await http.put('/countries/KE/natcom-contact', { email: natcom })).body).toEqual({
      code: 'KE',
      natcomEmail: natcom,
    });
    expect((await http.put('/countries/KE/natcom-contact', { email: 'nope' })).status).toBe(400);
    expect((await http.put('/countries/ZZ/natcom-contact', { email: natcom })).status).toBe(404);
    const viewer = await fx.token('viewer');
    expect((await http.put('/countries/KE/natcom-contact', { email: natcom }, { token: viewer })).status).toBe(403);

    const call = await openCall({ perCountryLimit: 1 });
    const a = await applyAndConfirm(call.id, `Nakuru ${randomUUID().slice(0, 6)}`);
    const b = await applyAndConfirm(call.id, `Eldoret ${randomUUID().slice(0, 6)}`);
    const ta = await linkToken(`membership-application:${a}:natcom0`, '/app/natcom/');
    const tb = await linkToken(`membership-application:${b}:natcom0`, '/app/natcom/');
    const [sent] = await sql<{ email: string; recipient_kind: string }>(
      `select email, recipient_kind from notification where key = ?`,
      [`membership-application:${a}:natcom0`],
    );
    expect(sent).toEqual({ email: natcom, recipient_kind: 'person' });

    const review = await http.post('/membership-applications/natcom-review', { token: ta }, { token: null });
    expect(review.status).toBe(200);
    expect(review.body).toMatchObject({ applicationId: a, status: 'natcom_review', country: 'KE', actionable: true });
    expect(review.body.workflowId).toBeUndefined();

    // A's link cannot act on B.
    const cross = await http.post(
      `/membership-applications/${b}/natcom-decision`,
      { token: ta, decision: 'endorse' },
      { token: null },
    );
    expect(cross.status).toBe(403);
    expect((await sql<{ status: string }>(`select status from membership_application where id = ?`, [b]))[0]).toEqual({
      status: 'natcom_review',
    });
    const unknown = await http.post(
      `/membership-applications/${a}/natcom-decision`,
      { token: 'y'.repeat(43), decision: 'endorse' },
      { token: null },
    );
    expect(unknown.status).toBe(401);
    expect(
      (
        await http.post(
          `/membership-applications/${a}/natcom-decision`,
          { token: ta, decision: 'maybe' },
          { token: null },
        )
      ).status,
    ).toBe(400);

    const endorsed = await http.post(
      `/membership-applications/${a}/natcom-decision`,
      { token: ta, decision: 'endorse' },
      { token: null },
    );
    expect(endorsed.status, JSON.stringify(endorsed.body)).toBe(200);
    expect(endorsed.body.status).toBe('jury_review');
    // The country's place in this call is taken: B's endorsement is refused, clearly.
    const over = await http.post(
      `/membership-applications/${b}/natcom-decision`,
      { token: tb, decision: 'endorse' },
      { token: null },
    );
    expect(over.status).toBe(409);
    expect(over.body.detail).toMatch(/KE has 1 endorsed applications in this call already; the limit is 1/);
    const again = await http.post(
      `/membership-applications/${a}/natcom-decision`,
      { token: ta, decision: 'decline' },
      { token: null },
    );
    expect(again.status).toBe(409);
    const declined = await http.post(
      `/membership-applications/${b}/natcom-decision`,
      { token: tb, decision: 'decline', note: 'one per call' },
      { token: null },
    );
    expect(declined.body.status).toBe('not_admitted');

    // The jury scores A; the secretariat admits it into a cluster.
    const juror = await http.post(`/membership-calls/${call.id}/jurors`, { name: 'Jury One', email: 'j1@example.org' });
    expect(juror.status).toBe(201);
    expect(
      (await http.post(`/membership-calls/${call.id}/jurors`, { name: 'Again', email: 'J1@example.org' })).status,
    ).toBe(409);
    const scores = { commitment: 5, strategy: 4, stakeholders: 4, resources: 3, monitoring: 4 };
    const badScore = await http.post(`/membership-applications/${a}/scores`, {
      jurorId: juror.body.id,
      scores: { ...scores, commitment: 6 },
    });
    expect(paths(badScore)).toEqual(['body.scores.commitment']);
    expect((await http.post(`/membership-applications/${a}/scores`, { jurorId: randomUUID(), scores })).status).toBe(
      422,
    );
    expect((await http.post(`/membership-applications/${b}/scores`, { jurorId: juror.body.id, scores })).status).toBe(
      409,
    );
    const scored = await http.post(`/membership-applications/${a}/scores`, { jurorId: juror.body.id, scores });
    expect(scored.status).toBe(200);
    expect(scored.body.means).toMatchObject({ commitment: '5.00', overall: '4.00' });

    expect(paths(await http.post(`/membership-applications/${a}/decision`, { decision: 'admitted' }))).toEqual([
      'body.cluster',
    ]);
    expect(
      (await http.post(`/membership-applications/${a}/decision`, { decision: 'admitted', cluster: 'ESD-2019' })).status,
    ).toBe(422);
    expect(
      (
        await http.post(
          `/membership-applications/${a}/decision`,
          { decision: 'admitted', cluster: 'ESD' },
          { token: viewer },
        )
      ).status,
    ).toBe(403);
    const admitted = await http.post(`/membership-applications/${a}/decision`, {
      decision: 'admitted',
      cluster: 'ESD',
    });
    expect(admitted.status, JSON.stringify(admitted.body)).toBe(200);
    expect(admitted.body.status).toBe('admitted');
    const cityId = admitted.body.cityId as string;
    const [city] = await sql<{ status: string; year_joined: number }>(
      `select status, year_joined from city where id = ?`,
      [cityId],
    );
    expect(city).toEqual({ status: 'member', year_joined: new Date().getUTCFullYear() });
    expect(
      (await http.post(`/membership-applications/${b}/decision`, { decision: 'admitted', cluster: 'ESD' })).status,
    ).toBe(409);

    // The contact is invited: the e-mailed sign-in link opens a session that acts for the new member city.
    const invite = await linkToken(`membership-application:${a}:admitted`, '/app/sign-in?token=');
    const session = await http.post('/auth/session', { token: invite }, { token: null });
    expect(session.status, JSON.stringify(session.body)).toBe(200);
    expect(session.body).toMatchObject({ role: 'city', cityId });

    const report = await http.get(`/membership-calls/${call.id}/report`);
    expect(report.body).toMatchObject({
      applications: 2,
      admitted: 1,
      byCountry: [{ country: 'KE', region: 'africa', applications: 2, endorsed: 1, admitted: 1 }],
      africa: { applications: 2, admitted: 1, applicationShare: '100.0', admittedShare: '100.0' },
    });
    const list = await http.get(`/membership-calls/${call.id}/applications`);
    expect(list.body.items.map((x: { status: string }) => x.status).sort()).toEqual(['admitted', 'not_admitted']);
    expect((await http.get(`/membership-applications/${a}`)).body.scores).toHaveLength(5);
  });

  it('sends the National Commission a new link on the secretariat’s word: the old one stops, the deadline stays', async () => {
    const natcom = `natcom-${randomUUID().slice(0, 6)}@unesco-gh.example.org`;
    expect((await http.put('/countries/GH/natcom-contact', { email: natcom })).status).toBe(200);
    const call = await openCall();
    const a = await applyAndConfirm(call.id, `Kumasi ${randomUUID().slice(0, 6)}`, 'GH');
    const old = await linkToken(`membership-application:${a}:natcom0`, '/app/natcom/');
    const before = (await http.get(`/membership-applications/${a}`)).body;
    expect(before.natcomDeadline).not.toBeNull();

    // Only the secretariat may resend: a viewer, a city and a donor are refused, and nothing is sent.
    const city = await fx.city();
    const donor = await fx.donor();
    const others = [
      await fx.token('viewer'),
      await fx.token('city', { cityId: city.id }),
      await fx.token('donor', { donorId: donor.id }),
    ];
    for (const token of others)
      expect((await http.post(`/membership-applications/${a}/natcom-link`, undefined, { token })).status).toBe(403);
    expect((await http.post(`/membership-applications/${a}/natcom-link`, undefined, { token: null })).status).toBe(401);
    expect(
      await sql(`select 1 from notification where key like ?`, [`membership-application:${a}:natcom-resend%`]),
    ).toEqual([]);
    expect((await http.post(`/membership-applications/${randomUUID()}/natcom-link`)).status).toBe(404);

    const resent = await http.post(`/membership-applications/${a}/natcom-link`);
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    expect(resent.body).toMatchObject({ id: a, status: 'natcom_review', natcomDeadline: before.natcomDeadline });
    const fresh = await linkToken(`membership-application:${a}:natcom-resend1`, '/app/natcom/');
    expect(fresh).not.toBe(old);
    const [mail] = await sql<{ email: string; subject: string }>(
      `select email, subject from notification where key = ?`,
      [`membership-application:${a}:natcom-resend1`],
    );
    expect(mail).toMatchObject({ email: natcom });
    expect(mail!.subject).toMatch(/^A new link — endorsement asked: Kumasi/);
    // Audited like every other write.
    const trail = await http.get(
      `/audit-events?path=${encodeURIComponent(`/membership-applications/${a}/natcom-link`)}`,
    );
    expect(trail.body.items.map((e: Record<string, unknown>) => [e.method, e.status, e.actorRole]).sort()).toEqual([
      ['POST', 200, 'secretariat'],
      ['POST', 403, 'city'],
      ['POST', 403, 'donor'],
      ['POST', 403, 'viewer'],
    ]);

    // The old link opens nothing and acts on nothing; the new one works.
    expect((await http.post('/membership-applications/natcom-review', { token: old }, { token: null })).status).toBe(
      401,
    );
    const stale = await http.post(
      `/membership-applications/${a}/natcom-decision`,
      { token: old, decision: 'endorse' },
      { token: null },
    );
    expect(stale.status).toBe(401);
    expect((await applicationOf(call.id, resent.body.cityName)).status).toBe('natcom_review');
    const review = await http.post('/membership-applications/natcom-review', { token: fresh }, { token: null });
    expect(review.status).toBe(200);
    expect(review.body).toMatchObject({ applicationId: a, actionable: true, natcomDeadline: before.natcomDeadline });
    // A second resend replaces the first one's link too.
    expect((await http.post(`/membership-applications/${a}/natcom-link`)).status).toBe(200);
    const third = await linkToken(`membership-application:${a}:natcom-resend2`, '/app/natcom/');
    expect((await http.post('/membership-applications/natcom-review', { token: fresh }, { token: null })).status).toBe(
      401,
    );
    const endorsed = await http.post(
      `/membership-applications/${a}/natcom-decision`,
      { token: third, decision: 'endorse' },
      { token: null },
    );
    expect(endorsed.status, JSON.stringify(endorsed.body)).toBe(200);
    expect(endorsed.body.status).toBe('jury_review');

    // Outside the National Commission's review: 409, and nothing is sent.
    const again = await http.post(`/membership-applications/${a}/natcom-link`);
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/jury_review/);
    expect(
      await sql(`select 1 from notification where key = ?`, [`membership-application:${a}:natcom-resend3`]),
    ).toEqual([]);
  });

  it('withdraws an application on the secretariat’s word, and closes a call early', async () => {
    const call = await openCall();
    const cityName = `Mombasa ${randomUUID().slice(0, 6)}`;
    await http.post(`/membership-calls/${call.id}/applications`, form({ cityName }), { token: null });
    const { id } = await applicationOf(call.id, cityName);
    expect(paths(await http.post(`/membership-applications/${id}/withdraw`, {}))).toEqual(['body.reason']);
    const w = await http.post(`/membership-applications/${id}/withdraw`, { reason: 'asked by the city' });
    expect(w.status, JSON.stringify(w.body)).toBe(200);
    expect(w.body.status).toBe('withdrawn');
    expect((await http.post(`/membership-applications/${id}/withdraw`, { reason: 'again' })).status).toBe(409);

    const closed = await http.post(`/membership-calls/${call.id}/close`);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.status).not.toBe('open');
    expect((await http.post(`/membership-calls/${call.id}/applications`, form(), { token: null })).status).toBe(409);
    const report = await eventually(async () => {
      const r = await http.get(`/membership-calls/${call.id}/report`);
      return r.body.final ? r.body : undefined;
    });
    expect(report).toMatchObject({ status: 'closed', applications: 0, admitted: 0 });
  });
});
