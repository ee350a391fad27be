import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createNotificationActivities } from '../../activities/notification.js';
import { City, Donor, FxRate, Membership, Person } from '../../db/entities/index.js';
import { message } from '../../domain/messages/index.js';
import { openOrm, type Orm } from '../../db/orm.js';
import type { NotificationRequest } from '../../domain/notification.js';
import { createLogger } from '../../platform/logger.js';

let orm: Orm;
let notify: ReturnType<typeof createNotificationActivities>['notify'];

beforeAll(async () => {
  orm = await openOrm(inject('databaseUrl'));
  ({ notify } = createNotificationActivities({ orm, logger: createLogger('silent') }));
});
afterAll(() => orm?.close());

interface Row {
  key: string;
  email: string | null;
  recipient_city_id: string | null;
  recipient_donor_id: string | null;
  subject: string;
  body: string;
  link: string | null;
  delivered_at: Date | null;
}
const rowsWithKey = (key: string) =>
  orm.em.getConnection().execute<Row[]>('select * from notification where key = ?', [key]);

const request = (over: Partial<NotificationRequest> = {}): NotificationRequest => ({
  key: `test:${randomUUID()}`,
  recipientKind: 'secretariat',
  kind: 'test',
  subject: 'A test message',
  body: 'Hello',
  ...over,
});

/** A member city with an ended and a current HEALTH membership and a current ESD one. */
async function cityWithRepresentatives() {
  const em = orm.em.fork();
  const city = em.create(City, {
    id: randomUUID(),
    name: `Notified ${randomUUID().slice(0, 8)}`,
    country: 'DE',
    status: 'member',
    yearJoined: null,
  });
  const rep = (cluster: string, email: string, since: string, until: string | null, language: 'en' | 'fr' = 'en') =>
    em.create(Membership, {
      language,
      city: city.id,
      cluster,
      since,
      until,
      representativeName: email.split('@')[0]!,
      representativeEmail: email,
      representativeExpertise: [],
    });
  const tag = city.id.slice(0, 8);
  const emails = {
    healthOld: `old-health-${tag}@example.org`,
    health: `health-${tag}@example.org`,
    esd: `esd-${tag}@example.org`,
  };
  rep('HEALTH', emails.healthOld, '2019-03-01', '2021-02-28');
  rep('HEALTH', emails.health, '2021-03-01', null);
  // The ESD representative reads French (set by the secretariat on the membership).
  rep('ESD', emails.esd, '2022-06-01', null, 'fr');
  await em.flush();
  return { city, emails };
}

describe('notify', () => {
  it('writes a key once however often it is called', async () => {
    const req = request();
    expect(await notify([req])).toEqual({ created: 1 });
    expect(await notify([{ ...req, subject: 'A retried activity' }])).toEqual({ created: 0 });
    const rows = await rowsWithKey(req.key);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subject: 'A test message', delivered_at: null });
  });

  it('writes a key repeated within one batch once', async () => {
    const req = request();
    expect(await notify([req, req, request({ key: `${req.key}:other` })])).toEqual({ created: 2 });
    expect(await rowsWithKey(req.key)).toHaveLength(1);
  });

  it('addresses a city through its current representative in the given cluster', async () => {
    const { city, emails } = await cityWithRepresentatives();
    const health = request({ recipientKind: 'city', cityId: city.id, cluster: 'HEALTH' });
    const esd = request({ recipientKind: 'city', cityId: city.id, cluster: 'ESD' });
    await notify([health, esd]);
    expect((await rowsWithKey(health.key))[0]).toMatchObject({ email: emails.health, recipient_city_id: city.id });
    expect((await rowsWithKey(esd.key))[0]).toMatchObject({ email: emails.esd, recipient_city_id: city.id });
  });

  it('leaves the address empty for a city with no representative in that cluster', async () => {
    const { city } = await cityWithRepresentatives();
    const req = request({ recipientKind: 'city', cityId: city.id, cluster: 'PLANNING' });
    await notify([req]);
    expect((await rowsWithKey(req.key))[0]).toMatchObject({ email: null, recipient_city_id: city.id });
  });

  it('addresses a donor through its contact', async () => {
    const em = orm.em.fork();
    const donor = em.create(Donor, {
      name: `Donor ${randomUUID().slice(0, 8)}`,
      type: 'foundation',
      contactName: 'Dana',
      contactEmail: 'dana@example.org',
    });
    await em.flush();
    const req = request({ recipientKind: 'donor', donorId: donor.id });
    await notify([req]);
    expect((await rowsWithKey(req.key))[0]).toMatchObject({ email: 'dana@example.org', recipient_donor_id: donor.id });
  });

  it("writes a message in the representative's language, linking to the city portal's page", async () => {
    const { city, emails } = await cityWithRepresentatives();
    const said = message('election.voting-open', {
      cluster: 'ESD',
      seats: 2,
      closes: { instant: '2027-03-14T16:30:00Z' },
    });
    const to = (cluster: string) => ({
      key: `test:${randomUUID()}`,
      recipientKind: 'city' as const,
      cityId: city.id,
      cluster,
      kind: said.kind,
      message: said,
      resource: '/elections/election:ESD:2027-07-01',
    });
    const [fr, en] = [to('ESD'), to('HEALTH')];
    await notify([fr, en]);
    const [frRow] = await rowsWithKey(fr.key);
    expect(frRow).toMatchObject({
      email: emails.esd,
      subject: 'Le vote est ouvert pour la coordination du cluster ESD',
      link: '/app/city/elections/election:ESD:2027-07-01',
    });
    expect(frRow!.body.replace(/\s/g, ' ')).toBe(
      "Votez maintenant : approuvez jusqu'à 2 candidature(s) avant le 14 mars 2027 à 16:30 UTC. Vous pouvez modifier votre bulletin jusque-là.",
    );
    expect((await rowsWithKey(en.key))[0]).toMatchObject({
      email: emails.health,
      subject: 'Voting is open for ESD coordinators',
    });

    // Once the representative has chosen a language of their own (a person), it wins.
    const em = orm.em.fork();
    em.create(Person, { email: emails.esd, name: 'Rep', language: 'en', staffRole: null });
    await em.flush();
    const again = to('ESD');
    await notify([again]);
    expect((await rowsWithKey(again.key))[0]).toMatchObject({ subject: 'Voting is open for ESD coordinators' });
  });

  it("writes a donor's instalment in the contact's language with its USD value, linking to the donor portal", async () => {
    const em = orm.em.fork();
    const tag = randomUUID().slice(0, 8);
    const donor = em.create(Donor, {
      name: `Donor ${tag}`,
      type: 'foundation',
      contactName: 'Awa',
      contactEmail: `awa-${tag}@example.org`,
    });
    em.create(Person, { email: `awa-${tag}@example.org`, name: 'Awa', language: 'fr', staffRole: null });
    // A currency of its own, so no other test's rate is the latest one.
    const currency = 'XOF';
    await em.getConnection().execute(`delete from fx_rate where currency = ?`, [currency]);
    em.create(FxRate, { currency, date: '2026-01-01', rateToUsd: '0.0016' });
    await em.flush();
    const said = message('pledge.instalment-due', {
      seq: 2,
      due: { date: '2027-01-31' },
      amount: { money: { minor: 5_000_000, currency } },
    });
    const req = {
      key: `test:${randomUUID()}`,
      recipientKind: 'donor' as const,
      donorId: donor.id,
      kind: said.kind,
      message: said,
      resource: '/pledges/p-1',
    };
    await notify([req]);
    const [row] = await rowsWithKey(req.key);
    expect(row).toMatchObject({ subject: 'La tranche 2 est due le 31 janvier 2027', link: '/app/donor/pledges/p-1' });
    expect(row!.body.replace(/\s/g, ' ')).toBe(
      '5 000 000 F CFA (8 000,00 $US) de votre promesse de don au GNLC de l’UNESCO arrive à échéance le 31 janvier 2027.',
    );

    // The secretariat reads the donor by name, in English.
    const escalation = message('pledge.instalment-escalation', {
      seq: 2,
      due: { date: '2027-01-31' },
      donor: { donor: donor.id },
      amount: { money: { minor: 5_000_000, currency } },
      times: 2,
    });
    const told = { ...req, key: `test:${randomUUID()}`, recipientKind: 'secretariat' as const, message: escalation };
    await notify([told]);
    const [toldRow] = await rowsWithKey(told.key);
    expect(toldRow!.link).toBe('/app/pledges/p-1');
    expect(toldRow!.body.replace(/\s/g, ' ')).toBe(
      `Donor Donor ${tag} still owes F CFA 5,000,000 (US$8,000.00) of instalment 2; the donor was reminded 2 time(s).`,
    );
  });

  it("keeps the text of a request written before the catalogue (a running history), with its reader's link", async () => {
    const req = request({ resource: '/workshops/w-1' });
    await notify([req]);
    expect((await rowsWithKey(req.key))[0]).toMatchObject({
      subject: 'A test message',
      body: 'Hello',
      link: '/app/workshops/w-1',
    });
  });
});
