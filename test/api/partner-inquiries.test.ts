// The partner pipeline's public door through HTTP: a public inquiry, its e-mailed confirmation, the
// rate limits and the honeypot — and that nothing but a prospect donor and an in_discussion record
// comes of it (no pledge, no active donor, no person or access).
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sqlOn, useTestApp } from '../support/app.js';

// Behind a trusted proxy the client address is X-Forwarded-For's: each test has addresses of its own.
const t = useTestApp({ worker: false, env: { TRUST_PROXY: 'true' } });
const { http, fx } = t;
const sql = sqlOn(() => t.app.orm);
const address = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const LINK = /\/app\/partner\/confirm\?token=([A-Za-z0-9_-]+)/;

const inquiry = (email: string, extra: Record<string, unknown> = {}) => ({
  organisation: `Fondation ${randomUUID().slice(0, 6)}`,
  donorType: 'foundation',
  country: 'fr',
  contact: { name: 'Claire Martin', email },
  interest: ['mdfm', 'thematic_study'],
  message: 'We would like to support learning cities in Africa.',
  language: 'fr',
  ...extra,
});
const ask = (body: unknown, ip = address()) =>
  http.post('/partner-inquiries', body, { token: null, headers: { 'x-forwarded-for': ip } });
const confirmLink = async (email: string) => {
  const [n] = await sql<{ body: string; subject: string; recipient_kind: string }>(
    `select body, subject, recipient_kind from notification where email = ? and kind = 'partner-inquiry.confirm'`,
    [email],
  );
  return { ...n!, token: LINK.exec(n?.body ?? '')?.[1] };
};
/** What exists for an inquirer (scoped by its address and organisation: other files write donors too). */
const counts = async (email: string, organisation: string) =>
  (
    await sql<{ donors: string; active: string; pledges: string; people: string; links: string }>(
      `select (select count(*) from donor where name = ? or lower(contact_email) = ?) as donors,
              (select count(*) from donor where (name = ? or lower(contact_email) = ?) and status = 'active') as active,
              (select count(*) from pledge p join donor d on d.id = p.donor_id where d.name = ? or lower(d.contact_email) = ?) as pledges,
              (select count(*) from person where email = ?) as people,
              (select count(*) from sign_in_link where email = ? and token_hash is not null) as links`,
      [organisation, email, organisation, email, organisation, email, email, email],
    )
  )[0]!;
const NOTHING = { donors: '0', active: '0', pledges: '0', people: '0', links: '0' };

describe('public partner inquiries', () => {
  it('creates only a prospect donor and an in_discussion record, and tells the secretariat after the e-mail is confirmed', async () => {
    const email = `claire-${randomUUID().slice(0, 8)}@fondation.example.org`;
    const body = inquiry(email);
    expect(await counts(email, body.organisation)).toEqual(NOTHING);
    const r = await ask(body);
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body).toEqual({ received: true });
    // Nothing reaches the secretariat yet: no donor, no message; the inquirer gets the link in French.
    const mail = await confirmLink(email);
    expect(mail.recipient_kind).toBe('person');
    expect(mail.subject).toBe('Confirmez votre demande au GNLC de l’UNESCO');
    expect(mail.token).toBeTruthy();
    expect(await counts(email, body.organisation)).toEqual(NOTHING);
    const [row] = await sql<{ id: string; status: string; confirmed_at: Date | null; donor_id: string | null }>(
      `select id, status, confirmed_at, donor_id from partner_inquiry where contact_email = ?`,
      [email],
    );
    expect(row).toMatchObject({ status: 'in_discussion', confirmed_at: null, donor_id: null });
    expect(await sql(`select 1 from notification where key = ?`, [`partner-inquiry:${row!.id}:received`])).toEqual([]);
    const pending = await http.get('/partner-inquiries?confirmed=false&limit=200');
    expect(pending.body.items.find((i: { id: string }) => i.id === row!.id)).toMatchObject({
      confirmation: 'pending',
      status: 'in_discussion',
      donorId: null,
      interest: ['mdfm', 'thematic_study'],
      country: 'FR',
    });

    const confirmed = await http.post('/partner-inquiries/confirm', { token: mail.token }, { token: null });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    const again = await http.post('/partner-inquiries/confirm', { token: mail.token }, { token: null });
    expect(again.status).toBe(400);
    expect(again.body.errors).toEqual([{ path: 'body.token', message: 'invalid or expired' }]);

    // One prospect donor, nothing else: no pledge, no active donor, no person, no sign-in link.
    expect(await counts(email, body.organisation)).toEqual({ ...NOTHING, donors: '1' });
    const [q] = await sql<{ donor_id: string; status: string }>(
      `select donor_id, status from partner_inquiry where id = ?`,
      [row!.id],
    );
    expect(q!.status).toBe('in_discussion');
    const donor = await http.get(`/donors/${q!.donor_id}`);
    expect(donor.body).toMatchObject({
      name: body.organisation,
      type: 'foundation',
      country: 'FR',
      status: 'prospect',
      contact: { name: 'Claire Martin', email },
    });
    expect(await sql(`select 1 from pledge where donor_id = ?`, [q!.donor_id])).toEqual([]);
    // The contact of a prospect has no access: a sign-in request gives no link, and no person exists.
    expect((await http.post('/auth/sign-in', { email }, { token: null })).status).toBe(202);
    const asked = await sql<{ token_hash: string | null }>(`select token_hash from sign_in_link where email_hash = ?`, [
      createHash('sha256').update(email.toLowerCase()).digest('hex'),
    ]);
    expect(asked).toEqual([{ token_hash: null }]);
    expect(await counts(email, body.organisation)).toEqual({ ...NOTHING, donors: '1' });
    // The secretariat is told, in English, linking to the donor's page.
    const [told] = await sql<{ subject: string; body: string; link: string }>(
      `select subject, body, link from notification where key = ?`,
      [`partner-inquiry:${row!.id}:received`],
    );
    expect(told?.subject).toBe(`Funding partner inquiry: ${body.organisation}`);
    expect(told?.body).toContain('We would like to support learning cities in Africa.');
    expect(told?.link).toBe(`/app/donors/${q!.donor_id}`);
    const listed = await http.get('/partner-inquiries?status=in_discussion&confirmed=true&limit=200');
    expect(listed.body.items.find((i: { id: string }) => i.id === row!.id)).toMatchObject({
      confirmation: 'confirmed',
      donorId: q!.donor_id,
    });
    // Only the secretariat makes a prospect an active partner.
    expect((await http.patch(`/donors/${q!.donor_id}`, { status: 'active' })).body.status).toBe('active');
  });

  it('refuses bad bodies naming the fields, an unknown country, and more than the bounds', async () => {
    const bad = await ask({
      organisation: '',
      donorType: 'pirate',
      country: 'France',
      contact: { name: 'x', email: 'not-an-address' },
      interest: [],
      message: 'x'.repeat(2001),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      [
        'body.contact.email',
        'body.country',
        'body.donorType',
        'body.interest',
        'body.message',
        'body.organisation',
      ].sort(),
    );
    const extra = await ask({ ...inquiry('a@example.org'), status: 'pledged', donorId: randomUUID() });
    expect(extra.status).toBe(400);
    expect((await ask(inquiry('a@example.org', { interest: ['mdfm', 'mdfm'] }))).status).toBe(400);
    expect((await ask(inquiry('a@example.org', { interest: ['pooled'] }))).status).toBe(400);
    const email = `x-${randomUUID().slice(0, 8)}@example.org`;
    const country = await ask(inquiry(email, { country: 'QQ', organisation: email }));
    expect(country.status).toBe(422);
    expect(country.body.errors[0].path).toBe('body.country');
    const token = await http.post('/partner-inquiries/confirm', { token: 'x'.repeat(43) }, { token: null });
    expect(token.status).toBe(400);
    expect(await counts(email, email)).toEqual(NOTHING);
    expect(await sql(`select 1 from partner_inquiry where contact_email = ?`, [email])).toEqual([]);
  });

  it('answers a filled-in honeypot the same and stores nothing that could be confirmed', async () => {
    const email = `bot-${randomUUID().slice(0, 8)}@spam.example.org`;
    const r = await ask(inquiry(email, { website: 'http://spam.example' }));
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ received: true });
    expect(await sql(`select 1 from notification where email = ?`, [email])).toEqual([]);
    expect(await sql(`select 1 from partner_inquiry where contact_email = ?`, [email])).toEqual([]);
  });

  it('limits inquiries per client address and per e-mail address, counted in PostgreSQL', async () => {
    const ip = address();
    for (let i = 0; i < 5; i++)
      expect((await ask(inquiry(`c${i}-${randomUUID().slice(0, 8)}@example.org`), ip)).status).toBe(202);
    const limited = await ask(inquiry(`c6-${randomUUID().slice(0, 8)}@example.org`), ip);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('900');
    // Another client is not limited; one address asked for from three clients is.
    const email = `same-${randomUUID().slice(0, 8)}@example.org`;
    for (let i = 0; i < 3; i++) expect((await ask(inquiry(email))).status).toBe(202);
    expect((await ask(inquiry(email))).status).toBe(429);
  });

  it('lets only the secretariat and viewers read the pipeline', async () => {
    const donor = await fx.donor();
    const city = await fx.city();
    for (const [role, extra] of [
      ['donor', { donorId: donor.id }],
      ['city', { cityId: city.id }],
    ] as const) {
      const token = await fx.token(role, extra);
      expect((await http.get('/partner-inquiries', { token })).status).toBe(403);
    }
    expect((await http.get('/partner-inquiries', { token: await fx.token('viewer') })).status).toBe(200);
    expect((await http.get('/partner-inquiries', { token: null })).status).toBe(401);
    expect((await http.get('/partner-inquiries?confirmed=maybe')).status).toBe(400);
  });
});
