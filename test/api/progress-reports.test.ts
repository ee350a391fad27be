// Biennial progress reports through the HTTP API, with their workflows on the dev server: the
// secretariat opens a cycle, each city writes its own report until the due date (another city's is
// refused), the missing and the flagged are listed.
import { describe, expect, it } from 'vitest';
import { sqlOn, useTestApp } from '../support/app.js';
import { eventually, seedCluster } from '../support/workflow-env.js';

const t = useTestApp();
const { http, fx } = t;
const sql = sqlOn(() => t.app.orm);

// Bienniums of this file only (the workflow test uses later ones, the browser test earlier ones).
const LONG = '2081-2083';
const SHORT1 = '2085-2087';
const SHORT2 = '2087-2089';
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const report = { strategies: 'A city-wide learning strategy', activities: 'Learning festival; libraries open late' };

async function clear(...bienniums: string[]) {
  for (const b of bienniums) {
    await sql(`delete from progress_report where cycle_biennium = ?`, [b]);
    await sql(`delete from progress_report_cycle where biennium = ?`, [b]);
  }
}

async function cities(n: number) {
  const { cities: ids } = await seedCluster(t.app.orm, n);
  const tokens = await Promise.all(ids.map((cityId) => fx.token('city', { cityId })));
  return { ids, tokens };
}

describe('progress reports', () => {
  it('refuses bad openings naming the fields, a city or a viewer opening one, and a second cycle of a biennium', async () => {
    await clear(LONG);
    const bad = await http.post('/progress-reports/cycles', {
      biennium: '2081-2082',
      dueAt: 'soon',
      reminders: ['P1M'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.biennium', 'body.dueAt', 'body.reminders.0']),
    );
    const past = await http.post('/progress-reports/cycles', { biennium: LONG, dueAt: inDays(-1) });
    expect(past.body.errors).toEqual([{ path: 'body.dueAt', message: 'must be in the future' }]);
    expect((await http.post('/progress-reports/cycles', { biennium: LONG, dueAt: inDays(500) })).status).toBe(400);
    expect(
      (await http.post('/progress-reports/cycles', { biennium: LONG, dueAt: inDays(9), extra: 1 })).body.errors[0].path,
    ).toBe('body');
    const { tokens } = await cities(1);
    const viewer = await fx.token('viewer');
    for (const token of [tokens[0], viewer])
      expect(
        (await http.post('/progress-reports/cycles', { biennium: LONG, dueAt: inDays(9) }, { token })).status,
      ).toBe(403);
    expect(await sql(`select 1 from progress_report_cycle where biennium = ?`, [LONG])).toEqual([]);
  });

  it('lets each city write and edit its own report until the due date, refuses another city, lists the missing', async () => {
    await clear(LONG);
    const { ids, tokens } = await cities(3);
    const [a, b] = ids as [string, string];
    const [ta, tb] = tokens as [string, string];
    const opened = await http.post('/progress-reports/cycles', { biennium: LONG, dueAt: inDays(20) });
    expect(opened.status, JSON.stringify(opened.body)).toBe(202);
    expect(opened.headers.get('location')).toBe(`/progress-reports/cycles/${LONG}`);
    expect(opened.body).toMatchObject({ biennium: LONG, status: 'open', submitted: 0, editable: true });
    expect(opened.body.requested).toBeGreaterThanOrEqual(3);
    expect(opened.body.reminders).toEqual(['P14D', 'P3D']);
    expect((await http.post('/progress-reports/cycles', { biennium: LONG, dueAt: inDays(20) })).status).toBe(409);

    const path = (c: string) => `/progress-reports/cycles/${LONG}/reports/${c}`;
    const invalid = await http.put(path(a), { strategies: '', activities: 'x', learnersReached: 1.5 }, { token: ta });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.learnersReached',
      'body.strategies',
    ]);
    const first = await http.put(
      path(a),
      { ...report, learnersReached: 12000, partnerships: 14, focusAreas: ['literacy', 'digital'] },
      { token: ta },
    );
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ status: 'submitted', learnersReached: 12000, editable: true, cityId: a });
    const edited = await http.put(path(a), { ...report, activities: 'Edited' }, { token: ta });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ activities: 'Edited', learnersReached: null, focusAreas: [] });
    expect(edited.body.submittedAt).toBe(first.body.submittedAt);
    expect((await http.get(path(a), { token: ta })).body.activities).toBe('Edited');

    // Another city may neither read nor write a's report; the secretariat and viewers read it but do not write.
    expect((await http.get(path(a), { token: tb })).status).toBe(403);
    expect((await http.put(path(a), report, { token: tb })).status).toBe(403);
    expect((await http.put(path(a), report)).status).toBe(403);
    expect((await http.get(path(a))).body.status).toBe('submitted');
    expect((await http.get(`/progress-reports/cycles/${LONG}/reports`, { token: ta })).status).toBe(403);
    expect((await http.get('/progress-reports/flagged', { token: ta })).status).toBe(403);

    const cycle = await http.get(`/progress-reports/cycles/${LONG}`);
    expect(cycle.body).toMatchObject({ submitted: 1, ownStatus: null });
    expect(cycle.body.responseRatePercent).toBe(Math.floor(100 / cycle.body.requested));
    const mine = await http.get(`/progress-reports/cycles/${LONG}`, { token: tb });
    expect(mine.body).toMatchObject({ ownStatus: 'requested', requested: null, flagged: null });
    const missing = await http.get(`/progress-reports/cycles/${LONG}/reports?status=requested&limit=500`);
    const missingIds = missing.body.items.map((r: { cityId: string }) => r.cityId);
    expect(missingIds).toContain(b);
    expect(missingIds).not.toContain(a);
    expect((await http.get(`/progress-reports/cycles/${LONG}/reports?status=late`)).status).toBe(400);
    expect((await http.get(`/progress-reports/cycles/${LONG}/reports?limit=0x10`)).status).toBe(400);
    expect(
      (await http.get('/progress-reports/cycles', { token: ta })).body.items.map(
        (c: { biennium: string }) => c.biennium,
      ),
    ).toContain(LONG);

    // A city that joined after the cycle opened is not asked: the cycle does not exist for it.
    const { ids: late, tokens: lateTokens } = await cities(1);
    expect((await http.get(`/progress-reports/cycles/${LONG}`, { token: lateTokens[0] })).status).toBe(404);
    expect((await http.put(path(late[0]!), report, { token: lateTokens[0] })).status).toBe(404);
    expect((await http.get('/progress-reports/cycles', { token: lateTokens[0] })).body.items).toEqual([]);
    expect((await http.get(`/progress-reports/cycles/2079-2081`)).status).toBe(404);
    expect((await http.get(`/progress-reports/cycles/2079-2080`)).status).toBe(400);
    expect((await http.get(`/progress-reports/cycles/${LONG}/reports/not-a-uuid`)).status).toBe(400);
  });

  it('closes at the due date, refuses a late report and flags the city that missed two consecutive cycles', async () => {
    await clear(SHORT1, SHORT2);
    const { ids, tokens } = await cities(2);
    const [a, b] = ids as [string, string];
    const closed = async (biennium: string) =>
      eventually(
        async () => {
          const r = await http.get(`/progress-reports/cycles/${biennium}`);
          return r.body.status === 'closed' ? r.body : undefined;
        },
        30_000,
        `${biennium} closed`,
      );
    const open = async (biennium: string) => {
      const r = await http.post('/progress-reports/cycles', {
        biennium,
        dueAt: new Date(Date.now() + 3000).toISOString(),
        reminders: [],
      });
      expect(r.status, JSON.stringify(r.body)).toBe(202);
    };
    // Cycle 1: a reports, b does not.
    await open(SHORT1);
    expect(
      (await http.put(`/progress-reports/cycles/${SHORT1}/reports/${a}`, report, { token: tokens[0] })).status,
    ).toBe(201);
    const one = await closed(SHORT1);
    expect(one.editable).toBe(false);
    expect(one.flagged.map((f: { cityId: string }) => f.cityId)).not.toContain(b);
    const late = await http.put(`/progress-reports/cycles/${SHORT1}/reports/${b}`, report, { token: tokens[1] });
    expect(late.status).toBe(409);
    expect(
      (await http.get(`/progress-reports/cycles/${SHORT1}/reports/${b}`, { token: tokens[1] })).body,
    ).toMatchObject({
      status: 'missed',
      editable: false,
    });
    // Cycle 2: neither reports; b has missed two in a row, a one.
    await open(SHORT2);
    const two = await closed(SHORT2);
    expect(two.missed).toBeGreaterThanOrEqual(2);
    expect(two.flagged.map((f: { cityId: string }) => f.cityId)).toContain(b);
    const flagged = await http.get('/progress-reports/flagged');
    expect(flagged.status).toBe(200);
    const ids2 = flagged.body.items.map((f: { cityId: string }) => f.cityId);
    expect(ids2).toContain(b);
    expect(ids2).not.toContain(a);
    expect(flagged.body.items.find((f: { cityId: string }) => f.cityId === b)).toMatchObject({
      missedInARow: 2,
      lastMissed: SHORT2,
    });
    // The secretariat was told at each due date (right after the close).
    const keys = [SHORT1, SHORT2].map((b) => `progress-report-cycle:${b}:late:secretariat`);
    await eventually(
      async () => {
        const told = await sql(`select key from notification where key = any(?::text[])`, [`{${keys.join(',')}}`]);
        return told.length === 2 ? true : undefined;
      },
      20_000,
      'the secretariat told',
    );
  });
});
