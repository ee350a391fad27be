import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlOn, startTestApp, type TestApp } from '../support/app.js';
import { fixtures, httpClient, unique } from '../support/http.js';
import { startSmtpSink, type SmtpSink } from '../support/mail.js';
import { linkTokenFor, linksSent, redeem, sessionClient, signIn } from '../support/session.js';
import { eventually } from '../support/workflow-env.js';
import { freshDatabase } from '../support/fresh-database.js';

let smtp: SmtpSink;
let app: TestApp;
let http: ReturnType<typeof httpClient>;
let fx: ReturnType<typeof fixtures>;
let sql: ReturnType<typeof sqlOn>;
let db: Awaited<ReturnType<typeof freshDatabase>>;

beforeAll(async () => {
  smtp = await startSmtpSink();
  // Outbox delivery takes every pending message of its database: a database of its own.
  db = await freshDatabase();
  app = await startTestApp({ worker: false, smtpUrl: smtp.url, orm: db.orm });
  http = httpClient(app.url);
  fx = fixtures(http);
  sql = sqlOn(() => app.orm);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
  await smtp?.close();
});

const email = () => `${unique('staff').replace(' ', '-')}@example.org`;
const ask = (body: unknown) => http.post('/auth/sign-in', body, { token: null });

async function invite(staffRole: 'secretariat' | 'viewer' = 'secretariat') {
  const address = email();
  const r = await http.post('/people', { name: 'Aïcha Diallo', email: address, language: 'fr', staffRole });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { address, id: r.body.id as string };
}

describe('sign-in by e-mail link', () => {
  it('opens an HttpOnly, SameSite=Lax session from an invitation link, and /me says who it is', async () => {
    const { address, id } = await invite();
    const mail = await smtp.waitFor(address, /sign-in\?token=/);
    expect(mail.subject).toBe('Votre lien de connexion au GNLC');
    expect(mail.text).toContain(`${app.url}/app/sign-in?token=`);
    const r = await redeem(app.url, await linkTokenFor(smtp, address));
    expect(r.status).toBe(200);
    expect(r.setCookie).toMatch(/^gnlc_session=[A-Za-z0-9_-]{40,};/);
    expect(r.setCookie).toMatch(/; HttpOnly/);
    expect(r.setCookie).toMatch(/; SameSite=Lax/);
    expect(r.setCookie).toMatch(/; Path=\//);
    expect(r.setCookie).not.toMatch(/Secure/); // served over http here; https PUBLIC_URL adds it
    const me = await sessionClient(app.url, r.setCookie!, r.body.session.csrfToken).call('GET', '/me');
    expect(me.body).toMatchObject({
      role: 'secretariat',
      tokenId: null,
      person: { id, email: address, language: 'fr' },
      readOnly: false,
    });
    expect(me.body.session.csrfToken).toHaveLength(43);
    // The link is one the secretariat cannot read back: person messages are never listed, and redacted once sent.
    const listed = await http.get('/notifications?limit=200');
    expect(JSON.stringify(listed.body)).not.toContain('sign-in?token=');
    const [row] = await sql<{ body: string }>(
      `select body from notification where email = ? and kind = 'auth.sign-in'`,
      [address],
    );
    expect(row?.body).toBe('(delivered; redacted)');
  });

  it('answers an unknown address exactly as a known one, and sends it nothing', async () => {
    const { address } = await invite();
    const stranger = email();
    const known = await ask({ email: address });
    const unknown = await ask({ email: stranger });
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    expect(unknown.body).toEqual({ sent: true });
    const [link] = await sql<{ token_hash: string | null; email: string | null }>(
      `select token_hash, email from sign_in_link where email_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')`,
      [stranger],
    );
    expect(link).toEqual({ token_hash: null, email: null });
    expect(await sql(`select 1 from notification where email = ?`, [stranger])).toEqual([]);
  });

  it('refuses a used, an expired or an unknown link with 400', async () => {
    const { address } = await invite();
    const token = await linkTokenFor(smtp, address);
    expect((await redeem(app.url, token)).status).toBe(200);
    const again = await redeem(app.url, token);
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ status: 400, errors: [{ path: 'body.token' }] });
    expect(again.setCookie).toBeNull();

    const before = linksSent(smtp, address);
    expect((await ask({ email: address })).status).toBe(202);
    const fresh = await linkTokenFor(smtp, address, before);
    await sql(`update sign_in_link set expires_at = now() - interval '1 second' where email = ? and used_at is null`, [
      address,
    ]);
    expect((await redeem(app.url, fresh)).status).toBe(400);
    expect((await redeem(app.url, 'x'.repeat(43))).status).toBe(400);
  });

  it('limits the links one address may ask for, known or not', async () => {
    const stranger = email();
    for (let i = 0; i < 5; i++) expect((await ask({ email: stranger })).status).toBe(202);
    const over = await ask({ email: stranger });
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('900');
    expect((await ask({ email: 'not-an-address' })).status).toBe(400);
    expect((await ask({ email: email(), next: 'https://evil.example/app' })).status).toBe(400);
  });
});

describe('sessions', () => {
  it('refuses a write without the CSRF token or from another origin, and takes it with both', async () => {
    const { address } = await invite();
    const s = await signIn(app.url, smtp, address);
    const city = { name: unique('Dakar'), country: 'SN' };
    expect((await s.call('POST', '/cities', city, { 'x-csrf-token': '' })).status).toBe(403);
    expect((await s.call('POST', '/cities', city, { 'x-csrf-token': 'wrong'.padEnd(43, 'x') })).status).toBe(403);
    expect((await s.call('POST', '/cities', city, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await http.get(`/cities?q=${encodeURIComponent(city.name)}`)).body.total).toBe(0);
    const made = await s.call('POST', '/cities', city);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    // Audited as the person, like any write.
    const [audit] = await sql<{ actor_person_id: string; actor_role: string }>(
      `select actor_person_id, actor_role from audit_event where path = '/cities' and status = 201 order by at desc limit 1`,
    );
    expect(audit).toMatchObject({
      actor_role: 'secretariat',
      actor_person_id: (await s.call('GET', '/me')).body.person.id,
    });
  });

  it('ends at once on sign-out, on sign-out everywhere and when idle too long', async () => {
    const { address, id } = await invite();
    const a = await signIn(app.url, smtp, address);
    const b = await signIn(app.url, smtp, address);
    const c = await signIn(app.url, smtp, address);
    expect((await a.call('DELETE', '/auth/session')).status).toBe(204);
    expect((await a.call('GET', '/me')).status).toBe(401);
    expect((await b.call('GET', '/me')).status).toBe(200);
    expect((await http.get(`/people/${id}`)).body.activeSessions).toBe(2);
    expect((await http.post(`/people/${id}/sign-out`)).body).toEqual({ revoked: 2 });
    expect((await b.call('GET', '/me')).status).toBe(401);
    expect((await c.call('GET', '/me')).status).toBe(401);

    const d = await signIn(app.url, smtp, address);
    await sql(
      `update session set last_seen_at = now() - interval '9 hours' where revoked_at is null and person_id = ?`,
      [id],
    );
    // Idle expiry is read from the database once the few seconds of this process's cache are over.
    await eventually(
      async () => ((await d.call('GET', '/me')).status === 401 ? true : undefined),
      15_000,
      'idle session to end',
    );
  });

  it("gives a representative's session the same answers as a city token, and none once replaced", async () => {
    const mine = await fx.city();
    const other = await fx.city();
    const rep = email();
    expect(
      (
        await http.post('/clusters/ESD/members', {
          cityId: mine.id,
          representative: { name: 'Rep', email: rep, expertise: [] },
        })
      ).status,
    ).toBe(201);
    const token = await fx.token('city', { cityId: mine.id });
    const s = await signIn(app.url, smtp, rep);
    expect((await s.call('GET', '/me')).body).toMatchObject({
      role: 'city',
      cityId: mine.id,
      access: [{ role: 'city', cityId: mine.id, cluster: 'ESD' }],
    });
    const probes: [string, string, unknown?][] = [
      ['GET', `/cities/${other.id}`],
      ['PATCH', `/cities/${other.id}`, { name: 'Not mine' }],
      ['PATCH', `/cities/${mine.id}`, { status: 'withdrawn' }],
      ['POST', '/cities', { name: 'New', country: 'FR' }],
      ['GET', '/tokens'],
      ['GET', '/people'],
      ['GET', '/audit-events'],
    ];
    for (const [method, path, body] of probes) {
      const viaToken = await http.call(method, path, { token, body });
      const viaSession = await s.call(method, path, body);
      expect(`${method} ${path} ${viaSession.status}`).toBe(`${method} ${path} ${viaToken.status}`);
    }
    // A new representative takes the seat: the old one's access ends with the membership.
    expect((await http.del(`/clusters/ESD/members/${mine.id}`)).status).toBe(204);
    await eventually(
      async () => ((await s.call('GET', '/me')).status === 401 ? true : undefined),
      15_000,
      'old representative to lose access',
    );
  });
});
