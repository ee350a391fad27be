// The work plan outputs' timeline in real Chromium: every cluster's outputs of the biennium on one
// page by due date with their status badges, filtered by cluster and status (kept in the URL), each
// output's history, the link to its cluster's work plan, the navigation entry, and the empty and
// error states. axe-core at desktop and phone width, nothing wider than the phone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRETARIAT, startTestApp, type TestApp } from '../support/app.js';
import { freshDatabase } from '../support/fresh-database.js';
import { httpClient } from '../support/http.js';
import { buildWebIfStale, checkBothWidths, heading, launchBrowser, tokenContext } from '../support/browser.js';
import { seedCoordinatedCluster } from '../support/workflow-env.js';

let app: TestApp;
let db: Awaited<ReturnType<typeof freshDatabase>>;
let browser: Browser;
const http = httpClient(() => app.url);
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
// The page opens on the strategy's current biennium (aligned on 2019), as web/src/lib/biennium.ts.
const now = new Date();
let y = now.getUTCMonth() >= 6 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
if ((y - 2019) % 2 !== 0) y -= 1;
const B = `${y}-${y + 2}`;

async function ok(r: Promise<{ status: number; body: any }>, what: string) {
  const res = await r;
  expect([200, 201, 202], `${what}: ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
  return res.body;
}

beforeAll(async () => {
  await buildWebIfStale();
  // A database of its own: the timeline shows every cluster's outputs, and only this file's.
  db = await freshDatabase();
  app = await startTestApp({ orm: db.orm });
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await db?.drop();
});

// The cards (not their histories' entries), and their accessible names (each card is named by its title).
const cards = (page: Page) => page.getByRole('region', { name: 'Outputs by due date' }).locator('ul > li');
const titles = async (page: Page) => {
  const ids = await Promise.all((await cards(page).all()).map((c) => c.getAttribute('aria-labelledby')));
  return Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
};
const filter = (page: Page, label: string) => page.getByRole('search').getByLabel(label, { exact: true });

describe('work plan output timeline', () => {
  it('lists every cluster’s outputs by due date with status, filters, history and the work plan link', async () => {
    const a = await seedCoordinatedCluster(db.orm, 2, 1);
    const b = await seedCoordinatedCluster(db.orm, 2, 1);
    for (const c of [a, b]) await ok(http.post(`/clusters/${c.cluster}/phases`, { biennium: B }), 'phase');
    await ok(
      http.put(`/clusters/${a.cluster}/phases/${B}/workplan`, {
        outputs: [
          { key: 'centres', title: 'Learning centres opened', target: { value: 12, unit: 'centres' }, due: day(200) },
          { key: 'survey', title: 'Baseline survey', target: { value: 1, unit: 'survey' }, due: day(-5) },
        ],
      }),
      'plan a',
    );
    await ok(
      http.put(`/clusters/${b.cluster}/phases/${B}/workplan`, {
        outputs: [
          { key: 'guide', title: 'Facilitators’ guide', target: { value: 1, unit: 'guide' }, due: day(10) },
          { key: 'forum', title: 'Youth forum', target: { value: 2, unit: 'forums' }, due: day(90) },
        ],
      }),
      'plan b',
    );
    await ok(
      http.post(`/work-plans/outputs/${a.cluster}/${B}/centres/progress`, {
        value: 5,
        note: 'Five districts',
        date: day(-1),
      }),
      'progress',
    );
    await ok(http.post(`/work-plans/outputs/${b.cluster}/${B}/guide/progress`, { value: 1 }), 'done');

    const context = await tokenContext(browser, app.url, SECRETARIAT);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${app.url}/app/`);
    await page.getByRole('link', { name: 'Output timeline' }).click();
    await heading(page, 'Work plan outputs across clusters');
    expect(new URL(page.url()).pathname).toBe('/app/work-plans/timeline');
    await page.getByText('4 outputs').waitFor();
    // Both clusters on one page, by due date, each with its status.
    expect(await titles(page)).toEqual([
      'Baseline survey',
      'Facilitators’ guide',
      'Youth forum',
      'Learning centres opened',
    ]);
    const card = (title: string) => cards(page).filter({ hasText: title });
    await expect.poll(() => card('Baseline survey').textContent()).toContain('Late');
    await expect.poll(() => card('Facilitators’ guide').textContent()).toContain('Done');
    await expect.poll(() => card('Youth forum').textContent()).toContain('On track');
    await expect.poll(() => card('Learning centres opened').textContent()).toContain('5 of 12 centres');
    await checkBothWidths(page, 'output-timeline', { noSideways: true });

    // An output's history: its entries, newest first.
    await page.getByRole('button', { name: 'History (1): Learning centres opened' }).click();
    const history = page.getByRole('list', { name: 'History of Learning centres opened' });
    await history.getByText(/Direct update/).waitFor();
    await history.getByText('Five districts').waitFor();
    expect(
      await page.getByRole('button', { name: 'History (1): Learning centres opened' }).getAttribute('aria-expanded'),
    ).toBe('true');
    await checkBothWidths(page, 'output-timeline-history', { noSideways: true });

    // Filtered by cluster, then by status: the filters live in the URL.
    await filter(page, 'Cluster').click();
    await page.getByRole('option', { name: new RegExp(`^${b.cluster} — `) }).click();
    await page.getByText('2 outputs').waitFor();
    expect(await titles(page)).toEqual(['Facilitators’ guide', 'Youth forum']);
    expect(new URL(page.url()).searchParams.get('cluster')).toBe(b.cluster);
    await filter(page, 'Status').click();
    await page.getByRole('option', { name: 'Done' }).click();
    await page.getByText('1 output', { exact: true }).waitFor();
    expect(await titles(page)).toEqual(['Facilitators’ guide']);

    // The link to the cluster's work plan.
    await page.getByRole('link', { name: `Work plan of ${b.cluster}` }).click();
    await heading(page, 'Work plans');
    const url = new URL(page.url());
    expect([url.pathname, url.searchParams.get('cluster'), url.searchParams.get('biennium')]).toEqual([
      '/app/work-plans',
      b.cluster,
      B,
    ]);

    // A biennium without plans: the empty state.
    await page.goto(`${app.url}/app/work-plans/timeline?biennium=2019-2021`);
    await page.getByText('No work plan output for this biennium').waitFor();
    await checkBothWidths(page, 'output-timeline-empty', { noSideways: true });
    // A biennium the API refuses: the error state with the problem's words.
    await page.goto(`${app.url}/app/work-plans/timeline?biennium=2020-2021`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/invalid|biennium/i);
    await context.close();
  });
});
