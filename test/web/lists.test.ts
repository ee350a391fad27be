// The console's lists of all pledges, campaigns and workshops in real Chromium: choosing a filter
// puts it in the URL and narrows the table; the URL alone (shared, reloaded) gives the same view.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SECRETARIAT } from '../support/app.js';
import { schedule } from '../support/cluster-work.js';
import { financialPledge } from '../support/funding.js';
import { useWebStack } from '../support/web-stack.js';
import { expectAxeClean, heading, screenshot, tokenContext } from '../support/browser.js';

const stack = useWebStack();
const { http, fx } = stack;
let corporate: { id: string; name: string };
let foundation: { id: string; name: string };

async function ok(r: Promise<{ status: number; body: any }>, what: string) {
  const res = await r;
  expect([200, 201, 202], `${what}: ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
  return res.body;
}

beforeAll(async () => {
  await ok(http.post('/fx-rates', { currency: 'EUR', date: '2026-01-01', rateToUsd: '1.08' }), 'fx rate');
  corporate = await fx.donor({ name: `Acme ${Date.now()}`, type: 'corporate' });
  foundation = await fx.donor({ name: `Fondation ${Date.now()}`, type: 'foundation' });
  await ok(http.post('/pledges', financialPledge(corporate.id)), 'overdue pledge');
  await ok(
    http.post('/pledges', {
      donorId: foundation.id,
      kind: 'financial',
      fundingOption: 'thematic_study',
      biennium: '2025-2027',
      amount: { currency: 'USD', value: '5000' },
      instalments: [{ due: '2099-06-01', amount: '5000' }],
    }),
    'later pledge',
  );
  await ok(http.post('/clusters/ESD/workshops', { ...schedule(), kind: 'thematic', title: 'Green schools' }), 'ws');
  await ok(
    http.post('/clusters/GCED/workshops', { ...schedule(), kind: 'thematic', title: 'Global classrooms' }),
    'ws',
  );
});

async function open(path: string): Promise<Page> {
  const context = await tokenContext(stack.browser, stack.app.url, SECRETARIAT);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error on ${path}:`, e.message));
  await page.goto(`${stack.app.url}/app${path}`);
  return page;
}

async function accessible(page: Page, name: string) {
  await page.getByRole('status', { name: 'Loading…' }).first().waitFor({ state: 'detached' });
  await expectAxeClean(page, name);
  await screenshot(page, name);
}

/** Picks `option` in the select labelled `label` (Mantine's combobox). */
async function choose(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).first().click();
  await page.getByRole('option', { name: option }).click();
}

describe('console lists', () => {
  it('pledges: every donor at once, narrowed by donor type and overdue in the URL', async () => {
    const page = await open('/pledges');
    await heading(page, 'Pledges');
    await page.getByRole('link', { name: corporate.name }).waitFor();
    await page.getByRole('link', { name: foundation.name }).waitFor();
    await choose(page, 'Donor type', 'Foundation');
    await expect.poll(() => new URL(page.url()).searchParams.get('donorType')).toBe('foundation');
    await page.getByRole('link', { name: corporate.name }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: foundation.name }).waitFor();
    await accessible(page, 'lists-pledges');
    await page.context().close();

    // The URL alone: overdue only shows the corporate pledge, with its overdue mark.
    const shared = await open('/pledges?overdue=true&sort=next_due');
    await shared.getByRole('link', { name: corporate.name }).waitFor();
    await shared
      .getByRole('cell', { name: /Overdue/ })
      .first()
      .waitFor();
    expect(await shared.getByRole('link', { name: foundation.name }).count()).toBe(0);
    await shared.context().close();
  });

  it('campaigns: the list with its status filter in the URL', async () => {
    await ok(http.post('/campaigns', { biennium: '2027-2029' }), 'campaign');
    const page = await open('/campaigns');
    await heading(page, 'Campaigns');
    await page.getByRole('link', { name: 'Campaign 2027-2029' }).waitFor();
    await choose(page, 'Status', 'Closed');
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('closed');
    await page.getByText('No campaign yet').waitFor();
    await accessible(page, 'lists-campaigns');
    await page.context().close();
    await stack.app.client.workflow.getHandle('campaign:2027-2029').terminate('test over');
  });

  it('workshops: across clusters, narrowed by cluster in the URL', async () => {
    const page = await open('/workshops');
    await heading(page, 'Workshops');
    await page.getByRole('link', { name: 'Green schools' }).waitFor();
    await page.getByRole('link', { name: 'Global classrooms' }).waitFor();
    await page.getByLabel('Cluster', { exact: true }).first().click();
    await page.getByRole('option', { name: /^ESD — / }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('cluster')).toBe('ESD');
    await page.getByRole('link', { name: 'Global classrooms' }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Green schools' }).waitFor();
    await accessible(page, 'lists-workshops');
    await page.context().close();
  });

  it('workshops: a proposed advisory session opens the form prefilled, and is dismissed', async () => {
    const [row] = await stack.db.orm.em.getConnection().execute<{ id: string }[]>(
      `insert into advisory_session_proposal (id, cluster_code, term_start, term_end, due_by, status, created_at, updated_at)
       values (gen_random_uuid(), 'ESD', current_date, current_date + 730, now() + interval '3 months', 'proposed', now(), now())
       returning id`,
    );
    const page = await open('/workshops');
    await heading(page, 'Workshops');
    await page.getByRole('heading', { name: 'Advisory sessions to schedule' }).waitFor();
    await page.getByRole('button', { name: 'Schedule the advisory session of ESD' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByLabel('Title').first().inputValue()).toBe('ESD advisory session for the new coordinators');
    expect(await dialog.getByLabel('Kind').first().inputValue()).toBe('Advisory session');
    await accessible(page, 'lists-advisory-schedule');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Dismiss the advisory session of ESD' }).click();
    await page.getByRole('heading', { name: 'Advisory sessions to schedule' }).waitFor({ state: 'detached' });
    expect((await http.get(`/advisory-session-proposals?cluster=ESD`)).body.items).toEqual([
      expect.objectContaining({ id: row!.id, status: 'dismissed' }),
    ]);
    await page.context().close();
  });
});
