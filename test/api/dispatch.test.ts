// Dispatch by first path segment (api/dispatch.ts) must match exactly as the routers it regroups:
// their order, Express's case-insensitive paths, mounted middleware, optional groups, OPTIONS.
import type { AddressInfo } from 'node:net';
import express, { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bySegment, firstSegment, layerSegment } from '../../api/dispatch.js';

describe('segments', () => {
  it('reads the first segment of a request path, lower-cased', () => {
    expect(firstSegment('/Cities/42')).toBe('cities');
    expect(firstSegment('/calendar.ics')).toBe('calendar.ics');
    expect(firstSegment('/')).toBe('');
    expect(firstSegment('//cities')).toBe('');
  });

  it('refuses at startup a layer whose first segment is not literal', () => {
    const layerOf = (define: (r: Router) => void) => {
      const r = Router();
      define(r);
      return r.stack[0] as never;
    };
    const noop = () => undefined;
    expect(layerSegment(layerOf((r) => r.get('/app{/*rest}', noop)))).toBe('app');
    expect(layerSegment(layerOf((r) => r.use('/Docs', noop)))).toBe('docs');
    for (const bad of [
      (r: Router) => r.get('/:id', noop),
      (r: Router) => r.get('/foo{bar}', noop),
      (r: Router) => r.get('/*all', noop),
      (r: Router) => r.use(noop),
    ])
      expect(() => layerSegment(layerOf(bad))).toThrow(/first segment/);
  });
});

describe('bySegment', () => {
  let base = '';
  let server: ReturnType<express.Express['listen']>;
  beforeAll(async () => {
    const first = Router();
    // Falls through to the next router's layer on the same segment, as mounted routers did.
    first.get('/cities/:id', (req, res, next) => (req.params.id === 'first' ? res.send('first') : next()));
    first.use('/docs', (_req, res) => void res.send('docs'));
    const second = Router();
    second.get('/cities/:id', (req, res) => void res.send(`second ${req.params.id}`));
    second.patch('/cities/:id', (_req, res) => void res.send('patched'));
    second.get('/app{/*rest}', (req, res) => void res.send(`app ${req.path}`));
    const app = express();
    app.use(bySegment([first, second]));
    app.use((req, res) => void res.status(404).send(`none ${req.path}`));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const get = async (path: string, method = 'GET') => {
    const r = await fetch(base + path, { method });
    return { status: r.status, body: await r.text(), allow: r.headers.get('allow') };
  };

  it('keeps the routers order and Express matching', async () => {
    expect(await get('/cities/first')).toMatchObject({ status: 200, body: 'first' });
    expect(await get('/cities/7')).toMatchObject({ status: 200, body: 'second 7' });
    expect(await get('/CITIES/7')).toMatchObject({ status: 200, body: 'second 7' });
    expect(await get('/cities/7', 'PATCH')).toMatchObject({ status: 200, body: 'patched' });
    expect(await get('/docs/index.html')).toMatchObject({ status: 200, body: 'docs' });
    expect(await get('/app')).toMatchObject({ status: 200, body: 'app /app' });
    expect(await get('/app/elections/1')).toMatchObject({ status: 200, body: 'app /app/elections/1' });
  });

  it('passes on what no layer of its segment matches', async () => {
    expect(await get('/cities/7/members')).toMatchObject({ status: 404, body: 'none /cities/7/members' });
    expect(await get('/cities/7', 'DELETE')).toMatchObject({ status: 404 });
    expect(await get('/countries')).toMatchObject({ status: 404, body: 'none /countries' });
    expect(await get('/appendix')).toMatchObject({ status: 404, body: 'none /appendix' });
  });

  it('answers OPTIONS with the methods of its segment routes', async () => {
    const r = await get('/cities/7', 'OPTIONS');
    expect(r.status).toBe(200);
    expect(r.allow?.split(', ').sort()).toEqual(['GET', 'HEAD', 'PATCH']);
  });
});
