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
