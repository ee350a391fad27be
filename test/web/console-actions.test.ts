// The secretariat console's actions in real Chromium against the real stack: each is done through
// the page (a refused attempt first, its field error beside its field) and its result read back
// through the API and on the page; axe-core finds no serious violation on the pages and dialogs.
import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRETARIAT, sqlOn, useTestApp } from '../support/app.js';
import {
  buildWebIfStale,
  describeViolations,
  heading,
  launchBrowser,
  screenshot,
  seriousViolations,
  tokenContext,
  VIEWPORTS,
} from '../support/browser.js';
import { DAY, inMs, schedule, workshopStatus } from '../support/cluster-work.js';
import { financialPledge, freshBiennium } from '../support/funding.js';
import { unique } from '../support/http.js';
import { seedCluster } from '../support/workflow-env.js';

// Code run inside the page by page.evaluate: the browser's document (the Node project has no DOM lib).
declare const document: { documentElement: { scrollWidth: number } };

const api = useTestApp();
const { http, fx } = api;
const sql = sqlOn(() => api.app.orm);
let browser: Browser;
let cluster: { cluster: string; cities: string[] };
const cityName = (i: number) => `City ${cluster.cluster}-${i}`;

beforeAll(async () => {
  await buildWebIfStale();
  browser = await launchBrowser();
  cluster = await seedCluster(api.app.orm, 3);
}, 180_000);
afterAll(async () => {
  await browser?.close();
});

async function open(path: string, viewport: keyof typeof VIEWPORTS = 'desktop'): Promise<Page> {
  const context = await tokenContext(browser, api.app.url, SECRETARIAT, viewport);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error on ${path}:`, e.message));
  await page.goto(`${api.app.url}/app${path}`);
  return page;
}

async function accessible(page: Page, name: string) {
  await page.getByRole('status', { name: 'Loading…' }).first().waitFor({ state: 'detached' });
  const violations = await seriousViolations(page);
  expect(violations, `${name}: ${describeViolations(violations)}`).toEqual([]);
  await screenshot(page, `console-${name}`);
}

const invalid = (field: Locator) => expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');

function ok<T = any>(r: { status: number; body: T }, what: string): T {
  expect([200, 201, 202], `${what}: ${r.status} ${JSON.stringify(r.body)}`).toContain(r.status);
  return r.body;
}

describe('console actions', () => {
  it('work plan: edited into version 2, the versions listed and the change per output shown', async () => {
    const { cluster: code, cities } = cluster;
    ok(await http.post(`/clusters/${code}/phases`, { biennium: '2025-2027' }), 'phase');
    ok(
      await http.put(`/clusters/${code}/phases/2025-2027/workplan`, {
        outputs: [
          {
            key: 'workshops',
            title: 'Thematic workshops',
            target: { value: 10, unit: 'workshops' },
            due: '2026-06-30',
          },
          { key: 'toolkit', title: 'A toolkit', target: { value: 1, unit: 'toolkit' }, due: '2026-12-31' },
        ],
      }),
      'version 1',
    );
    const page = await open(`/work-plans?cluster=${code}&biennium=2025-2027`);
    await heading(page, 'Work plans');
    await page.getByRole('cell', { name: 'Thematic workshops' }).waitFor();
    await page.getByRole('button', { name: 'Edit the work plan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit the work plan' });
    const first = dialog.getByRole('group', { name: 'Output 1' });
    await first.getByRole('textbox', { name: 'Target', exact: true }).fill('12');
    await dialog.getByRole('button', { name: 'Remove output 2' }).click();
    await dialog.getByRole('button', { name: 'Add an output' }).click();
    const added = dialog.getByRole('group', { name: 'Output 2' });
    await added.getByRole('textbox', { name: 'Key' }).fill('guide');
    await added.getByRole('textbox', { name: 'Output' }).fill('A practice guide');
    await added.getByRole('textbox', { name: 'Target', exact: true }).fill('1');
    await added.getByRole('textbox', { name: 'Unit of the target' }).fill('guide');
    await added.getByLabel('Owner city').fill(cityName(1));
    await page.getByRole('option', { name: cityName(1) }).click();
    // No due date on the new output: the API names outputs.1.due, shown under that field.
    await dialog.getByRole('button', { name: 'Save as a new version' }).click();
    await invalid(added.getByLabel('Due'));
    expect(await first.getByLabel('Due').getAttribute('aria-invalid')).not.toBe('true');
    await accessible(page, 'work-plan-edit-refused');
    expect((await http.get(`/clusters/${code}/phases/2025-2027/workplan`)).body.versions).toHaveLength(1);
    await added.getByLabel('Due').fill('2027-03-31');
    await dialog.getByRole('button', { name: 'Save as a new version' }).click();
    await dialog.waitFor({ state: 'detached' });

    const plan = (await http.get(`/clusters/${code}/phases/2025-2027/workplan`)).body;
    expect(plan.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(plan.current.outputs).toEqual([
      expect.objectContaining({ key: 'workshops', target: { value: 12, unit: 'workshops' } }),
      expect.objectContaining({ key: 'guide', due: '2027-03-31', ownerCityId: cities[1] }),
    ]);
    await page.getByText('Version 2 ·').waitFor();
    const versions = page.getByRole('region', { name: 'Versions' }).first();
    expect(await versions.getByRole('row').count()).toBe(3); // header + 2 versions
    const diff = page.getByRole('region', { name: 'Changes between two versions' }).first();
    const row = (key: string) =>
      diff.getByRole('row').filter({ has: page.getByRole('cell', { name: key, exact: true }) });
    await row('workshops').getByText('Changed').waitFor();
    await row('workshops').getByText('Target: 10 workshops → 12 workshops').waitFor();
    await row('toolkit').getByText('Removed').waitFor();
    await row('guide').getByText('Added').waitFor();
    await page.getByRole('cell', { name: cityName(1) }).waitFor(); // the owner, by name, in the plan
    await accessible(page, 'work-plan-versions');
    // At phone width the whole page does not scroll sideways (the tables scroll on their own).
    await page.setViewportSize(VIEWPORTS.phone);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await page.context().close();
  });

  it('workshop: an answer given for a city, then rescheduled (a refused schedule first)', async () => {
    const w = ok(
      await http.post(`/clusters/${cluster.cluster}/workshops`, {
        ...schedule(),
        kind: 'thematic',
        title: unique('Forum'),
      }),
      'workshop',
    );
    const page = await open(`/workshops/${w.id}`);
    await heading(page, w.title);
    const invitations = page.getByRole('region', { name: 'Invitations' }).first();
    for (let i = 0; i < 3; i++)
      await invitations
        .getByRole('row')
        .filter({ hasText: cityName(i) })
        .getByText('Not answered')
        .waitFor();
    await page.getByRole('button', { name: `Answer for ${cityName(0)}` }).click();
    const answer = page.getByRole('dialog', { name: `Answer for ${cityName(0)}` });
    await answer.getByLabel('Attendees').fill('Amina Diallo');
    await answer.getByLabel('Attendees').press('Enter');
    await answer.getByRole('button', { name: 'Record the answer' }).click();
    await answer.waitFor({ state: 'detached' });
    const answered = invitations.getByRole('row').filter({ hasText: cityName(0) });
    await answered.getByText('Yes', { exact: true }).waitFor();
    await answered.getByText('Amina Diallo').waitFor();
    const after = (await http.get(`/workshops/${w.id}`)).body;
    expect(after.rsvps).toEqual([
      expect.objectContaining({ cityId: cluster.cities[0], response: 'yes', attendees: ['Amina Diallo'] }),
    ]);
    expect(after.rsvpCounts).toMatchObject({ yes: 1, pending: 2 });
    await accessible(page, 'workshop-invitations');

    await page.getByRole('button', { name: 'Reschedule' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reschedule' });
    // Times in the workshop's own zone (Africa/Nairobi, UTC+3, no daylight saving).
    const day = new Date(Date.now() + 40 * DAY).toISOString().slice(0, 10);
    const rsvp = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
    await dialog.getByLabel('Starts').fill(`${day}T10:00`);
    await dialog.getByLabel('Ends').fill(`${day}T09:00`);
    await dialog.getByLabel('Answers due').fill(`${rsvp}T18:00`);
    await dialog.getByRole('button', { name: 'Reschedule' }).click();
    await invalid(dialog.getByLabel('Ends')); // the API: endsAt must be after startsAt
    await accessible(page, 'workshop-reschedule-refused');
    await dialog.getByLabel('Ends').fill(`${day}T16:00`);
    await dialog.getByRole('button', { name: 'Reschedule' }).click();
    await dialog.waitFor({ state: 'detached' });
    const startsAt = `${day}T07:00:00.000Z`;
    expect((await http.get(`/workshops/${w.id}`)).body).toMatchObject({
      startsAt,
      endsAt: `${day}T13:00:00.000Z`,
      rsvpBy: `${rsvp}T15:00:00.000Z`,
      status: 'invitations_open',
    });
    await page.locator(`time[datetime="${startsAt}"]`).waitFor(); // the new date, on the page
    await page.context().close();
  });

  it('workshop: outcomes and attendance recorded after it took place (missing fields refused first)', async () => {
    const w = ok(
      await http.post(`/clusters/${cluster.cluster}/workshops`, {
        startsAt: inMs(5_000),
        endsAt: inMs(6_000),
        rsvpBy: inMs(4_000),
        timezone: 'Europe/Paris',
        kind: 'thematic',
        title: unique('Short forum'),
      }),
      'workshop',
    );
    ok(
      await http.post(`/workshops/${w.id}/rsvp`, {
        cityId: cluster.cities[1],
        response: 'yes',
        attendees: ['Lena Vogel'],
      }),
      'rsvp',
    );
    await workshopStatus(http, w.id, 'awaiting_outcomes');
    const page = await open(`/workshops/${w.id}`);
    await heading(page, w.title);
    await page.getByRole('button', { name: 'Record the outcomes' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record the outcomes' });
    await dialog.getByRole('button', { name: 'Add a document' }).click();
    await dialog.getByRole('textbox', { name: 'Title of document 1' }).fill('Report');
    await dialog.getByRole('textbox', { name: 'Link to document 1' }).fill('not a link');
    await dialog.getByRole('button', { name: 'Record the outcomes' }).click();
    await invalid(dialog.getByLabel('Conceptual definition'));
    await invalid(dialog.getByLabel('Summary'));
    await invalid(dialog.getByRole('textbox', { name: 'Link to document 1' }));
    await accessible(page, 'workshop-outcomes-refused');
    await dialog.getByLabel('Conceptual definition').fill('Learning for sustainability in every neighbourhood');
    await dialog.getByLabel('Summary').fill('Three cities shared their school garden programmes.');
    await dialog.getByLabel('Successes').fill('Gardens in 40 schools\nA shared curriculum');
    await dialog.getByRole('textbox', { name: 'Link to document 1' }).fill('https://example.org/report.pdf');
    // Attendance starts from the answers (city 1 said yes); city 2 came too.
    expect(await dialog.getByRole('checkbox', { name: cityName(1) }).isChecked()).toBe(true);
    await dialog.getByRole('checkbox', { name: cityName(2) }).check();
    await dialog.getByRole('button', { name: 'Record the outcomes' }).click();
    await dialog.waitFor({ state: 'detached' });
    const done = (await http.get(`/workshops/${w.id}`)).body;
    expect(done.status).toBe('completed');
    expect(done.outcomes).toMatchObject({
      conceptualDefinition: 'Learning for sustainability in every neighbourhood',
      successes: ['Gardens in 40 schools', 'A shared curriculum'],
      documents: [{ title: 'Report', url: 'https://example.org/report.pdf' }],
    });
    expect(done.attendance).toEqual(
      expect.arrayContaining([
        { cityId: cluster.cities[1], attendees: ['Lena Vogel'] },
        { cityId: cluster.cities[2], attendees: [] },
      ]),
    );
    expect(done.attendance).toHaveLength(2);
    const outcomes = page.getByRole('region', { name: 'Outcomes' });
    await outcomes.getByText('A shared curriculum').waitFor();
    await outcomes.getByText(`${cityName(1)}: Lena Vogel`).waitFor();
    await page.context().close();
  });

  it("expert group: an expert added on the cluster's page (a bad address refused first)", async () => {
    const page = await open(`/clusters/${cluster.cluster}`);
    await heading(page, new RegExp(`^${cluster.cluster}`));
    const group = page.getByRole('region', { name: 'Expert group' }).first();
    await group.getByText('No expert in this group yet').waitFor();
    await page.getByRole('button', { name: 'Add an expert' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an expert' });
    const name = unique('Dr Ruth Okello');
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
    await dialog.getByRole('textbox', { name: 'E-mail' }).fill('not-an-address');
    await dialog.getByLabel('Expertise areas').fill('Adult literacy');
    await dialog.getByLabel('Expertise areas').press('Enter');
    await dialog.getByRole('button', { name: 'Add an expert' }).click();
    await invalid(dialog.getByRole('textbox', { name: 'E-mail' }));
    await dialog.getByText(/at least 1|too small|>=1/i).waitFor(); // no support chosen: said beside the choices
    await accessible(page, 'experts-refused');
    await dialog.getByRole('textbox', { name: 'E-mail' }).fill('ruth.okello@example.org');
    await dialog.getByRole('checkbox', { name: 'Mentoring' }).check();
    await dialog.getByRole('button', { name: 'Add an expert' }).click();
    await dialog.waitFor({ state: 'detached' });
    await group.getByRole('cell', { name }).waitFor();
    await group.getByText('Mentoring').waitFor();
    const experts = (await http.get(`/clusters/${cluster.cluster}/experts`)).body.items;
    expect(experts).toEqual([
      expect.objectContaining({
        name,
        email: 'ruth.okello@example.org',
        expertiseAreas: ['Adult literacy'],
        support: ['mentoring'],
      }),
    ]);
    await page.context().close();
  });

  it('pledge: an in-kind valuation approved', async () => {
    const donor = await fx.donor();
    const p = ok(
      await http.post('/pledges', {
        donorId: donor.id,
        kind: 'in_kind',
        fundingOption: 'communication_exchange',
        subOption: 'host_event',
        biennium: '2025-2027',
        inKind: {
          description: 'Regional meeting venue',
          valuation: {
            amount: { currency: 'USD', value: '90000' },
            method: 'Venue quote',
            evidence: 'Quote of 2026-01',
          },
        },
      }),
      'pledge',
    );
    const page = await open(`/pledges/${p.id}`);
    await heading(page, /· 2025-2027/);
    const card = page.getByRole('region', { name: 'In-kind valuation' });
    await card.getByText('Venue quote').waitFor();
    await card.getByText('Proposed').waitFor();
    await accessible(page, 'pledge-valuation');
    await card.getByRole('button', { name: 'Approve the valuation' }).click();
    await card.getByText('Approved').waitFor();
    await card.getByRole('button', { name: 'Approve the valuation' }).waitFor({ state: 'detached' });
    expect((await http.get(`/pledges/${p.id}`)).body.valuation).toMatchObject({
      status: 'approved',
      amount: { currency: 'USD', value: '90000.00' },
    });
    await page.context().close();
  });

  it('exchange rates: a CSV file with a bad line is refused line by line, a good one imported', async () => {
    // Dates of their own (rates are unique per currency and date): this run's rates are new ones.
    const free = async (currency: string) => {
      for (;;) {
        const day = new Date(Date.UTC(2090, 0, 1) + Math.floor(Math.random() * 3650) * 86_400_000).toISOString();
        const date = day.slice(0, 10);
        if ((await http.get(`/fx-rates?currency=${currency}&from=${date}&to=${date}`)).body.total === 0) return date;
      }
    };
    const [d1, d2] = [await free('KES'), await free('NGN')];
    const page = await open('/fx-rates');
    await heading(page, 'Exchange rates');
    await page.getByRole('button', { name: 'Import a CSV file' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a CSV file' });
    const file = dialog.locator('input[type="file"]');
    const csv = (lines: string[]) => ({
      name: 'rates.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['currency,date,rateToUsd', ...lines].join('\n')),
    });
    await file.setInputFiles(csv([`KES,${d1},0.0077`, `NGN,${d2},abc`]));
    await dialog.getByText('2 rates in the file').waitFor();
    await dialog.getByRole('button', { name: 'Import the rates' }).click();
    const errors = dialog.getByRole('list', { name: 'Errors by line' });
    await errors.getByText(/^Line 3 \(rateToUsd\): /).waitFor();
    expect(await errors.getByRole('listitem').count()).toBe(1);
    await accessible(page, 'fx-import-refused');
    expect((await http.get(`/fx-rates?currency=KES&from=${d1}&to=${d1}`)).body.total).toBe(0); // all or nothing

    await file.setInputFiles(csv([`KES,${d1},0.0077`, `NGN,${d2},0.00065`]));
    await dialog.getByText('2 rates in the file').waitFor();
    await dialog.getByRole('button', { name: 'Import the rates' }).click();
    await dialog.getByText('2 rates imported: 2 new, 0 corrected').waitFor();
    expect((await http.get(`/fx-rates?currency=KES&from=${d1}&to=${d1}`)).body.items).toEqual([
      { currency: 'KES', date: d1, rateToUsd: '0.0077' },
    ]);
    expect((await http.get(`/fx-rates?currency=NGN&from=${d2}&to=${d2}`)).body.total).toBe(1);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.context().close();
  });

  it('funding summary: downloaded as CSV, the same figures as the page', async () => {
    const biennium = await freshBiennium(sql);
    const [start] = biennium.split('-');
    ok(await http.post('/fx-rates', { currency: 'EUR', date: '2026-01-01', rateToUsd: '1.08' }), 'rate');
    const donor = await fx.donor();
    ok(
      await http.post(
        '/pledges',
        financialPledge(donor.id, {
          biennium,
          instalments: [
            { due: `${start}-03-01`, amount: '100000' },
            { due: `${start}-09-01`, amount: '200000' },
          ],
        }),
      ),
      'pledge',
    );
    const asOf = `${start}-01-15`;
    const page = await open(`/funding-summary?biennium=${biennium}&asOf=${asOf}`);
    await heading(page, 'Funding summary');
    await page.getByRole('heading', { name: 'By funding option' }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`funding-${biennium}.csv`);
    const lines = (await readFile((await download.path())!, 'utf8')).trim().split('\r\n');
    const json = (await http.get(`/funding/summary?biennium=${biennium}&asOf=${asOf}`)).body;
    expect(lines[0]).toBe('biennium,dimension,key,target,pledged,received,outstanding,overdue,in_kind');
    expect(lines[1]).toBe(
      [
        biennium,
        'total',
        'all',
        json.target,
        json.pledged,
        json.received,
        json.outstanding,
        json.overdue,
        json.inKind,
      ].join(','),
    );
    expect(json.pledged).not.toBe('0.00'); // the pledge of this biennium is in it
    expect(lines).toContain(
      `${biennium},funding_option,mdfm,,${json.byFundingOption.mdfm.pledged},${json.byFundingOption.mdfm.received},${json.byFundingOption.mdfm.outstanding},${json.byFundingOption.mdfm.overdue},${json.byFundingOption.mdfm.inKind}`,
    );
    await accessible(page, 'funding-summary-download');
    await page.context().close();
  });
});
