// Single-purpose link tokens (the applicant's confirmation, the National Commission's, a juror's) are
// stored hashed; the e-mail is the one place the token itself goes. Once the outbox has delivered a
// message to one person, its row keeps neither the body nor the link (whose URL carries the token),
// and no API response — any GET of the OpenAPI document, as any role — contains a live token.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlOn, startTestApp, type TestApp } from '../support/app.js';
import { freshDatabase } from '../support/fresh-database.js';
import { httpClient, type Http } from '../support/http.js';
import { startSmtpSink, type SmtpSink } from '../support/mail.js';
import { form } from '../support/membership-call.js';
import { eventually } from '../support/workflow-env.js';

const COUNTRY = 'SN';
const NATCOM = 'natcom@unesco-sn.example.org';
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

let smtp: SmtpSink;
let app: TestApp;
let http: Http;
let sql: ReturnType<typeof sqlOn>;
let db: Awaited<ReturnType<typeof freshDatabase>>;

beforeAll(async () => {
  smtp = await startSmtpSink();
  // Outbox delivery takes every pending message of its database: a database of its own.
  db = await freshDatabase();
  app = await startTestApp({ smtpUrl: smtp.url, orm: db.orm });
  http = httpClient(app.url);
  sql = sqlOn(() => app.orm);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
  await smtp?.close();
});

/** The token of the e-mailed link to `to` under `page`, read from the message the sink received. */
async function mailedToken(to: string, page: string): Promise<string> {
  const escaped = page.replace(/[/.]/g, '\\$&');
  const mail = await smtp.waitFor(to, new RegExp(`${escaped}[\\w-]+`), 20_000);
  return new RegExp(`${escaped}([\\w-]+)`).exec(mail.text)![1]!;
}

describe('single-purpose link tokens', () => {
  it('reach their reader by e-mail only: delivered rows are scrubbed and no API response carries a token', async () => {
    expect((await http.put(`/countries/${COUNTRY}/natcom-contact`, { email: NATCOM })).status).toBe(200);
    const call = await http.post('/membership-calls', {
      title: `Tokens ${randomUUID().slice(0, 6)}`,
      closesAt: inDays(20),
    });
    expect(call.status, JSON.stringify(call.body)).toBe(202);
    const callId = call.body.id as string;
    const juror = `juror-${randomUUID().slice(0, 6)}@jury.example.org`;
    expect((await http.post(`/membership-calls/${callId}/jurors`, { name: 'Juror One', email: juror })).status).toBe(
      201,
    );

    // The applicant confirms from its e-mail, the National Commission endorses from its own, the juror reads from its own.
    const contact = `contact-${randomUUID().slice(0, 6)}@city.example.org`;
    const cityName = `Thiès ${randomUUID().slice(0, 6)}`;
    const applied = await http.post(
      `/membership-calls/${callId}/applications`,
      form({ cityName, country: COUNTRY, contact: { name: 'Awa Diop', email: contact } }),
      { token: null },
    );
    expect(applied.status, JSON.stringify(applied.body)).toBe(202);
    const confirm = await mailedToken(contact, '/app/apply/confirm/');
    expect((await http.post('/membership-applications/confirm', { token: confirm }, { token: null })).status).toBe(200);
    const natcom = await mailedToken(NATCOM, '/app/natcom/');
    const review = await http.post('/membership-applications/natcom-review', { token: natcom }, { token: null });
    expect(review.status, JSON.stringify(review.body)).toBe(200);
    const applicationId = review.body.applicationId as string;
    const endorsed = await http.post(
      `/membership-applications/${applicationId}/natcom-decision`,
      { token: natcom, decision: 'endorse' },
      { token: null },
    );
    expect(endorsed.status, JSON.stringify(endorsed.body)).toBe(200);
    const jury = await mailedToken(juror, '/app/jury/');
    const jurorView = await http.post('/membership-applications/jury-review', { token: jury }, { token: null });
    expect(jurorView.status, JSON.stringify(jurorView.body)).toBe(200);
    const tokens = [confirm, natcom, jury];
    expect(new Set(tokens).size).toBe(3);

    // Delivered: the rows keep neither body nor link; no row anywhere in the outbox holds a token.
    const rows = await eventually(async () => {
      const r = await sql<{ key: string; link: string | null; body: string; delivered_at: Date | null }>(
        `select key, link, body, delivered_at from notification where email in (?, ?, ?) and recipient_kind = 'person'`,
        [contact, NATCOM, juror],
      );
      return r.length === 3 && r.every((x) => x.delivered_at) ? r : undefined;
    });
    for (const r of rows) {
      expect(r.link, r.key).toBeNull();
      expect(r.body, r.key).toBe('(delivered; redacted)');
    }
    for (const token of tokens) {
      const found = await sql(`select key from notification where link like ? or body like ?`, [
        `%${token}%`,
        `%${token}%`,
      ]);
      expect(found).toEqual([]);
    }

    // Every GET of the API (its OpenAPI document), with the call's and the application's ids, as the
    // secretariat and signed out: none answers with a token.
    const spec = (await http.get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const ids: Record<string, string> = {
      '/membership-calls/{id}': callId,
      '/membership-applications/{id}': applicationId,
    };
    const gets = Object.keys(spec.paths)
      .filter((p) => spec.paths[p]!.get)
      .flatMap((p) => {
        const prefix = Object.keys(ids).find((k) => p.startsWith(k));
        const path = prefix ? p.replace('{id}', ids[prefix]!) : p;
        return /\{/.test(path) ? [] : [path];
      });
    expect(gets).toEqual(expect.arrayContaining(['/notifications', `/membership-calls/${callId}`]));
    let answered = 0;
    for (const path of gets) {
      for (const token of [undefined, null] as const) {
        const r = await http.get(`${path}${path === '/notifications' ? '?limit=200' : ''}`, { token });
        const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
        for (const t of tokens) expect(text, `GET ${path}`).not.toContain(t);
        if (r.status === 200) answered++;
      }
    }
    expect(answered).toBeGreaterThan(10);
  });
});
