// Exchange rates through the HTTP API: the table, one-by-one corrections and the CSV import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../support/app.js';
import { type Http } from '../support/http.js';

let app: TestApp;
let http: Http;

beforeAll(async () => {
  ({ app, http } = await openTestApp());
});
afterAll(() => app?.close());

describe('exchange rates', () => {
  it('keeps a table by currency and date, with an all-or-nothing CSV import', async () => {
    const bad = await http.call('POST', '/fx-rates/import', {
      raw: 'currency,date,rateToUsd\nGBP,2026-01-01,1.27\nGBP,2026-13-01,1.2\nXXX,2026-01-01,1\nJPY,2026-01-01,-1\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'body.line3.date',
      'body.line4.currency',
      'body.line5.rateToUsd',
    ]);
    expect((await http.get('/fx-rates?currency=GBP&from=2026-01-01&to=2026-01-01')).body.total).toBe(0);

    const csv = 'currency,date,rateToUsd\r\nGBP,2026-01-01,1.27\r\nJPY,2026-01-01,0.0067\r\nKWD,2026-01-01,3.25\r\n';
    const ok = await http.call('POST', '/fx-rates/import', { raw: csv, headers: { 'content-type': 'text/csv' } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.imported).toBe(3);
    const again = await http.call('POST', '/fx-rates/import', { raw: csv, headers: { 'content-type': 'text/csv' } });
    expect(again.body).toMatchObject({ imported: 3, created: 0, updated: 3 });
    const list = await http.get('/fx-rates?currency=KWD&from=2026-01-01&to=2026-01-01');
    expect(list.body.items).toEqual([{ currency: 'KWD', date: '2026-01-01', rateToUsd: '3.25' }]);
    expect((await http.post('/fx-rates', { currency: 'GBP', date: '2026-01-01', rateToUsd: '1.28' })).status).toBe(200);
    expect((await http.post('/fx-rates', { currency: 'GBP', date: '2026-01-01', rateToUsd: 1.28 })).status).toBe(400);
    expect((await http.post('/fx-rates', { currency: 'USD', date: '2026-01-01', rateToUsd: '1' })).status).toBe(400);
    expect(
      (await http.call('POST', '/fx-rates/import', { raw: 'x', headers: { 'content-type': 'text/plain' } })).status,
    ).toBe(415);
  });

  it('documents the CSV import as a text/csv request body in the OpenAPI document', async () => {
    const doc = (await http.get('/openapi.json', { token: null })).body;
    expect(Object.keys(doc.paths['/fx-rates/import'].post.requestBody.content)).toEqual(['text/csv']);
    expect(Object.keys(doc.paths['/fx-rates'].post.requestBody.content)).toEqual(['application/json']);
  });
});
