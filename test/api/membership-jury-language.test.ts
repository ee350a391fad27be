// A juror's messages in the juror's language, through the real outbox to a real SMTP server: the
// secretariat names each juror with a language (English by default), the jury link's e-mail is
// written in it, and a person's own choice (made by signing in) wins over it, as for every reader.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlOn, startTestApp, type TestApp } from '../support/app.js';
import { freshDatabase } from '../support/fresh-database.js';
import { httpClient } from '../support/http.js';
import { startSmtpSink, type SmtpSink } from '../support/mail.js';
import { membershipSteps } from '../support/membership-call.js';

let smtp: SmtpSink;
let app: TestApp;
let db: Awaited<ReturnType<typeof freshDatabase>>;
const http = httpClient(() => app.url);
const sql = sqlOn(() => app.orm);
const { endorsed } = membershipSteps(http, sql);
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

beforeAll(async () => {
  smtp = await startSmtpSink();
  // Outbox delivery takes every pending message of its database: a database of its own.
  db = await freshDatabase();
  app = await startTestApp({ smtpUrl: smtp.url, orm: db.orm });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.drop();
  await smtp?.close();
});

describe('a juror’s language', () => {
  it('e-mails a French juror in French and an English one in English; a person’s own choice wins', async () => {
    expect((await http.put('/countries/SN/natcom-contact', { email: 'natcom@unesco-sn.example.org' })).status).toBe(
      200,
    );
    const call = await http.post('/membership-calls', { title: 'Appel 2027', closesAt: inDays(20) });
    expect(call.status, JSON.stringify(call.body)).toBe(202);
    const callId = call.body.id as string;

    // The language is checked like every field; English when not given.
    const bad = await http.post(`/membership-calls/${callId}/jurors`, {
      name: 'X',
      email: 'x@jury.example.org',
      language: 'de',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.language']);
    const fr = await http.post(`/membership-calls/${callId}/jurors`, {
      name: 'Mariama Ba',
      email: 'mariama@jury.example.org',
      language: 'fr',
    });
    expect(fr.status, JSON.stringify(fr.body)).toBe(201);
    expect(fr.body).toMatchObject({ name: 'Mariama Ba', language: 'fr' });
    const en = await http.post(`/membership-calls/${callId}/jurors`, {
      name: 'Ann Lee',
      email: 'ann@jury.example.org',
    });
    expect(en.body.language).toBe('en');
    // Named French, but the person chose English for themselves.
    const own = 'own.choice@jury.example.org';
    expect(
      (await http.post('/people', { name: 'Own Choice', email: own, language: 'en', staffRole: 'viewer' })).status,
    ).toBe(201);
    expect(
      (await http.post(`/membership-calls/${callId}/jurors`, { name: 'Own Choice', email: own, language: 'fr' }))
        .status,
    ).toBe(201);
    expect(
      (await http.get(`/membership-calls/${callId}`)).body.jurors.map((j: { email: string; language: string }) => [
        j.email,
        j.language,
      ]),
    ).toEqual([
      ['ann@jury.example.org', 'en'],
      ['mariama@jury.example.org', 'fr'],
      [own, 'fr'],
    ]);

    // An application in English reaches the jury: each juror's link goes out.
    const { id } = await endorsed(callId, 'SN');

    const french = await smtp.waitFor('mariama@jury.example.org', /\/app\/jury\//, 30_000);
    expect(french.subject).toBe('Vos notes, s’il vous plaît : le jury de « Appel 2027 »');
    expect(french.text).toContain('Bonjour Mariama Ba, vous faites partie du jury');
    const english = await smtp.waitFor('ann@jury.example.org', /\/app\/jury\//, 30_000);
    expect(english.subject).toBe('Your scores, please: the jury of “Appel 2027”');
    const chosen = await smtp.waitFor(own, /\/app\/jury\//, 30_000);
    expect(chosen.subject).toBe('Your scores, please: the jury of “Appel 2027”');

    // The French juror's link works.
    const token = /\/app\/jury\/([A-Za-z0-9_-]+)/.exec(french.text)![1];
    const review = await http.post('/membership-applications/jury-review', { token }, { token: null });
    expect(review.status).toBe(200);
    expect(review.body).toMatchObject({ jurorName: 'Mariama Ba', applications: [{ id }] });
  });
});
