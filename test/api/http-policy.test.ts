// What every request gets, whatever its route: a request id (the caller's when sane) in the answer,
// in its problem document and on its one JSON log line (with route template, status, latency and the
// kind of principal, and no credential or e-mail address); helmet's headers; 405 with Allow.
import { describe, expect, it } from 'vitest';
import { SECRETARIAT, useTestApp } from '../support/app.js';
import { unique } from '../support/http.js';
import { createLogger } from '../../platform/logger.js';

interface Line {
  level: number;
  msg: string;
  requestId?: string;
  req?: { method: string; path: string };
  res?: { status: number };
  route?: string | null;
  ms?: number;
  principal?: { kind: string; role?: string };
  [k: string]: unknown;
}
const raw: string[] = [];
const lines = (): Line[] => raw.map((l) => JSON.parse(l) as Line);
const logger = createLogger('info', { write: (s: string) => void raw.push(s) });

const api = useTestApp({ worker: false, logger });
const { http, fx } = api;

/** The request line of the request whose answer carried `id`; written when the answer is finished. */
async function lineOf(id: string): Promise<Line> {
  await expect.poll(() => lines().filter((l) => l.requestId === id && l.res).length).toBe(1);
  return lines().find((l) => l.requestId === id && l.res)!;
}

describe('request ids', () => {
  it('keeps a sane X-Request-Id, replaces any other, and returns it', async () => {
    const kept = await http.get('/countries', { headers: { 'x-request-id': 'edge-proxy.4f2a:17' } });
    expect(kept.headers.get('x-request-id')).toBe('edge-proxy.4f2a:17');
    for (const bad of ['two words', 'x'.repeat(200), '"quoted"', '<script>']) {
      const r = await http.get('/countries', { headers: { 'x-request-id': bad } });
      expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    const generated = await http.get('/countries');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names the request in every problem document', async () => {
    const r = await http.get('/cities/not-a-uuid', { headers: { 'x-request-id': 'support-ticket-42' } });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ requestId: 'support-ticket-42', instance: 'urn:request:support-ticket-42' });
    const unauthenticated = await http.get('/cities', { token: null });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.body.requestId).toBe(unauthenticated.headers.get('x-request-id'));
    const unknown = await http.get('/no/such/route');
    expect(unknown.body.requestId).toBe(unknown.headers.get('x-request-id'));
  });
});

describe('request log', () => {
  it('writes one JSON line per request with the route template, status, latency and principal kind', async () => {
    const city = await fx.city();
    const r = await http.get(`/cities/${city.id}`, { headers: { 'x-request-id': `read-${city.id}` } });
    expect(r.status).toBe(200);
    const line = await lineOf(`read-${city.id}`);
    expect(line).toMatchObject({
      level: 30,
      service: 'gnlc-engine',
      req: { method: 'GET', path: `/cities/${city.id}` },
      res: { status: 200 },
      route: '/cities/:id',
      principal: { kind: 'configured-token', role: 'secretariat' },
      msg: 'GET /cities/:id 200',
    });
    expect(line.ms).toEqual(expect.any(Number));

    const issued = await http.post('/tokens', { role: 'viewer', label: unique('log reader') });
    const asViewer = await http.get('/cities', { token: issued.body.token, headers: { 'x-request-id': 'viewer-1' } });
    expect(asViewer.status).toBe(200);
    expect((await lineOf('viewer-1')).principal).toEqual({ kind: 'token', role: 'viewer' });

    const anonymous = await http.get('/cities', { token: null, headers: { 'x-request-id': 'anonymous-1' } });
    expect(anonymous.status).toBe(401);
    expect(await lineOf('anonymous-1')).toMatchObject({ principal: { kind: 'anonymous' }, res: { status: 401 } });
    // Unmatched paths have no template; the line names the path.
    await http.get('/no/such/route', { headers: { 'x-request-id': 'unmatched-1' } });
    expect(await lineOf('unmatched-1')).toMatchObject({ route: null, msg: 'GET /no/such/route 404' });
  });

  it('never logs a token, a cookie, a CSRF token, a query string or an e-mail address', async () => {
    const city = await fx.city();
    const email = `rep.${Date.now()}@private.example.org`;
    const issued = await http.post('/tokens', { role: 'secretariat', label: unique('secret holder') });
    const token: string = issued.body.token;
    const joined = await http.post(
      '/clusters/ESD/members',
      { cityId: city.id, representative: { name: 'Private Rep', email } },
      {
        token,
        headers: {
          cookie: 'gnlc_session=cookie-secret-value-123',
          'x-csrf-token': 'csrf-secret-value-456',
          'x-request-id': 'secrets-1',
        },
      },
    );
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    await http.get(`/people?q=${encodeURIComponent(email)}`, { headers: { 'x-request-id': 'secrets-2' } });
    await http.get(`/cities?q=x`, {
      token: 'gnlc_not-a-real-token-0123456789',
      headers: { 'x-request-id': 'secrets-3' },
    });
    await lineOf('secrets-1');
    expect((await lineOf('secrets-2')).req).toEqual({ method: 'GET', path: '/people' });
    await lineOf('secrets-3');
    const all = raw.join('');
    for (const secret of [
      token,
      SECRETARIAT,
      'gnlc_not-a-real-token-0123456789',
      'cookie-secret-value-123',
      'csrf-secret-value-456',
      email,
      encodeURIComponent(email),
    ])
      expect(all, secret).not.toContain(secret);
  });
});

describe('security headers', () => {
  it("sends helmet's headers, with a CSP that lets the app's own scripts run", async () => {
    const r = await http.get('/countries');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(r.headers.get('x-powered-by')).toBeNull();
  });
});

describe('405 Method Not Allowed', () => {
  it('answers a known path with a wrong method with 405, Allow and a problem document', async () => {
    const r = await http.put('/cities', { name: 'x' });
    expect(r.status).toBe(405);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(r.body).toMatchObject({ status: 405, title: 'Method Not Allowed' });
    expect(r.body.requestId).toBe(r.headers.get('x-request-id'));

    const one = await http.del('/cities/7b0c3a52-5d0e-4a53-9a53-3f4a55c7d1f0');
    expect(one.status).toBe(405);
    expect(one.headers.get('allow')).toBe('GET, HEAD, PATCH');
    expect((await http.post('/healthz', {}, { token: null })).headers.get('allow')).toBe('GET, HEAD');
    // Nothing was created by the refused PUT, and an unknown path is still a 404.
    expect((await http.get('/no/such/route')).status).toBe(404);
  });
});
