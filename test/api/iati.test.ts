// GET /funds/iati.xml through HTTP, in a database of its own (the funds' figures are global):
// receipts in two currencies from two donors, one pledge split across two funds, allocations in
// 2- 0- and 3-decimal currencies (one reduced), disbursements to cities in three countries. The
// file validates against the official IATI 2.03 XSD (lxml) and its transactions add up, per fund
// and currency in minor units, to GET /funds; donors and cities are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAmount } from '../../domain/money.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { financialPledge } from '../support/funding.js';
import { fixtures, httpClient, unique, type Fixtures, type Http } from '../support/http.js';
import { freshDatabase } from '../support/fresh-database.js';
import { readIati } from '../support/iati.js';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let app: TestApp;
let http: Http;
let fx: Fixtures;

beforeAll(async () => {
  db = await freshDatabase();
  app = await startTestApp({ orm: db.orm });
  http = httpClient(app.url);
  fx = fixtures(http);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

async function ok<T = any>(r: Promise<{ status: number; body: T }>, status = 201): Promise<T> {
  const res = await r;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}
// Signed: a reduction is a commitment of negative value.
const minor = (value: string, currency: string) => {
  const p = parseAmount(value.replace(/^-/, ''), currency);
  if (!p.ok) throw new Error(`${value} ${currency}: ${p.message}`);
  return value.startsWith('-') ? -p.value : p.value;
};

describe('GET /funds/iati.xml', () => {
  it('validates against the IATI 2.03 schema and adds up to GET /funds per fund and currency', async () => {
    for (const [currency, rateToUsd] of [
      ['EUR', '1.08'],
      ['JPY', '0.0067'],
    ])
      expect([200, 201]).toContain((await http.post('/fx-rates', { currency, date: '2026-01-01', rateToUsd })).status);

    const foundation = await fx.donor({ name: unique('Fondation "Lumière" & <Fils>'), type: 'foundation' });
    const ministry = await fx.donor({ name: unique('Ministry of Education'), type: 'national_government' });
    // The ministry has an IATI organisation identifier in the registry; the foundation has none.
    expect((await http.patch(`/donors/${ministry.id}`, { iatiOrgRef: 'not an id' })).status).toBe(400);
    expect(await ok(http.patch(`/donors/${ministry.id}`, { iatiOrgRef: 'XM-DAC-7' }), 200)).toMatchObject({
      iatiOrgRef: 'XM-DAC-7',
    });
    const cologne = await fx.city({ name: unique('Köln & Umland'), country: 'DE' });
    const berlin = await fx.city({ country: 'DE' });
    const nairobi = await fx.city({ country: 'KE' });
    const lyon = await fx.city({ country: 'FR' });

    // A EUR pledge split 60/40 between the MDFM and capacity building, received in one receipt.
    const split = await ok(http.post('/pledges', financialPledge(foundation.id)));
    await ok(
      http.put(`/pledges/${split.id}/split`, {
        parts: [
          { fund: 'mdfm', basisPoints: 6000 },
          { fund: 'capacity_building_ldc', basisPoints: 4000 },
        ],
      }),
      200,
    );
    await ok(
      http.post(`/pledges/${split.id}/receipts`, {
        amount: { currency: 'EUR', value: '100000.01' },
        receivedOn: '2026-02-03',
      }),
    );
    // A JPY pledge to the MDFM from another donor.
    const yen = await ok(
      http.post(
        '/pledges',
        financialPledge(ministry.id, {
          amount: { currency: 'JPY', value: '5000000' },
          instalments: [{ due: '2026-03-01', amount: '5000000' }],
        }),
      ),
    );
    await ok(
      http.post(`/pledges/${yen.id}/receipts`, {
        amount: { currency: 'JPY', value: '1500001' },
        receivedOn: '2026-03-01',
      }),
    );

    const allocation = async (fund: string, amount: { currency: string; value: string }, extra = {}) =>
      ok(
        http.post(`/funds/${fund}/allocations`, {
          activity: { kind: 'workshop', title: unique('Workshop <Africa> & LDCs') },
          amount,
          allocatedOn: '2026-03-10',
          ...extra,
        }),
      );
    const eur = await allocation('mdfm', { currency: 'EUR', value: '50000.00' });
    const kwd = await allocation('mdfm', { currency: 'KWD', value: '1000.125' }, { fxRateToUsd: '3.25' });
    const jpy = await allocation('capacity_building_ldc', { currency: 'JPY', value: '100001' });
    await ok(
      http.post(`/fund-allocations/${kwd.id}/changes`, { action: 'reduce', amount: '900.001', note: 'smaller venue' }),
      200,
    );
    // An allocation cancelled before any disbursement: committed, then taken back in full.
    const cancelled = await allocation('mdfm', { currency: 'EUR', value: '1234.56' });
    await ok(http.post(`/fund-allocations/${cancelled.id}/changes`, { action: 'cancel', note: 'postponed' }), 200);

    const disburse = (id: string, amount: { currency: string; value: string }, cityIds: string[]) =>
      ok(http.post(`/fund-allocations/${id}/disbursements`, { amount, disbursedOn: '2026-04-01', cityIds }));
    await disburse(eur.id, { currency: 'EUR', value: '30000.01' }, [cologne.id, berlin.id, nairobi.id]);
    await disburse(kwd.id, { currency: 'KWD', value: '500.001' }, [lyon.id]);
    await disburse(jpy.id, { currency: 'JPY', value: '99999' }, [nairobi.id, lyon.id]);

    const viewer = await fx.token('viewer');
    const res = await http.get<string>('/funds/iati.xml', { token: viewer });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    const read = readIati(res.body);
    expect(read.errors).toEqual([]);
    expect(read.valid).toBe(true);
    expect(read.version).toBe('2.03');

    const funds = (await ok(http.get('/funds'), 200)).items as {
      fund: string;
      byCurrency: { currency: string; received: string; allocated: string; disbursed: string }[];
    }[];
    expect(read.activities.map((a) => a.id)).toEqual(funds.map((f) => `XM-DAC-41304-${f.fund}`));
    const kinds = { '1': 'received', '2': 'allocated', '3': 'disbursed' } as const;
    for (const [i, f] of funds.entries()) {
      const fromFile = new Map<string, number>();
      for (const t of read.activities[i]!.transactions) {
        const m = minor(t.value, t.currency);
        // Every value has exactly its currency's decimals (written from minor units).
        expect(t.value, `${t.currency} ${t.value}`).toMatch(
          { JPY: /^-?\d+$/, KWD: /^-?\d+\.\d{3}$/, EUR: /^-?\d+\.\d{2}$/ }[t.currency as 'JPY'] ?? /^-?\d+\.\d{2}$/,
        );
        const k = `${kinds[t.type as '1']}:${t.currency}`;
        fromFile.set(k, (fromFile.get(k) ?? 0) + m);
      }
      const fromReport = new Map<string, number>();
      for (const c of f.byCurrency)
        for (const kind of ['received', 'allocated', 'disbursed'] as const) {
          const m = minor(c[kind], c.currency);
          if (m) fromReport.set(`${kind}:${c.currency}`, m);
        }
      expect(Object.fromEntries(fromFile), f.fund).toEqual(Object.fromEntries(fromReport));
    }

    // The fixture's figures, spelled out: the split receipt's largest remainder, the reduction and the
    // cancellation as commitments of negative value on the day they were made (after the commitment
    // they adjust, which keeps its first value), a disbursement's value shared by its cities' countries.
    const mdfm = read.activities[0]!.transactions;
    const ldc = read.activities[1]!.transactions;
    expect(mdfm.filter((t) => t.type === '1').map((t) => [t.currency, t.value, t.provider, t.providerRef])).toEqual([
      ['EUR', '60000.01', foundation.name, null],
      ['JPY', '1500001', ministry.name, 'XM-DAC-7'],
    ]);
    expect(ldc.filter((t) => t.type === '1').map((t) => t.value)).toEqual(['40000.00']);
    const today = new Date().toISOString().slice(0, 10);
    expect(mdfm.filter((t) => t.type === '2').map((t) => [t.currency, t.value, t.valueDate])).toEqual([
      ['EUR', '50000.00', '2026-03-10'],
      ['KWD', '1000.125', '2026-03-10'],
      ['KWD', '-100.124', today],
      ['EUR', '1234.56', '2026-03-10'],
      ['EUR', '-1234.56', today],
    ]);
    expect(res.body).toContain(`<transaction ref="${kwd.id}-change-2">`);
    expect(res.body).toContain(`<transaction ref="${cancelled.id}-change-2">`);
    expect(mdfm.filter((t) => t.type === '3').map((t) => [t.currency, t.value, t.country])).toEqual([
      ['EUR', '20000.01', 'DE'],
      ['EUR', '10000.00', 'KE'],
      ['KWD', '500.001', 'FR'],
    ]);
    expect(mdfm.find((t) => t.country === 'DE')!.receiver).toBe([berlin.name, cologne.name].sort().join(', '));
    expect(ldc.filter((t) => t.type === '3').map((t) => [t.value, t.country])).toEqual([
      ['50000', 'FR'],
      ['49999', 'KE'],
    ]);
    // The registry's names arrive intact through the escaping.
    expect(res.body).toContain('&amp; &lt;Fils&gt;');
  });

  it('refuses donors and cities, and callers without a token', async () => {
    const donor = await fx.donor();
    const city = await fx.city();
    const donorToken = await fx.token('donor', { donorId: donor.id });
    const cityToken = await fx.token('city', { cityId: city.id });
    expect((await http.get('/funds/iati.xml', { token: donorToken })).status).toBe(403);
    expect((await http.get('/funds/iati.xml', { token: cityToken })).status).toBe(403);
    expect((await http.get('/funds/iati.xml', { token: null })).status).toBe(401);
    // The secretariat reads it too, under its configured identifier.
    const res = await http.get<string>('/funds/iati.xml');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<reporting-org ref="XM-DAC-41304" type="40">');
  });
});
