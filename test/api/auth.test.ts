import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp, startTestApp, type TestApp } from '../support/app.js';
import { httpClient, unique, type HttpResult } from '../support/http.js';

const api = useTestApp({ worker: false });
const { http, fx } = api;

function expectProblem(r: HttpResult, status: number): void {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(r.body).toMatchObject({ status, title: expect.any(String) });
}

describe('tokens', () => {
  it('refuses a missing or unknown token with a 401 problem', async () => {
    expectProblem(await http.get('/cities', { token: null }), 401);
    expectProblem(await http.get('/cities', { token: 'gnlc_not-a-real-token' }), 401);
    expectProblem(await http.get('/cities', { headers: { authorization: 'Basic dXNlcjpwYXNz' }, token: null }), 401);
  });

  it('issues a token once, never lists its secret, and revokes it', async () => {
    const label = unique('ops');
    const issued = await http.post('/tokens', { role: 'viewer', label });
    expect(issued.status).toBe(201);
    expect(issued.body.token).toMatch(/^gnlc_/);
    expect(issued.headers.get('location')).toBe(`/tokens/${issued.body.id}`);
    const secret: string = issued.body.token;

    const list = await http.get('/tokens?limit=200');
    expect(list.status).toBe(200);
    const listed = list.body.items.find((t: { id: string }) => t.id === issued.body.id);
    expect(listed).toMatchObject({ role: 'viewer', label, revokedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(secret);
    for (const t of list.body.items) expect(t).not.toHaveProperty('token');

    expect((await http.get('/me', { token: secret })).status).toBe(200);
    expect((await http.del(`/tokens/${issued.body.id}`)).status).toBe(204);
    expectProblem(await http.get('/me', { token: secret }), 401);
    const after = await http.get('/tokens?limit=200');
    expect(after.body.items.find((t: { id: string }) => t.id === issued.body.id).revokedAt).not.toBeNull();
    expectProblem(await http.del('/tokens/00000000-0000-4000-8000-000000000000'), 404);
  });

  it('never shows or stores the secret again, even for an Idempotency-Key replay', async () => {
    const headers = { 'idempotency-key': `token-${unique('k').replace(' ', '-')}` };
    const body = { role: 'viewer', label: unique('idem') };
    const first = await http.post('/tokens', body, { headers });
    expect(first.status).toBe(201);
    const replay = await http.post('/tokens', body, { headers });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    expect(replay.body).not.toHaveProperty('token');
    const stored = await api.app.orm.em
      .getConnection()
      .execute<{ body: string }[]>('select body::text as body from idempotency_record where key = ?', [
        headers['idempotency-key'],
      ]);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.body).not.toContain(first.body.token);
    expect(
      (await http.get('/tokens?limit=200')).body.items.filter((t: { label: string }) => t.label === body.label),
    ).toHaveLength(1);
  });

  it('lets only the secretariat issue, list and revoke tokens', async () => {
    const city = await fx.city();
    const cityToken = await fx.token('city', { cityId: city.id });
    expectProblem(await http.post('/tokens', { role: 'secretariat', label: 'escalate' }, { token: cityToken }), 403);
    expectProblem(await http.get('/tokens', { token: cityToken }), 403);
    const viewer = await http.post('/tokens', { role: 'viewer', label: unique('v') });
    expectProblem(await http.del(`/tokens/${viewer.body.id}`, { token: cityToken }), 403);
    expect((await http.get('/me', { token: viewer.body.token })).status).toBe(200);
  });

  it('refuses every write to a read-only token but lets it read', async () => {
    const ro = await fx.token('secretariat', { readOnly: true });
    expect((await http.get('/cities', { token: ro })).status).toBe(200);
    expectProblem(await http.post('/cities', { name: unique('City'), country: 'DE' }, { token: ro }), 403);
    expectProblem(await http.post('/tokens', { role: 'viewer', label: 'x' }, { token: ro }), 403);
  });

  it('tells a token who it is', async () => {
    const env = await http.get('/me');
    expect(env.body).toEqual({
      role: 'secretariat',
      tokenId: null,
      cityId: null,
      donorId: null,
      readOnly: false,
      person: null,
      access: [],
      session: null,
    });
    const city = await fx.city();
    const issued = await http.post('/tokens', { role: 'city', cityId: city.id, label: unique('c'), readOnly: true });
    const me = await http.get('/me', { token: issued.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      role: 'city',
      tokenId: issued.body.id,
      cityId: city.id,
      donorId: null,
      readOnly: true,
      person: null,
      access: [],
      session: null,
    });
  });
});

describe('city tokens act for their own city only', () => {
  it('renames its own city but may not change its status or another city', async () => {
    const own = await fx.city();
    const other = await fx.city();
    const token = await fx.token('city', { cityId: own.id });

    const renamed = await http.patch(`/cities/${own.id}`, { name: unique('Renamed') }, { token });
    expect(renamed.status).toBe(200);
    expectProblem(await http.patch(`/cities/${own.id}`, { status: 'withdrawn' }, { token }), 403);
    expectProblem(await http.patch(`/cities/${other.id}`, { name: 'Hijacked' }, { token }), 403);
    expect((await http.get(`/cities/${other.id}`)).body).toMatchObject({ name: other.name, status: 'member' });
    expect((await http.get(`/cities/${own.id}`)).body.status).toBe('member');
    expectProblem(await http.post('/cities', { name: unique('City'), country: 'DE' }, { token }), 403);
  });

  it('joins a cluster itself but cannot enrol or remove another city', async () => {
    const own = await fx.city();
    const other = await fx.city();
    const token = await fx.token('city', { cityId: own.id });
    const rep = { name: 'Rep', email: 'rep@example.org', expertise: ['health'] };

    expectProblem(
      await http.post('/clusters/HEALTH/members', { cityId: other.id, representative: rep }, { token }),
      403,
    );
    const members = await http.get('/clusters/HEALTH/members?limit=200');
    expect(members.body.items.some((m: { cityId: string }) => m.cityId === other.id)).toBe(false);

    expect(
      (await http.post('/clusters/HEALTH/members', { cityId: own.id, representative: rep }, { token })).status,
    ).toBe(201);
    await fx.member('HEALTH', other.id);
    expectProblem(await http.del(`/clusters/HEALTH/members/${other.id}`, { token }), 403);
    expect((await http.del(`/clusters/HEALTH/members/${own.id}`, { token })).status).toBe(204);
  });

  it("shows a representative's e-mail to the secretariat and the city itself only", async () => {
    const a = await fx.city();
    const b = await fx.city();
    await fx.member('PLANNING', a.id);
    await fx.member('PLANNING', b.id);
    const tokenA = await fx.token('city', { cityId: a.id });
    const viewer = await fx.token('viewer');
    const rep = async (token: string | undefined, cityId: string) => {
      const r = await http.get('/clusters/PLANNING/members?limit=200', { token });
      expect(r.status).toBe(200);
      return r.body.items.find((m: { cityId: string }) => m.cityId === cityId).representative;
    };

    expect((await rep(undefined, a.id)).email).toBe(`rep-${a.id.slice(0, 8)}@example.org`);
    expect((await rep(tokenA, a.id)).email).toBe(`rep-${a.id.slice(0, 8)}@example.org`);
    expect(await rep(tokenA, b.id)).not.toHaveProperty('email');
    expect(await rep(viewer, a.id)).not.toHaveProperty('email');
    expect((await rep(viewer, a.id)).name).toBe('Rep');
  });
});

describe('donor tokens see their own donor only', () => {
  it('lists and reads itself, changes its contact but not its name', async () => {
    const own = await fx.donor();
    const other = await fx.donor();
    const token = await fx.token('donor', { donorId: own.id });

    const list = await http.get('/donors?limit=200', { token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual([own.id]);
    expect(list.body.total).toBe(1);
    expect((await http.get(`/donors/${own.id}`, { token })).body.name).toBe(own.name);
    expectProblem(await http.get(`/donors/${other.id}`, { token }), 404);
    expectProblem(await http.patch(`/donors/${other.id}`, { contact: { name: 'X' } }, { token }), 404);

    const contact = await http.patch(
      `/donors/${own.id}`,
      { contact: { name: 'Grants desk', email: 'grants@example.org' } },
      { token },
    );
    expect(contact.status).toBe(200);
    expect(contact.body.contact).toEqual({ name: 'Grants desk', email: 'grants@example.org', language: 'en' });
    expectProblem(await http.patch(`/donors/${own.id}`, { name: 'Renamed' }, { token }), 403);
    // Its status (prospect or active) and its IATI identifier are the secretariat's to set.
    expectProblem(await http.patch(`/donors/${own.id}`, { status: 'prospect' }, { token }), 403);
    expectProblem(await http.patch(`/donors/${own.id}`, { iatiOrgRef: 'XM-DAC-1' }, { token }), 403);
    expect((await http.get(`/donors/${own.id}`)).body.name).toBe(own.name);
    expectProblem(await http.post('/donors', { name: unique('Donor'), type: 'corporate' }, { token }), 403);
  });
});

describe('viewer tokens', () => {
  it('read the registry but change nothing', async () => {
    const viewer = await fx.token('viewer');
    expect((await http.get('/cities', { token: viewer })).status).toBe(200);
    expect((await http.get('/clusters', { token: viewer })).status).toBe(200);
    expectProblem(await http.post('/cities', { name: unique('City'), country: 'DE' }, { token: viewer }), 403);
    expectProblem(await http.post('/donors', { name: unique('Donor'), type: 'corporate' }, { token: viewer }), 403);
    expectProblem(await http.get('/donors', { token: viewer }), 403);
    expectProblem(await http.get('/audit-events', { token: viewer }), 403);
  });
});

describe('failed authentication is rate limited', () => {
  let limited: TestApp | undefined;
  afterAll(() => limited?.close());

  it('answers 429 with Retry-After after the configured number of failures, never to a valid token', async () => {
    limited = await startTestApp({ worker: false, env: { AUTH_FAILURES_PER_MINUTE: '3', TRUST_PROXY: 'true' } });
    const h = httpClient(limited.url);
    // Behind a trusted proxy the client address is X-Forwarded-For's: one of this test's own.
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    const ip = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    expectProblem(await h.get('/cities', { token: null, headers: from(ip) }), 401);
    expectProblem(await h.get('/cities', { token: `gnlc_a${randomUUID()}`, headers: from(ip) }), 401);
    expectProblem(await h.get('/cities', { token: `gnlc_b${randomUUID()}`, headers: from(ip) }), 401);
    const blocked = await h.get('/cities', { token: `gnlc_c${randomUUID()}`, headers: from(ip) });
    expectProblem(blocked, 429);
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Others' failures behind the same address never refuse a valid credential.
    expect((await h.get('/cities', { headers: from(ip) })).status).toBe(200);
    // Another address is not affected; a token prefix tried from many addresses is limited too.
    expect((await h.get('/cities', { token: null, headers: from('198.51.100.7') })).status).toBe(401);
    const prefix = `gnlc_${randomUUID().slice(0, 7)}`;
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await h.get('/cities', { token: `${prefix}${i}`, headers: from(`192.0.2.${i + 10}`) })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('takes a token in the URL only on calendar feeds', async () => {
    const viewer = await fx.token('viewer');
    expect((await http.get(`/cities?access_token=${viewer}`, { token: null })).status).toBe(401);
    expect((await http.get(`/calendar.ics?access_token=${viewer}`, { token: null })).status).toBe(200);
  });
});
