// Campaigns through the HTTP API, with the campaign and pledge workflows running on the dev server.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignWorkflowId } from '../../domain/campaign.js';
import { openTestApp, sqlOn, type TestApp } from '../support/app.js';
import { freshBiennium } from '../support/funding.js';
import { type Http, type Fixtures } from '../support/http.js';

let app: TestApp;
let http: Http;
let fx: Fixtures;

const sql = sqlOn(() => app.orm);

beforeAll(async () => {
  ({ app, http, fx } = await openTestApp());
});
afterAll(() => app?.close());

describe('campaigns', () => {
  it('opens a campaign for a biennium with its prospects, once, and shows its progress', async () => {
    const biennium = await freshBiennium(sql);
    const donors = [await fx.donor(), await fx.donor()];
    expect((await http.post('/campaigns', { biennium, donorIds: [donors[0]!.id, randomUUID()] })).status).toBe(422);
    const r = await http.post('/campaigns', {
      biennium,
      donorIds: donors.map((d) => d.id),
      target: { currency: 'USD', value: '1200000' },
      followUpEvery: 'P14D',
      digestEvery: 'P30D',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.headers.get('location')).toBe(`/campaigns/${r.body.id}`);
    expect(r.body).toMatchObject({
      biennium,
      status: 'open',
      target: { currency: 'USD', value: '1200000.00' },
      closesOn: `${biennium.slice(5)}-07-01`,
    });
    let view = r.body;
    const deadline = Date.now() + 20_000;
    while (view.prospects.length < 2 && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 100));
      view = (await http.get(`/campaigns/${r.body.id}`)).body;
    }
    expect(view.prospects.map((p: { donorId: string }) => p.donorId).sort()).toEqual(donors.map((d) => d.id).sort());
    expect(view.prospects.every((p: { status: string }) => p.status === 'prospect')).toBe(true);
    expect(view.progress.target).toBe('1200000.00');
    const prospect = await http.get(`/pledges/${view.prospects[0].pledgeId}`);
    expect(prospect.body).toMatchObject({ status: 'prospect', campaignId: r.body.id, amount: null });
    expect(
      (
        await http.post(`/pledges/${view.prospects[0].pledgeId}/transitions`, {
          to: 'in_discussion',
          note: 'first call',
        })
      ).status,
    ).toBe(200);
    expect((await http.post('/campaigns', { biennium })).status).toBe(409);
    expect((await http.get(`/campaigns/${randomUUID()}`)).status).toBe(404);
    await app.client.workflow.getHandle(campaignWorkflowId(biennium)).terminate('test over');
  });
});

describe('the list of campaigns', () => {
  it('filters by status and biennium, pages, is for staff, and names a bad filter', async () => {
    const [b1, b2] = [await freshBiennium(sql), await freshBiennium(sql)];
    const donor = await fx.donor();
    const c1 = (await http.post('/campaigns', { biennium: b1, donorIds: [donor.id] })).body;
    const c2 = (await http.post('/campaigns', { biennium: b2 })).body;
    try {
      await sql(`update campaign set status = 'closed' where id = ?`, [c2.id]);
      const r = await http.get(`/campaigns?biennium=${b1}`);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        total: 1,
        items: [{ id: c1.id, biennium: b1, status: 'open', fundingOption: 'mdfm', target: { value: '1000000.00' } }],
      });
      await expect
        .poll(async () => (await http.get(`/campaigns?biennium=${b1}`)).body.items[0].prospects, { timeout: 20_000 })
        .toBe(1);
      expect((await http.get(`/campaigns?biennium=${b2}&status=open`)).body.total).toBe(0);
      expect((await http.get(`/campaigns?biennium=${b2}&status=closed`)).body.items[0].id).toBe(c2.id);
      const all = (await http.get('/campaigns?limit=200')).body;
      const ids = all.items.map((c: { id: string }) => c.id);
      expect(ids).toEqual(expect.arrayContaining([c1.id, c2.id]));
      // Latest biennium first.
      const bienniums = all.items.map((c: { biennium: string }) => c.biennium);
      expect(bienniums).toEqual([...bienniums].sort().reverse());
      const one = (await http.get('/campaigns?limit=1&offset=1')).body;
      expect(one).toMatchObject({ total: all.total, limit: 1, offset: 1 });
      expect(one.items).toHaveLength(Math.min(1, all.total - 1));

      expect((await http.get('/campaigns', { token: await fx.token('viewer') })).status).toBe(200);
      expect((await http.get('/campaigns', { token: await fx.token('donor', { donorId: donor.id }) })).status).toBe(
        403,
      );
      for (const [q, field] of [
        ['status=paused', 'query.status'],
        ['biennium=2025-2026', 'query.biennium'],
        ['limit=0', 'query.limit'],
      ]) {
        const bad = await http.get(`/campaigns?${q}`);
        expect(bad.status, q).toBe(400);
        expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual([field]);
      }
    } finally {
      for (const b of [b1, b2]) await app.client.workflow.getHandle(campaignWorkflowId(b)).terminate('test over');
    }
  });
});
