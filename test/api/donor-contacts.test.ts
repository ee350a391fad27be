// A donor's contact log through HTTP, with its follow-up workflows on the dev server, and donors
// added to a running campaign.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sqlOn, useTestApp } from '../support/app.js';
import { freshBiennium } from '../support/funding.js';
import { eventually } from '../support/workflow-env.js';

const t = useTestApp();
const { http, fx } = t;
const sql = sqlOn(() => t.app.orm);
const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

describe('contact log', () => {
  it('logs contacts with their author and next steps, marks one done (its workflow ends) and reschedules another', async () => {
    const donor = await fx.donor();
    const token = await fx.token('secretariat', { label: 'Ana at the secretariat' });
    const a = await http.post(
      `/donors/${donor.id}/contacts`,
      {
        kind: 'meeting',
        date: day(0),
        note: 'Met at the conference',
        next: { step: 'send the brochure', dueOn: day(10) },
      },
      { token },
    );
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body).toMatchObject({
      kind: 'meeting',
      by: { personId: null, name: 'Ana at the secretariat' },
      next: { step: 'send the brochure', dueOn: day(10), status: 'open', doneAt: null, reminded: 0 },
    });
    expect(a.headers.get('location')).toBe(`/donors/${donor.id}/contacts/${a.body.id}`);
    const b = await http.post(`/donors/${donor.id}/contacts`, {
      kind: 'call',
      date: day(-1),
      note: 'Follow-up call',
      next: { step: 'draft the agreement', dueOn: day(20) },
    });
    const c = await http.post(`/donors/${donor.id}/contacts`, {
      kind: 'note',
      date: day(-2),
      note: 'Annual report read',
    });
    expect(c.body.next).toBeNull();

    const handleA = t.app.client.workflow.getHandle(a.body.next.workflowId);
    await eventually(async () => ((await handleA.describe()).status.name === 'RUNNING' ? true : undefined));
    const done = await http.patch(`/donors/${donor.id}/contacts/${a.body.id}/next-step`, { status: 'done' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.next).toMatchObject({ status: 'done' });
    expect(done.body.next.doneAt).toBeTruthy();
    await handleA.result();
    expect((await http.patch(`/donors/${donor.id}/contacts/${a.body.id}/next-step`, { status: 'done' })).status).toBe(
      409,
    );
    expect((await http.patch(`/donors/${donor.id}/contacts/${a.body.id}/next-step`, { dueOn: day(30) })).status).toBe(
      409,
    );

    const moved = await http.patch(`/donors/${donor.id}/contacts/${b.body.id}/next-step`, {
      dueOn: day(40),
      step: 'send the draft agreement',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.next).toMatchObject({ dueOn: day(40), step: 'send the draft agreement', status: 'open' });
    // An entry without a next step has none to change.
    expect((await http.patch(`/donors/${donor.id}/contacts/${c.body.id}/next-step`, { status: 'done' })).status).toBe(
      404,
    );

    const log = await http.get(`/donors/${donor.id}/contacts`, { token: await fx.token('viewer') });
    expect(log.status).toBe(200);
    expect(log.body.total).toBe(3);
    expect(log.body.items.map((i: { id: string }) => i.id)).toEqual([a.body.id, b.body.id, c.body.id]);
    await t.app.client.workflow.getHandle(moved.body.next.workflowId).terminate('test over');
  });

  it('refuses bad bodies naming the fields, unknown donors and entries, and every role but the secretariat', async () => {
    const donor = await fx.donor();
    const bad = await http.post(`/donors/${donor.id}/contacts`, {
      kind: 'lunch',
      date: '2101-01-01',
      note: '',
      next: { step: 'x', dueOn: '2026-02-30' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      ['body.date', 'body.kind', 'body.next.dueOn', 'body.note'].sort(),
    );
    expect(
      (await http.post(`/donors/${donor.id}/contacts`, { kind: 'note', date: '2011-12-31', note: 'x' })).status,
    ).toBe(400);
    const unknown = randomUUID();
    expect((await http.get(`/donors/${unknown}/contacts`)).status).toBe(404);
    expect((await http.post(`/donors/${unknown}/contacts`, { kind: 'note', date: day(0), note: 'x' })).status).toBe(
      404,
    );
    expect((await http.patch(`/donors/${donor.id}/contacts/${unknown}/next-step`, { status: 'done' })).status).toBe(
      404,
    );
    const entry = await http.post(`/donors/${donor.id}/contacts`, { kind: 'email', date: day(0), note: 'sent' });
    const empty = await http.patch(`/donors/${donor.id}/contacts/${entry.body.id}/next-step`, {});
    expect(empty.status).toBe(400);
    const both = await http.patch(`/donors/${donor.id}/contacts/${entry.body.id}/next-step`, {
      status: 'done',
      dueOn: day(3),
    });
    expect(both.status).toBe(400);
    expect(both.body.errors[0].path).toBe('body.dueOn');

    const city = await fx.city();
    const donorToken = await fx.token('donor', { donorId: donor.id });
    const cityToken = await fx.token('city', { cityId: city.id });
    const viewer = await fx.token('viewer');
    const body = { kind: 'note', date: day(0), note: 'x' };
    for (const token of [donorToken, cityToken]) {
      expect((await http.get(`/donors/${donor.id}/contacts`, { token })).status).toBe(403);
      expect((await http.post(`/donors/${donor.id}/contacts`, body, { token })).status).toBe(403);
      expect(
        (await http.patch(`/donors/${donor.id}/contacts/${entry.body.id}/next-step`, { status: 'done' }, { token }))
          .status,
      ).toBe(403);
    }
    expect((await http.post(`/donors/${donor.id}/contacts`, body, { token: viewer })).status).toBe(403);
    expect((await http.get(`/donors/${donor.id}/contacts`, { token: null })).status).toBe(401);
    expect((await http.get(`/donors/${donor.id}/contacts`)).body.total).toBe(1);
  });
});

describe('donors added to a running campaign', () => {
  it('opens a prospect pledge for each added donor; refuses one already in it, unknown donors, a closed campaign and other roles', async () => {
    const [first, prospect, partner] = [await fx.donor(), await fx.donor(), await fx.donor()];
    await sql(`update donor set status = 'prospect' where id = ?`, [prospect.id]);
    const biennium = await freshBiennium(sql);
    const opened = await http.post('/campaigns', { biennium, donorIds: [first.id] });
    expect(opened.status, JSON.stringify(opened.body)).toBe(202);
    const id = opened.body.id as string;
    await eventually(async () => ((await http.get(`/campaigns/${id}`)).body.prospects.length === 1 ? true : undefined));

    const added = await http.post(`/campaigns/${id}/prospects`, { donorIds: [prospect.id, partner.id] });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.prospects.map((p: { donorId: string }) => p.donorId).sort()).toEqual(
      [first.id, prospect.id, partner.id].sort(),
    );
    expect(added.body.prospects.every((p: { status: string }) => p.status === 'prospect')).toBe(true);

    const twice = await http.post(`/campaigns/${id}/prospects`, { donorIds: [partner.id] });
    expect(twice.status).toBe(409);
    expect(twice.body.donorIds).toEqual([partner.id]);
    const unknown = randomUUID();
    const missing = await http.post(`/campaigns/${id}/prospects`, { donorIds: [first.id, unknown] });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([{ path: 'body.donorIds.1', message: `no donor ${unknown}` }]);
    expect((await http.post(`/campaigns/${id}/prospects`, { donorIds: [] })).status).toBe(400);
    expect((await http.post(`/campaigns/${id}/prospects`, { donorIds: [unknown, unknown] })).status).toBe(400);
    expect((await http.post(`/campaigns/${randomUUID()}/prospects`, { donorIds: [first.id] })).status).toBe(404);
    for (const token of [await fx.token('viewer'), await fx.token('donor', { donorId: first.id })])
      expect((await http.post(`/campaigns/${id}/prospects`, { donorIds: [unknown] }, { token })).status).toBe(403);

    const pledges = await sql<{ donor_id: string }>(`select donor_id from pledge where campaign_id = ?`, [id]);
    expect(pledges.map((p) => p.donor_id).sort()).toEqual([first.id, prospect.id, partner.id].sort());
    await sql(`update campaign set status = 'closed' where id = ?`, [id]);
    expect((await http.post(`/campaigns/${id}/prospects`, { donorIds: [unknown] })).status).toBe(409);
    const handle = t.app.client.workflow.getHandle(`campaign:${biennium}`);
    await handle.terminate('test over');
    for (const p of added.body.prospects as { pledgeId: string }[])
      await t.app.client.workflow
        .getHandle(`pledge:${p.pledgeId}`)
        .terminate('test over')
        .catch(() => undefined);
  });
});
