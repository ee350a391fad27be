// Restructuring the clusters from the console in real Chromium: a refused move shows its error beside
// the field, the preview says what happens to each membership, applying it moves them and lists it
// in the history; no serious axe-core violation, at desktop and phone width.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRETARIAT, startTestApp, sqlOn, type TestApp } from '../support/app.js';
import { freshDatabase } from '../support/fresh-database.js';
import { fixtures, httpClient } from '../support/http.js';
import {
  buildWebIfStale,
  describeViolations,
  heading,
  launchBrowser,
  screenshot,
  seriousViolations,
  tokenContext,
} from '../support/browser.js';

let db: Awaited<ReturnType<typeof freshDatabase>>;
const t = {} as { app: TestApp };
const http = httpClient(() => t.app.url);
const fx = fixtures(http);
const sql = sqlOn(() => t.app.orm);
let browser: Browser;
const prefix = `W${randomUUID().slice(0, 5).toUpperCase()}`;
const [oldA, oldB, successor] = [`${prefix}-OLD-A`, `${prefix}-OLD-B`, `${prefix}-NEW`];
const cities: { id: string; name: string }[] = [];

beforeAll(async () => {
  await buildWebIfStale();
  db = await freshDatabase();
  t.app = await startTestApp({ orm: db.orm });
  browser = await launchBrowser();
  for (const code of [oldA, oldB, successor])
    await sql(
      `insert into cluster (code, name, period, status, themes, focus_keywords) values (?, ?, '2019-2021', 'active', '{}', '{}')`,
      [code, `Cluster ${code}`],
    );
  for (const [i, code] of [oldA, oldA, oldB].entries()) {
    const city = await fx.city({ name: `Town ${prefix} ${i}` });
    await fx.member(code, city.id);
    cities.push(city);
  }
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await t.app?.close();
  await db?.drop();
});

async function choose(page: Page, move: number, field: 'Retiring cluster' | 'Successor', option: string | RegExp) {
  await page
    .getByRole('group', { name: `Move ${move}` })
    .getByLabel(field)
    .click();
  await page.getByRole('option', { name: option }).click();
}

async function accessible(page: Page, name: string) {
  const violations = await seriousViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
  await screenshot(page, name);
}

describe('restructuring the clusters in the console', () => {
  it('shows a refusal beside the field, previews the plan, applies it and lists it', async () => {
    const context = await tokenContext(browser, t.app.url, SECRETARIAT);
    const page = await context.newPage();
    await page.goto(`${t.app.url}/app/clusters`);
    await heading(page, 'Clusters');
    await page.getByRole('link', { name: 'Restructure' }).click();
    await heading(page, 'Restructure the clusters');
    await page.getByRole('status', { name: 'Loading…' }).first().waitFor({ state: 'detached' });
    await accessible(page, 'restructure-empty-desktop');

    // A cluster cannot succeed itself: the API's field error appears beside the successor.
    await choose(page, 1, 'Retiring cluster', new RegExp(`^${oldA} `));
    await choose(page, 1, 'Successor', new RegExp(`^${oldA} `));
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('a cluster cannot succeed itself').waitFor();

    await choose(page, 1, 'Successor', new RegExp(`^${successor} `));
    await page.getByRole('button', { name: 'Add a cluster to retire' }).click();
    await choose(page, 2, 'Retiring cluster', new RegExp(`^${oldB} `));
    await choose(page, 2, 'Successor', 'No successor (memberships end)');
    await page.getByRole('button', { name: 'Preview' }).click();
    const plan = page.getByRole('region', { name: 'The plan' }).first();
    await page.getByText('2 memberships move, 0 merged with another move, 0 already in the successor, 1 end').waitFor();
    for (const c of cities) await plan.getByText(c.name).waitFor();
    await plan.getByText('Ends, no successor').waitFor();
    await accessible(page, 'restructure-preview-desktop');
    // Nothing changed yet.
    expect((await http.get(`/clusters/${oldA}`)).body.status).toBe('active');

    await page.getByRole('button', { name: 'Apply this plan' }).click();
    await page.getByText('Clusters restructured').first().waitFor();
    const history = page.getByRole('region', { name: 'Restructurings applied' });
    await history.getByText(`${oldA} → ${successor}, ${oldB} → —`).waitFor();

    expect((await http.get(`/clusters/${oldA}`)).body).toMatchObject({ status: 'retired', successor });
    expect((await http.get(`/clusters/${oldB}`)).body).toMatchObject({ status: 'retired', successor: null });
    const members = await http.get(`/clusters/${successor}/members`);
    expect(members.body.items.map((m: { cityId: string }) => m.cityId).sort()).toEqual(
      [cities[0]!.id, cities[1]!.id].sort(),
    );

    const phone = await (await tokenContext(browser, t.app.url, SECRETARIAT, 'phone')).newPage();
    await phone.goto(`${t.app.url}/app/clusters/restructure`);
    await heading(phone, 'Restructure the clusters');
    await phone.getByRole('region', { name: 'Restructurings applied' }).getByText(successor).first().waitFor();
    await accessible(phone, 'restructure-phone');
  }, 90_000);
});
