import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SECRETARIAT, useTestApp } from '../support/app.js';
import { unique, type HttpResult } from '../support/http.js';

const api = useTestApp({ worker: false });
const { http, fx } = api;

interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
}

function expectProblem(r: HttpResult, status: number): Problem {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(r.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status });
  return r.body as Problem;
}

const paths = (p: Problem): string[] => (p.errors ?? []).map((e) => e.path);

describe('problem details', () => {
  it('names every invalid body field', async () => {
    const p = expectProblem(
      await http.post('/cities', { name: '', country: 'Germany', yearJoined: 'soon', mayor: 'x' }),
      400,
    );
    expect(paths(p)).toEqual(expect.arrayContaining(['body.name', 'body.country', 'body.yearJoined']));
    expect(p.errors!.every((e) => typeof e.message === 'string' && e.message.length > 0)).toBe(true);
    expect(p.errors!.some((e) => e.message.includes('mayor'))).toBe(true);
    const missing = expectProblem(await http.post('/donors', {}), 400);
    expect(paths(missing)).toEqual(expect.arrayContaining(['body.name', 'body.type']));
  });

  it("writes zod's field messages in the language the client asks for, English by default", async () => {
    const body = { name: '', country: 'DE', yearJoined: 1000 };
    const byLanguage = async (acceptLanguage?: string) => {
      const p = expectProblem(
        await http.post('/cities', body, acceptLanguage ? { headers: { 'accept-language': acceptLanguage } } : {}),
        400,
      );
      return Object.fromEntries((p.errors ?? []).map((e) => [e.path, e.message]));
    };
    const english = await byLanguage();
    const french = await byLanguage('fr-FR,fr;q=0.9,en;q=0.5');
    // The same fields named either way; only the sentences differ.
    expect(Object.keys(french).sort()).toEqual(Object.keys(english).sort());
    expect(english['body.name']).toMatch(/too small|at least|>=/i);
    expect(french['body.name']).toMatch(/trop petit/i);
    expect(french['body.yearJoined']).not.toBe(english['body.yearJoined']);
    // q-values decide, not the order; an unknown language falls back to English.
    expect(await byLanguage('fr;q=0.3, en;q=0.8')).toEqual(english);
    expect(await byLanguage('de-DE')).toEqual(english);
  });

  it('names invalid path parameters and query parameters', async () => {
    expect(paths(expectProblem(await http.get('/cities/not-a-uuid'), 400))).toEqual(['params.id']);
    const q = expectProblem(await http.get('/cities?limit=abc&offset=-1&region=mars&country=DEU'), 400);
    expect(paths(q)).toEqual(expect.arrayContaining(['query.limit', 'query.offset', 'query.region', 'query.country']));
    expect(paths(expectProblem(await http.get('/clusters/ESD/members?includeEnded=yes'), 400))).toEqual([
      'query.includeEnded',
    ]);
    expect(paths(expectProblem(await http.get('/cities?limit=1&limit=2'), 400))).toEqual(['query.limit']);
  });

  it('caps the page size', async () => {
    expect(paths(expectProblem(await http.get('/cities?limit=1000'), 400))).toEqual(['query.limit']);
    expect((await http.get('/cities?limit=200')).status).toBe(200);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const p = expectProblem(await http.get('/no/such/route'), 404);
    expect(p.detail).toContain('/no/such/route');
    expectProblem(await http.put('/no/such/route', { name: 'x' }), 404);
  });

  it('refuses malformed JSON, a body that is not JSON, and a body over the limit', async () => {
    expectProblem(await http.call('POST', '/cities', { raw: '{"name": "Oops",' }), 400);
    expectProblem(await http.call('POST', '/cities', { raw: 'null' }), 400);
    expectProblem(
      await http.call('POST', '/cities', {
        raw: 'name=x&country=DE',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
    );
    expectProblem(
      await http.call('POST', '/cities', {
        raw: '{"name":"x","country":"DE"}',
        headers: { 'content-type': 'text/plain' },
      }),
      415,
    );
    const charset = expectProblem(
      await http.call('POST', '/cities', {
        raw: '{}',
        headers: { 'content-type': 'application/json; charset=latin1' },
      }),
      415,
    );
    expect(charset.title).toBe('Unsupported Media Type');
    const huge = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), country: 'DE' });
    const tooLarge = expectProblem(await http.call('POST', '/cities', { raw: huge }), 413);
    expect(tooLarge.title).toBe('Content Too Large');
  });

  it('refuses values PostgreSQL cannot store as 400s naming the field', async () => {
    expect(paths(expectProblem(await http.post('/cities', { name: 'Nul\u0000City', country: 'DE' }), 400))).toEqual([
      'body.name',
    ]);
    expect(paths(expectProblem(await http.get('/cities?q=%00'), 400))).toEqual(['query.q']);
    expect(paths(expectProblem(await http.get('/clusters/ESD%00'), 400))).toEqual(['params.code']);
    const city = await fx.city();
    const since = expectProblem(
      await http.post('/clusters/ESD/members', {
        cityId: city.id,
        since: '0000-01-01',
        representative: { name: 'R', email: 'r@example.org' },
      }),
      400,
    );
    expect(paths(since)).toEqual(['body.since']);
    expect((await http.get(`/cities?cluster=ESD&q=${encodeURIComponent(city.name)}`)).body.total).toBe(0);
  });

  it('answers a badly encoded path with a 400 problem, not a 500', async () => {
    expectProblem(await http.get('/cities/%E0%A4%A'), 400);
    expectProblem(await http.get('/clusters/%ZZ/members'), 400);
  });
});

describe('pagination', () => {
  it('reports the total and pages through it', async () => {
    const prefix = unique('Paged');
    for (let i = 0; i < 5; i++) await fx.city({ name: `${prefix} ${i}` });
    const q = `q=${encodeURIComponent(prefix)}`;
    const first = await http.get(`/cities?${q}&limit=2`);
    expect(first.body).toMatchObject({ total: 5, limit: 2, offset: 0 });
    expect(first.body.items.map((c: { name: string }) => c.name)).toEqual([`${prefix} 0`, `${prefix} 1`]);
    const last = await http.get(`/cities?${q}&limit=2&offset=4`);
    expect(last.body).toMatchObject({ total: 5, limit: 2, offset: 4 });
    expect(last.body.items.map((c: { name: string }) => c.name)).toEqual([`${prefix} 4`]);
    const beyond = await http.get(`/cities?${q}&offset=50`);
    expect(beyond.body).toMatchObject({ total: 5, items: [] });
    expect((await http.get(`/cities?${q}`)).body.limit).toBe(50);
  });

  it('finds funding partners by part of the name, its % and _ taken literally', async () => {
    const prefix = unique('Fondation');
    const plain = await fx.donor({ name: `${prefix} Alpha` });
    const percent = await fx.donor({ name: `${prefix} 100% Beta` });
    const names = async (q: string) =>
      (await http.get(`/donors?q=${encodeURIComponent(q)}`)).body.items.map((d: { id: string }) => d.id);
    expect(await names(prefix)).toEqual([percent.id, plain.id]);
    expect(await names(`${prefix} 100%`)).toEqual([percent.id]);
    expect(await names(`${prefix} _`)).toEqual([]);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and body and creates one city', async () => {
    const name = unique('Idem');
    const key = randomUUID();
    const headers = { 'idempotency-key': key };
    const first = await http.post('/cities', { name, country: 'FR' }, { headers });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const second = await http.post('/cities', { name, country: 'FR' }, { headers });
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    const listed = await http.get(`/cities?q=${encodeURIComponent(name)}`);
    expect(listed.body.total).toBe(1);

    const changed = expectProblem(await http.post('/cities', { name: `${name} bis`, country: 'FR' }, { headers }), 422);
    expect(changed.detail).toMatch(/Idempotency-Key/);
    expect((await http.get(`/cities?q=${encodeURIComponent(name)}`)).body.total).toBe(1);
  });

  it('keeps keys apart per token and does not burn a key on an invalid request', async () => {
    const key = randomUUID();
    const headers = { 'idempotency-key': key };
    expectProblem(await http.post('/cities', { name: '', country: 'FR' }, { headers }), 400);
    const name = unique('Idem');
    expect((await http.post('/cities', { name, country: 'FR' }, { headers })).status).toBe(201);
    const other = await fx.token('secretariat');
    const again = await http.post('/cities', { name: `${name} 2`, country: 'FR' }, { headers, token: other });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expectProblem(
      await http.post('/cities', { name, country: 'FR' }, { headers: { 'idempotency-key': 'k'.repeat(201) } }),
      400,
    );
  });
});

describe('Idempotency-Key under concurrency', () => {
  it('runs one effect for concurrent duplicates: the others replay it or get 409 with Retry-After, never a 5xx', async () => {
    const name = unique('Concurrent');
    const headers = { 'idempotency-key': randomUUID() };
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => http.post('/cities', { name, country: 'KE' }, { headers })),
    );
    const statuses = answers.map((a) => a.status);
    expect(
      statuses.every((s) => s === 201 || s === 409),
      statuses.join(),
    ).toBe(true);
    for (const a of answers.filter((x) => x.status === 409))
      expect(Number(a.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await http.get(`/cities?q=${encodeURIComponent(name)}`)).body.total).toBe(1);
  });

  it('lets concurrent duplicates of a failing request each fail cleanly, and claims nothing', async () => {
    // An unknown cluster fails after the key is claimed; the claim is released for the next try.
    const headers = { 'idempotency-key': randomUUID() };
    const city = await fx.city();
    const body = { cityId: city.id, representative: { name: 'Rep', email: 'rep@example.org' } };
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => http.post('/clusters/NOPE/members', body, { headers })),
    );
    expect(
      answers.map((a) => a.status).every((s) => s === 404 || s === 409),
      answers.map((a) => a.status).join(),
    ).toBe(true);
    expect((await http.post('/clusters/ESD/members', body, { headers })).status).toBe(201);
  });

  it('refuses an empty or blank key with 400', async () => {
    for (const key of ['', '   ']) {
      expectProblem(
        await http.post('/cities', { name: unique('Blank'), country: 'FR' }, { headers: { 'idempotency-key': key } }),
        400,
      );
    }
  });

  it('accepts a body-less action sent with a JSON content type and no body', async () => {
    const res = await fetch(`${api.app.url}/people/${randomUUID()}/sign-out`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRETARIAT}`, 'content-type': 'application/json' },
    });
    expect(res.status).toBe(404);
  });
});

describe('audit trail', () => {
  it('records who made each mutating request and how it ended', async () => {
    const city = await fx.city();
    const cityToken = await http.post('/tokens', { role: 'city', cityId: city.id, label: unique('audit') });
    await http.patch(`/cities/${city.id}`, { name: unique('Audited') }, { token: cityToken.body.token });
    await http.patch(`/cities/${city.id}`, { status: 'withdrawn' }, { token: cityToken.body.token });
    await http.get(`/cities/${city.id}`);

    const r = await http.get(`/audit-events?path=${encodeURIComponent(`/cities/${city.id}`)}`);
    expect(r.status).toBe(200);
    const events = r.body.items.map((e: Record<string, unknown>) => ({
      method: e.method,
      path: e.path,
      status: e.status,
      actorRole: e.actorRole,
      actorTokenId: e.actorTokenId,
    }));
    expect(events).toEqual(
      expect.arrayContaining([
        {
          method: 'PATCH',
          path: `/cities/${city.id}`,
          status: 200,
          actorRole: 'city',
          actorTokenId: cityToken.body.id,
        },
        {
          method: 'PATCH',
          path: `/cities/${city.id}`,
          status: 403,
          actorRole: 'city',
          actorTokenId: cityToken.body.id,
        },
      ]),
    );
    expect(events.every((e: { method: string }) => e.method !== 'GET')).toBe(true);

    const created = await http.get('/audit-events?path=/cities&limit=200');
    expect(created.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          method: 'POST',
          path: '/cities',
          status: 201,
          actorRole: 'secretariat',
          actorTokenId: null,
        }),
      ]),
    );
  });

  it('records a replayed request with the status it answered, and a refused one', async () => {
    const issued = await http.post('/tokens', { role: 'secretariat', label: unique('replayer') });
    const token: string = issued.body.token;
    const key = randomUUID();
    const body = { name: unique('Replay'), type: 'corporate' };
    await http.post('/donors', body, { token, headers: { 'idempotency-key': key } });
    const replay = await http.post('/donors', body, { token, headers: { 'idempotency-key': key } });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const viewer = await http.post('/tokens', { role: 'viewer', label: unique('refused') });
    expect((await http.post('/donors', body, { token: viewer.body.token })).status).toBe(403);

    const r = await http.get('/audit-events?path=/donors&limit=200');
    const statusesBy = (tokenId: string) =>
      r.body.items
        .filter((e: { actorTokenId: string }) => e.actorTokenId === tokenId)
        .map((e: { status: number }) => e.status);
    expect(statusesBy(issued.body.id)).toEqual([201, 201]);
    expect(statusesBy(viewer.body.id)).toEqual([403]);
  });
});

describe('operations endpoints', () => {
  it('reports liveness and readiness of PostgreSQL and Temporal', async () => {
    const live = await http.get('/healthz', { token: null });
    expect(live.status).toBe(200);
    expect(live.body.status).toBe('ok');
    // This file's API runs without a worker: reachable dependencies, but not ready to run processes.
    const ready = await http.get('/readyz', { token: null });
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({
      status: 'unavailable',
      checks: { database: 'ok', temporal: 'ok', worker: 'no worker polling' },
    });
  });

  it('exposes Prometheus metrics with request counts', async () => {
    await http.get('/cities');
    const m = await http.get('/metrics', { token: null });
    expect(m.status).toBe(200);
    expect(m.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(m.body).toMatch(/^http_requests_total\{method="GET",route="\/cities",status="200"\} \d+$/m);
  });

  it('shows the secretariat the outbox (pending, failed, oldest) and exports it as a gauge', async () => {
    const pending = await api.app.orm.em
      .getConnection()
      .execute<{ n: string }[]>(
        'select count(*) as n from notification where delivered_at is null and failed_at is null and email is not null',
      );
    const r = await http.get('/notifications/outbox');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      pending: Number(pending[0]!.n),
      failed: expect.any(Number),
      oldestPendingAt: Number(pending[0]!.n) > 0 ? expect.any(String) : null,
    });
    expect((await http.get('/notifications/outbox', { token: await fx.token('viewer') })).status).toBe(403);
    const m = await http.get('/metrics', { token: null });
    expect(m.body).toMatch(/^gnlc_outbox_messages\{state="pending"\} \d+$/m);
    expect(m.body).toMatch(/^gnlc_outbox_messages\{state="failed"\} \d+$/m);
  });

  it('publishes an OpenAPI 3.1 document covering every served route', async () => {
    const r = await http.get('/openapi.json', { token: null });
    expect(r.status).toBe(200);
    const doc = r.body as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.components.schemas).toHaveProperty('Problem');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/cities',
        '/cities/{id}',
        '/clusters',
        '/clusters/{code}',
        '/clusters/{code}/members',
        '/clusters/{code}/members/{cityId}',
        '/tokens',
        '/tokens/{id}',
        '/me',
        '/donors',
        '/donors/{id}',
        '/countries',
        '/notifications',
        '/notifications/outbox',
        '/audit-events',
        '/healthz',
        '/readyz',
        '/metrics',
      ]),
    );
    expect(Object.keys(doc.paths['/cities/{id}']!).sort()).toEqual(['get', 'patch']);

    // The other direction: every documented operation is served (a 404 here would say "route … not found").
    const sample: Record<string, string> = { id: randomUUID(), code: 'ESD', cityId: randomUUID() };
    for (const [path, ops] of Object.entries(doc.paths)) {
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => sample[name]!);
      for (const method of Object.keys(ops)) {
        const res = await http.call(method.toUpperCase(), url, {
          token: SECRETARIAT,
          body: method === 'get' || method === 'delete' ? undefined : {},
        });
        const routeMissing = res.status === 404 && String(res.body?.detail).startsWith('route ');
        expect(routeMissing, `${method} ${path}`).toBe(false);
        // Without a worker this file's API is honestly not ready; nothing else may answer 5xx.
        if (path !== '/readyz') expect(res.status, `${method} ${path}`).toBeLessThan(500);
      }
    }
  });

  it('serves the API docs UI', async () => {
    const r = await http.get('/docs/', { token: null });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.body).toMatch(/swagger-ui/i);
  });
});
