// Restructuring the clusters from the console in real Chromium: a refused move shows its error beside
// the field, the preview says what happens to each membership, applying it moves them and lists it
// in the history; no serious axe-core violation, at desktop and phone width.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SECRETARIAT, sqlOn } from '../support/app.js';
import { useWebStack } from '../support/web-stack.js';
import { expectAxeClean, heading, screenshot, tokenContext } from '../support/browser.js';

const stack = useWebStack();
const { http, fx } = stack;
const sql = sqlOn(() => stack.db.orm);
const prefix = `W${randomUUID().slice(0, 5).toUpperCase()}`;
const [oldA, oldB, successor] = [`${prefix}-OLD-A`, `${prefix}-OLD-B`, `${prefix}-NEW`];
const cities: { id: string; name: string }[] = [];

beforeAll(async () => {
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
});

async function choose(page: Page, move: number, field: 'Retiring cluster' | 'Successor', option: string | RegExp) {
  await page
    .getByRole('group', { name: `Move ${move}` })
    .getByLabel(field)
    .click();
  await page.getByRole('option', { name: option }).click();
}

async function accessible(page: Page, name: string) {
  await expectAxeClean(page, name);
  await screenshot(page, name);
}

describe('restructuring the clusters in the console', () => {
  it('shows a refusal beside the field, previews the plan, applies it and lists it', async () => {
    const context = await tokenContext(stack.browser, stack.app.url, SECRETARIAT);
    const page = await context.newPage();
    await page.goto(`${stack.app.url}/app/clusters`);
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

    const phone = await (await tokenContext(stack.browser, stack.app.url, SECRETARIAT, 'phone')).newPage();
    await phone.goto(`${stack.app.url}/app/clusters/restructure`);
    await heading(phone, 'Restructure the clusters');
    await phone.getByRole('region', { name: 'Restructurings applied' }).getByText(successor).first().waitFor();
    await accessible(phone, 'restructure-phone');
  }, 90_000);
});
