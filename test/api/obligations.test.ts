// What the secretariat owes its donors, through the HTTP API: reporting requirements (CRUD-ish,
// with their workflows) and the reports that answer them, which the donor sees for its own pledges
// only; secondments with their months approved once, counted in the in-kind total; the donor
// statement by year and its yearly notice, once.
import { describe, expect, it } from 'vitest';
import { sqlOn } from '../support/app.js';
import { financialPledge, useFundingApp } from '../support/funding.js';

const api = useFundingApp();
const { http, fx } = api;
const sql = sqlOn(() => api.app.orm);
const as = (token: string) => ({ token });
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

async function ok<T = any>(r: Promise<{ status: number; body: T }>, status = 201): Promise<T> {
  const res = await r;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}
const paths = (b: { errors?: { path: string }[] }) => (b.errors ?? []).map((e) => e.path).sort();

const inKind = (donorId: string) => ({
  donorId,
  kind: 'in_kind',
  fundingOption: 'communication_exchange',
  subOption: 'seconded_staff',
  biennium: '2025-2027',
  inKind: { description: 'an officer seconded', quantity: '6', unit: 'person-months' },
});

describe('reporting requirements', () => {
  it('records, lists, changes, answers and withdraws what the secretariat owes, with every refusal', async () => {
    const donor = await fx.donor();
    const other = await fx.donor();
    const token = await fx.token('donor', { donorId: donor.id });
    const otherToken = await fx.token('donor', { donorId: other.id });
    const p = await ok(http.post('/pledges', financialPledge(donor.id)));
    const base = `/pledges/${p.id}/reporting-requirements`;
    const allocation = '7b0a3c56-2f43-4a77-9d1d-0d8f7c2d9f10';

    const bad = await http.post(base, {
      kind: 'annual',
      nature: 'narrative',
      dueOn: '2026-02-30',
      allocationIds: ['x'],
    });
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(['body.allocationIds.0', 'body.dueOn', 'body.kind']);
    const far = await http.post(base, { kind: 'final', nature: 'narrative', dueOn: '2099-01-01' });
    expect([far.status, paths(far.body)]).toEqual([400, ['body.dueOn']]);
    const longLead = await http.post(base, {
      kind: 'final',
      nature: 'narrative',
      dueOn: inDays(90),
      reminders: { beforeDue: 'P2Y' },
    });
    expect([longLead.status, paths(longLead.body)]).toEqual([400, ['body.reminders.beforeDue']]);
    expect((await http.post(base, { kind: 'final', nature: 'narrative', dueOn: inDays(90) }, as(token))).status).toBe(
      403,
    );
    expect(
      (
        await http.post(`/pledges/${crypto.randomUUID()}/reporting-requirements`, {
          kind: 'final',
          nature: 'narrative',
          dueOn: inDays(90),
        })
      ).status,
    ).toBe(404);
    const prospect = await ok(http.post('/pledges', { ...financialPledge(donor.id), status: 'in_discussion' }));
    expect(
      (
        await http.post(`/pledges/${prospect.id}/reporting-requirements`, {
          kind: 'final',
          nature: 'narrative',
          dueOn: inDays(90),
        })
      ).status,
    ).toBe(409);

    const r = await ok(
      http.post(base, {
        kind: 'interim',
        nature: 'financial',
        dueOn: inDays(60),
        title: 'Interim 2026',
        allocationIds: [allocation],
      }),
    );
    expect(r).toMatchObject({
      status: 'open',
      kind: 'interim',
      nature: 'financial',
      allocationIds: [allocation],
      report: null,
    });
    expect(r.workflowId).toBe(`reporting-requirement:${r.id}`);
    expect(r.reminders).toEqual({ beforeDue: 'P30D', escalateAfter: 'P14D' });
    const final = await ok(http.post(base, { kind: 'final', nature: 'narrative', dueOn: inDays(120) }));

    // The donor reads its own pledge's requirements; another donor finds nothing.
    const mine = await ok(http.get(base, as(token)), 200);
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([r.id, final.id]);
    expect((await http.get(base, as(otherToken))).status).toBe(404);
    expect((await http.get(`${base}/${r.id}`, as(otherToken))).status).toBe(404);
    expect((await http.get(`${base}/${crypto.randomUUID()}`)).status).toBe(404);

    // Changing the due date re-plans the reminders.
    expect((await http.patch(`${base}/${r.id}`, {})).status).toBe(400);
    expect((await http.patch(`${base}/${r.id}`, { dueOn: inDays(75) }, as(token))).status).toBe(403);
    const moved = await ok(http.patch(`${base}/${r.id}`, { dueOn: inDays(75), title: null }), 200);
    expect(moved).toMatchObject({ dueOn: inDays(75), title: null });
    const [wf] = await sql<{ due_on: string }>(
      `select to_char(due_on, 'YYYY-MM-DD') as due_on from reporting_requirement where id = ?`,
      [r.id],
    );
    expect(wf!.due_on).toBe(inDays(75));

    // The report: a URL or a file with its checksum, not both, not neither.
    const report = `${base}/${r.id}/report`;
    const neither = await http.post(report, { title: 'Report' });
    expect([neither.status, paths(neither.body)]).toEqual([400, ['body.url']]);
    const both = await http.post(report, {
      title: 'R',
      url: 'https://x.example.org/r.pdf',
      fileName: 'r.pdf',
      checksum: 'a'.repeat(64),
    });
    expect(both.status).toBe(400);
    const noSum = await http.post(report, { title: 'R', fileName: 'r.pdf' });
    expect([noSum.status, paths(noSum.body)]).toEqual([400, ['body.checksum']]);
    const creds = await http.post(report, { title: 'R', url: 'https://me:pw@x.example.org/r.pdf' });
    expect([creds.status, paths(creds.body)]).toEqual([400, ['body.url']]);
    expect((await http.post(report, { title: 'R', url: 'https://x.example.org/r.pdf' }, as(token))).status).toBe(403);
    const done = await ok(
      http.post(report, { title: 'Interim financial report', fileName: 'interim-2026.pdf', checksum: 'c'.repeat(64) }),
    );
    expect(done.status).toBe('submitted');
    expect(done.report).toMatchObject({ title: 'Interim financial report', fileName: 'interim-2026.pdf', url: null });
    expect((await http.post(report, { title: 'again', url: 'https://x.example.org/r.pdf' })).status).toBe(409);
    expect((await http.patch(`${base}/${r.id}`, { dueOn: inDays(80) })).status).toBe(409);
    expect((await http.del(`${base}/${r.id}`)).status).toBe(409);
    // The donor sees the report, and is told of it in its messages.
    const seen = await ok(http.get(`${base}/${r.id}`, as(token)), 200);
    expect(seen.report.fileName).toBe('interim-2026.pdf');
    await expect
      .poll(
        async () =>
          (await sql(`select 1 from notification where key = ?`, [`reporting-requirement:${r.id}:submitted`])).length,
      )
      .toBe(1);

    // Withdrawn: kept, as withdrawn, and takes no report.
    expect((await http.del(`${base}/${final.id}`, as(token))).status).toBe(403);
    const gone = await ok(http.del(`${base}/${final.id}?reason=amended`), 200);
    expect(gone.status).toBe('withdrawn');
    expect((await http.post(`${base}/${final.id}/report`, { title: 'x', url: 'https://x.example.org/' })).status).toBe(
      409,
    );
  });
});

describe('secondments', () => {
  it('records a secondment under an in-kind pledge, approves each served month once, and counts it', async () => {
    const donor = await fx.donor();
    const other = await fx.donor();
    const token = await fx.token('donor', { donorId: donor.id });
    const otherToken = await fx.token('donor', { donorId: other.id });
    const city = await fx.city();
    const p = await ok(http.post('/pledges', inKind(donor.id)));
    const base = `/pledges/${p.id}/secondments`;
    const body = {
      personName: 'Amina Diallo',
      host: 'city',
      hostCityId: city.id,
      startOn: '2026-01-10',
      endOn: '2026-03-31',
      monthly: { currency: 'EUR', minor: 500_000 },
    };
    const bad = await http.post(base, { ...body, endOn: '2025-12-01', hostCityId: undefined });
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(['body.endOn', 'body.hostCityId']);
    const fraction = await http.post(base, { ...body, monthly: { currency: 'EUR', minor: 1.5 } });
    expect([fraction.status, paths(fraction.body)]).toEqual([400, ['body.monthly.minor']]);
    const tooLong = await http.post(base, { ...body, endOn: '2032-01-01' });
    expect([tooLong.status, paths(tooLong.body)]).toEqual([400, ['body.endOn']]);
    expect((await http.post(base, { ...body, hostCityId: crypto.randomUUID() })).status).toBe(422);
    expect((await http.post(base, body, as(token))).status).toBe(403);
    const financial = await ok(http.post('/pledges', financialPledge(donor.id)));
    expect((await http.post(`/pledges/${financial.id}/secondments`, body)).status).toBe(409);

    const created = await ok(http.post(base, body));
    const s = created.items[0];
    expect(s.months.map((m: { month: string }) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(s.hostCity).toEqual({ id: city.id, name: city.name });
    const approve = (month: string, t?: string) =>
      http.post(`${base}/${s.id}/months/${month}/approve`, {}, t ? as(t) : {});
    expect((await approve('2026-01', token)).status).toBe(403);
    expect((await approve('2025-12')).status).toBe(409);
    expect((await approve('2026-13')).status).toBe(400);
    const first = await ok(approve('2026-01'));
    // EUR 5,000.00 at 1.08: USD 5,400.00, once.
    expect(first.inKindTotalUsd).toMatchObject({ currency: 'USD', minor: 540_000 });
    const again = await ok(approve('2026-01'), 200);
    expect(again.inKindTotalUsd.minor).toBe(540_000);

    const mine = await ok(http.get(base, as(token)), 200);
    expect(mine.items[0].months[0]).toMatchObject({ month: '2026-01', approved: true, fxRateToUsd: '1.080000000000' });
    expect((await http.get(base, as(otherToken))).status).toBe(404);
    // The donor's statement shows the approved month as in-kind support.
    const statement = await ok(http.get(`/donors/${donor.id}/statement?year=2026`, as(token)), 200);
    expect(statement.rows).toEqual([
      expect.objectContaining({ kind: 'in_kind', reference: 'secondment Amina Diallo 2026-01', usdMinor: 540_000 }),
    ]);
  });
});

describe('donor statement by year and its yearly notice', () => {
  it('filters the statement by year and sends the yearly notice once, in the contact language', async () => {
    const donor = await fx.donor();
    await ok(http.patch(`/donors/${donor.id}`, { contact: { language: 'fr' } }), 200);
    const p = await ok(http.post('/pledges', financialPledge(donor.id)));
    await ok(
      http.post(`/pledges/${p.id}/receipts`, {
        amount: { currency: 'EUR', value: '1000' },
        receivedOn: '2026-02-03',
        receiptNumber: 'Y-1',
      }),
    );
    expect((await ok(http.get(`/donors/${donor.id}/statement?year=2026`), 200)).rows).toHaveLength(1);
    expect((await ok(http.get(`/donors/${donor.id}/statement?year=2025`), 200)).rows).toHaveLength(0);
    expect((await http.get(`/donors/${donor.id}/statement?year=20x6`)).status).toBe(400);
    expect((await http.get(`/donors/${donor.id}/statement?year=1999`)).status).toBe(400);
    // The receipt's acknowledgement went to the contact, in French.
    await expect
      .poll(
        async () =>
          (
            await sql<{ subject: string }>(`select subject from notification where key = ?`, [
              `acknowledgement:${p.id}:Y-1`,
            ])
          )[0]?.subject,
      )
      .toMatch(/^Nous avons reçu/);

    const thisYear = new Date().getUTCFullYear();
    expect((await http.post(`/donors/${donor.id}/statement/notices`, { year: thisYear })).status).toBe(409);
    expect((await http.post(`/donors/${donor.id}/statement/notices`, { year: 'last' })).status).toBe(400);
    const token = await fx.token('donor', { donorId: donor.id });
    expect((await http.post(`/donors/${donor.id}/statement/notices`, { year: 2025 }, as(token))).status).toBe(403);
    const sent = await ok(http.post(`/donors/${donor.id}/statement/notices`, { year: 2025 }));
    expect(sent).toMatchObject({ year: 2025, sent: true, rows: 0 });
    expect((await ok(http.post(`/donors/${donor.id}/statement/notices`, { year: 2025 }), 200)).sent).toBe(false);
    const [n] = await sql<{ subject: string }>(`select subject from notification where key = ?`, [
      `donor-statement:${donor.id}:2025`,
    ]);
    expect(n!.subject).toBe('Vos contributions en 2025');
  });
});
