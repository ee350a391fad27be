// Dependencies down → fast, honest answers: 503 with Retry-After naming what is missing (never an
// address), /readyz not ready, nothing taking effect later, and recovery without a restart.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openOrm, type Orm } from '../../db/orm.js';
import { sqlOn, startTestApp, type TestApp } from '../support/app.js';
import { httpClient } from '../support/http.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { eventually } from '../support/workflow-env.js';

describe('with no worker polling the task queue', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ worker: false });
  });
  afterAll(() => app?.close());

  it('is not ready, refuses a start with 503 + Retry-After, and the refused request never takes effect', async () => {
    const http = httpClient(app.url);
    const ready = await http.get('/readyz', { token: null });
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({
      status: 'unavailable',
      checks: { database: 'ok', temporal: 'ok', worker: 'no worker polling' },
    });

    const refused = await http.post('/clusters/HEALTH/elections', { termStart: '2031-07-01', votingWindow: 'PT8S' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.detail).toMatch(/no worker polling/);
    const sql = sqlOn(() => app.orm);
    expect(await sql(`select id from election where cluster_code = 'HEALTH' and term_start = '2031-07-01'`)).toEqual(
      [],
    );
    // Nothing was started on the server either: there is no cycle or election workflow to run later.
    const started = app.client.workflow.list({
      query: `WorkflowId = 'cycle:HEALTH' AND TaskQueue = '${app.taskQueue}'`,
    });
    const ids: string[] = [];
    for await (const w of started) ids.push(w.workflowId);
    expect(ids).toEqual([]);
  });
});

describe('with PostgreSQL cut off', () => {
  let proxy: TcpProxy;
  let orm: Orm;
  let app: TestApp;
  beforeAll(async () => {
    const shared = new URL(inject('databaseUrl'));
    proxy = await startTcpProxy({ host: shared.hostname, port: Number(shared.port || 5432) });
    const viaProxy = new URL(shared);
    viaProxy.port = String(proxy.port);
    orm = await openOrm(viaProxy.toString(), { pool: { min: 0, max: 5, acquireTimeoutMillis: 5_000 } });
    app = await startTestApp({ orm });
  });
  afterAll(async () => {
    await app?.close();
    await orm?.close();
    await proxy?.close();
  });

  it('answers 503 within seconds, says the database is down on /readyz, and recovers by itself', async () => {
    const http = httpClient(app.url);
    expect((await http.get('/cities')).status).toBe(200);
    await eventually(
      async () => ((await http.get('/readyz', { token: null })).status === 200 ? true : undefined),
      20_000,
      'ready',
    );
    await proxy.cut();

    const read = await http.get('/cities?limit=5');
    expect(read.status).toBe(503);
    expect(read.body).toMatchObject({ status: 503, detail: 'the database is unavailable; retry shortly' });
    expect(read.headers.get('retry-after')).toBe('5');
    const write = await http.post('/cities', { name: 'Lusaka', country: 'ZM' });
    expect(write.status).toBe(503);
    const ready = await http.get('/readyz', { token: null });
    expect(ready.status).toBe(503);
    expect(ready.body.checks.database).toBe('unavailable');
    expect(JSON.stringify(ready.body)).not.toMatch(/127\.0\.0\.1|\d{4,5}/);

    await proxy.restore();
    await eventually(
      async () => ((await http.get('/cities?limit=1')).status === 200 ? true : undefined),
      20_000,
      'recovery',
    );
    expect((await http.get('/readyz', { token: null })).body.checks.database).toBe('ok');
  });
});

describe('with the namespace missing', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ worker: false, env: { TEMPORAL_NAMESPACE: `missing-${randomUUID()}` } });
  });
  afterAll(() => app?.close());

  it('is not ready and refuses a start with 503, saying so', async () => {
    const http = httpClient(app.url);
    const ready = await http.get('/readyz', { token: null });
    expect(ready.status).toBe(503);
    expect(ready.body.checks.worker).toBe('namespace missing');
    const refused = await http.post('/clusters/HEALTH/elections', { termStart: '2031-07-01' });
    expect(refused.status).toBe(503);
    expect(refused.body.detail).toMatch(/namespace missing/);
  });
});

describe('with Temporal cut off', () => {
  let proxy: TcpProxy;
  let app: TestApp;
  beforeAll(async () => {
    const [host, port] = inject('temporalAddress').split(':') as [string, string];
    proxy = await startTcpProxy({ host, port: Number(port) });
    app = await startTestApp({ worker: false, temporalAddress: `127.0.0.1:${proxy.port}` });
  });
  afterAll(async () => {
    await proxy?.restore().catch(() => undefined);
    await app?.close();
    await proxy?.close();
  });

  it('answers a start with 503 within seconds and says Temporal is down on /readyz', async () => {
    const http = httpClient(app.url);
    await proxy.cut();
    const refused = await http.post('/clusters/HEALTH/elections', { termStart: '2031-07-01' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).not.toBeNull();
    const ready = await http.get('/readyz', { token: null });
    expect(ready.status).toBe(503);
    expect(ready.body.checks.temporal).toBe('unavailable');
    expect(ready.body.checks.database).toBe('ok');
  });
});
