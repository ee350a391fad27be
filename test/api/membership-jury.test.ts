// The jury of a membership call scores from its e-mailed single-purpose link: one per juror, sent
// when an application of the call is under jury review (or on naming, if one is); it shows the
// call's applications with the jury (without the contact's e-mail) and records that juror's own
// scores, until the secretariat decides; it scores nothing of another call.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sqlOn, useTestApp } from '../support/app.js';
import { membershipSteps } from '../support/membership-call.js';

const t = useTestApp();
const { http } = t;
const sql = sqlOn(() => t.app.orm);
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const COUNTRY = 'SN';
const { linkToken, endorsed } = membershipSteps(http, sql);

async function openCall() {
  const r = await http.post('/membership-calls', {
    title: `Jury call ${randomUUID().slice(0, 6)}`,
    closesAt: inDays(20),
  });
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  return r.body as { id: string; title: string };
}

const scoresOf = (applicationId: string) =>
  sql<{ juror_id: string; criterion: string; score: number }>(
    `select juror_id, criterion, score from membership_score where application_id = ? order by juror_id, criterion`,
    [applicationId],
  );

describe('the jury scores from its link', () => {
  it('sends each juror one link, scores its call only, until the decision', async () => {
    expect(
      (await http.put(`/countries/${COUNTRY}/natcom-contact`, { email: 'natcom@unesco-sn.example.org' })).status,
    ).toBe(200);
    const call = await openCall();
    const other = await openCall();
    const j1 = await http.post(`/membership-calls/${call.id}/jurors`, {
      name: 'Juror One',
      email: 'J1@jury.example.org',
    });
    expect(j1.status).toBe(201);
    const key = (callId: string, jurorId: string) => `membership-call:${callId}:juror:${jurorId}:link`;
    // Nothing is with the jury yet: no link.
    expect(await sql(`select 1 from notification where key = ?`, [key(call.id, j1.body.id)])).toEqual([]);

    const a1 = await endorsed(call.id, COUNTRY);
    const a2 = await endorsed(call.id, COUNTRY, false); // with its National Commission still
    const b1 = await endorsed(other.id, COUNTRY);
    const t1 = await linkToken(key(call.id, j1.body.id), '/app/jury/');
    const [sent] = await sql<{ email: string; recipient_kind: string; subject: string }>(
      `select email, recipient_kind, subject from notification where key = ?`,
      [key(call.id, j1.body.id)],
    );
    expect(sent).toMatchObject({ email: 'j1@jury.example.org', recipient_kind: 'person' });
    expect(sent!.subject).toContain(call.title);

    // Named while an application is with the jury: the link goes at once.
    const j2 = await http.post(`/membership-calls/${call.id}/jurors`, {
      name: 'Juror Two',
      email: 'j2@jury.example.org',
    });
    expect(j2.status).toBe(201);
    expect(await sql(`select 1 from notification where key = ?`, [key(call.id, j2.body.id)])).toHaveLength(1);
    const t2 = await linkToken(key(call.id, j2.body.id), '/app/jury/');

    // The link shows the call's applications with the jury, without the contact's e-mail.
    const review = await http.post('/membership-applications/jury-review', { token: t1 }, { token: null });
    expect(review.status, JSON.stringify(review.body)).toBe(200);
    expect(review.body).toMatchObject({ callId: call.id, callTitle: call.title, jurorName: 'Juror One' });
    expect(review.body.applications.map((x: { id: string }) => x.id)).toEqual([a1.id]);
    expect(review.body.applications[0]).toMatchObject({ status: 'jury_review', country: COUNTRY, scores: {} });
    expect(JSON.stringify(review.body)).not.toContain(a1.contactEmail);

    // A bad token: 401, nothing written.
    const scores = { commitment: 5, strategy: 4, stakeholders: 3, resources: 4, monitoring: 2 };
    expect(
      (await http.post('/membership-applications/jury-review', { token: 'z'.repeat(43) }, { token: null })).status,
    ).toBe(401);
    const forged = await http.post(
      `/membership-applications/${a1.id}/jury-scores`,
      { token: 'z'.repeat(43), scores },
      { token: null },
    );
    expect(forged.status).toBe(401);
    expect(await scoresOf(a1.id)).toEqual([]);
    // Out of bounds: by field, nothing written.
    const bad = await http.post(
      `/membership-applications/${a1.id}/jury-scores`,
      { token: t1, scores: { ...scores, strategy: 0 } },
      { token: null },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.scores.strategy']);
    expect(await scoresOf(a1.id)).toEqual([]);

    // The juror scores, and may change its scores while the application is with the jury.
    const s1 = await http.post(`/membership-applications/${a1.id}/jury-scores`, { token: t1, scores }, { token: null });
    expect(s1.status, JSON.stringify(s1.body)).toBe(200);
    expect(s1.body.scores).toEqual(scores);
    const again = await http.post(
      `/membership-applications/${a1.id}/jury-scores`,
      { token: t1, scores: { ...scores, monitoring: 3 } },
      { token: null },
    );
    expect(again.body.scores.monitoring).toBe(3);
    const s2 = await http.post(
      `/membership-applications/${a1.id}/jury-scores`,
      { token: t2, scores: { commitment: 3, strategy: 3, stakeholders: 3, resources: 3, monitoring: 3 } },
      { token: null },
    );
    expect(s2.status).toBe(200);
    expect(s2.body.scores.commitment).toBe(3); // its own, not Juror One's

    // Another call's application, or one not with the jury: refused, nothing written.
    const cross = await http.post(
      `/membership-applications/${b1.id}/jury-scores`,
      { token: t1, scores },
      { token: null },
    );
    expect(cross.status).toBe(403);
    expect(await scoresOf(b1.id)).toEqual([]);
    expect(
      (await http.post(`/membership-applications/${randomUUID()}/jury-scores`, { token: t1, scores }, { token: null }))
        .status,
    ).toBe(403);
    const early = await http.post(
      `/membership-applications/${a2.id}/jury-scores`,
      { token: t1, scores },
      { token: null },
    );
    expect(early.status).toBe(409);
    expect(await scoresOf(a2.id)).toEqual([]);

    // The secretariat sees each juror's scores and the means.
    const view = await http.get(`/membership-applications/${a1.id}`);
    expect(view.status).toBe(200);
    expect(view.body.scores).toHaveLength(10);
    expect(view.body.scores).toContainEqual({
      jurorId: j1.body.id,
      juror: 'Juror One',
      criterion: 'monitoring',
      score: 3,
    });
    expect(view.body.means).toMatchObject({ commitment: '4.00', monitoring: '3.00' });

    // Once decided, the scores are fixed.
    const decided = await http.post(`/membership-applications/${a1.id}/decision`, { decision: 'not_admitted' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const late = await http.post(
      `/membership-applications/${a1.id}/jury-scores`,
      { token: t1, scores: { ...scores, commitment: 1 } },
      { token: null },
    );
    expect(late.status).toBe(409);
    expect((await scoresOf(a1.id)).find((s) => s.juror_id === j1.body.id && s.criterion === 'commitment')?.score).toBe(
      5,
    );
    expect(
      (await http.post('/membership-applications/jury-review', { token: t1 }, { token: null })).body.applications,
    ).toEqual([]);

    // One link per juror: a later endorsement sends none again; the link lists it.
    const natcom = await linkToken(`membership-application:${a2.id}:natcom0`, '/app/natcom/');
    expect(
      (
        await http.post(
          `/membership-applications/${a2.id}/natcom-decision`,
          { token: natcom, decision: 'endorse' },
          { token: null },
        )
      ).status,
    ).toBe(200);
    expect(await sql(`select 1 from membership_juror_link where juror_id = ?`, [j1.body.id])).toHaveLength(1);
    expect(await sql(`select 1 from notification where key = ?`, [key(call.id, j1.body.id)])).toHaveLength(1);
    const later = await http.post('/membership-applications/jury-review', { token: t1 }, { token: null });
    expect(later.body.applications.map((x: { id: string }) => x.id)).toEqual([a2.id]);

    // An expired link scores nothing.
    await sql(`update membership_juror_link set expires_at = now() - interval '1 second' where juror_id = ?`, [
      j2.body.id,
    ]);
    expect(
      (await http.post(`/membership-applications/${a2.id}/jury-scores`, { token: t2, scores }, { token: null })).status,
    ).toBe(401);
    expect(await scoresOf(a2.id)).toEqual([]);
    // The secretariat's own route still records a juror's scores.
    const bySecretariat = await http.post(`/membership-applications/${a2.id}/scores`, { jurorId: j2.body.id, scores });
    expect(bySecretariat.status).toBe(200);
    expect(await scoresOf(a2.id)).toHaveLength(5);
  });
});
