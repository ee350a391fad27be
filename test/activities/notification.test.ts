import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createNotificationActivities } from '../../activities/notification.js';
import { City, Donor, Membership } from '../../db/entities/index.js';
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
  const rep = (cluster: string, email: string, since: string, until: string | null) =>
    em.create(Membership, {
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
  rep('ESD', emails.esd, '2022-06-01', null);
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
});
