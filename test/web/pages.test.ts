// Every console page in real Chromium, signed in with the secretariat's token: its heading, its
// data, no serious or critical axe-core violation, screenshots at desktop and phone width.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SECRETARIAT } from '../support/app.js';
import { schedule } from '../support/cluster-work.js';
import { financialPledge } from '../support/funding.js';
import { useWebStack } from '../support/web-stack.js';
import { expectAxeClean, heading, screenshot, tokenContext, VIEWPORTS } from '../support/browser.js';

// Code run inside the page by page.evaluate: the browser's document (the Node project has no DOM lib).
declare const document: {
  documentElement: { scrollWidth: number; lang: string };
  activeElement: { textContent: string | null; id: string } | null;
  querySelectorAll(s: string): { length: number };
};

// A database of its own: the pages show what this file made, not what other files left behind.
const stack = useWebStack();
const { http, fx } = stack;
let city: { id: string; name: string };
let donor: { id: string; name: string };
let pledgeId: string;
let workshopId: string;
let meetingId: string;
let electionId: string;
const meetingTitle = `Coordinators ${Date.now()}`;

async function created(r: Promise<{ status: number; body: any }>, what: string) {
  const res = await r;
  expect([200, 201, 202], `${what}: ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
  return res.body;
}

beforeAll(async () => {
  city = await fx.city({ name: `Hamburg ${Date.now()}`, country: 'DE', yearJoined: 2016 });
  await fx.member('ESD', city.id);
  donor = await fx.donor({ name: `Fondation ${Date.now()}` });
  await created(http.post('/fx-rates', { currency: 'EUR', date: '2026-01-01', rateToUsd: '1.08' }), 'fx rate');
  pledgeId = (await created(http.post('/pledges', financialPledge(donor.id)), 'pledge')).id;
  workshopId = (
    await created(
      http.post('/clusters/ESD/workshops', { ...schedule(), kind: 'thematic', title: 'Green schools' }),
      'workshop',
    )
  ).id;
  meetingId = (
    await created(
      http.post('/coordinator-meetings', {
        date: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
        title: meetingTitle,
      }),
      'meeting',
    )
  ).id;
  await created(
    http.post('/peer-learning', {
      cluster: 'ESD',
      kind: 'practice',
      title: 'School gardens',
      body: 'Every school grows its own food.',
      tags: ['schools'],
    }),
    'peer learning',
  );
  electionId = (
    await created(
      http.post('/clusters/ESD/elections', { termStart: '2031-07-01', nominationWindow: 'P30D' }),
      'election',
    )
  ).id;
});

async function open(path: string, viewport: keyof typeof VIEWPORTS = 'desktop'): Promise<Page> {
  const context = await tokenContext(stack.browser, stack.app.url, SECRETARIAT, viewport);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error on ${path}:`, e.message));
  page.on('console', (m) => m.type() === 'error' && console.error(`console on ${path}:`, m.text()));
  await page.goto(`${stack.app.url}/app${path}`);
  return page;
}

// The page checks share one signed-in context per width: a fresh page each, the app's files loaded
// once (a context per check spent most of this file's time loading and compiling them again).
const checkContexts: Partial<Record<keyof typeof VIEWPORTS, Promise<BrowserContext>>> = {};

async function checkPage(name: string, path: string, title: string | RegExp, ready: (page: Page) => Promise<unknown>) {
  // Both widths at once: each waits on its page far more than it computes.
  await Promise.all((['desktop', 'phone'] as const).map((viewport) => checkAt(viewport, name, path, title, ready)));
}

async function checkAt(
  viewport: keyof typeof VIEWPORTS,
  name: string,
  path: string,
  title: string | RegExp,
  ready: (page: Page) => Promise<unknown>,
) {
  const context = await (checkContexts[viewport] ??= tokenContext(stack.browser, stack.app.url, SECRETARIAT, viewport));
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error on ${path}:`, e.message));
  page.on('console', (m) => m.type() === 'error' && console.error(`console on ${path}:`, m.text()));
  await page.goto(`${stack.app.url}/app${path}`);
  try {
    await heading(page, title);
    await ready(page);
  } catch (e) {
    await screenshot(page, `${name}-${viewport}-FAILED`);
    throw e;
  }
  await page.getByRole('status', { name: 'Loading…' }).first().waitFor({ state: 'detached' });
  await expectAxeClean(page, `${name} ${viewport}`);
  await screenshot(page, `${name}-${viewport}`);
  if (viewport === 'phone') {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, 'no horizontal scroll of the whole page at 390 px').toBeLessThanOrEqual(VIEWPORTS.phone.width);
  }
  await page.close();
}

describe('console pages', () => {
  it('overview', async () => {
    await checkPage('overview', '/', 'Overview', async (p) => {
      await p.getByRole('link', { name: 'Education for Sustainable Development' }).first().waitFor();
      // The pipeline counts this file's pledge (at least) among the biennium's pledged ones.
      await p.getByRole('img', { name: /^Pledges by status: .*Pledged: [1-9]/ }).waitFor();
      await p.getByRole('img', { name: /^Pledged .* against a target of \$1,000,000\.00$/ }).waitFor();
    });
  });

  it("loads the first page's JavaScript within 350 kB gzipped", async () => {
    const context = await tokenContext(stack.browser, stack.app.url, SECRETARIAT);
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/app/') && path.endsWith('.js')) scripts.add(path);
    });
    await page.goto(`${stack.app.url}/app/`);
    await heading(page, 'Overview');
    await page.getByRole('img', { name: /^Pledges by status/ }).waitFor(); // the charts' chunk too
    let gzipped = 0;
    for (const path of scripts)
      gzipped += gzipSync(
        await readFile(new URL(`../../web/dist/${path.slice('/app/'.length)}`, import.meta.url)),
      ).length;
    console.log(
      `first page (overview, charts included): ${scripts.size} scripts, ${(gzipped / 1000).toFixed(1)} kB gzipped`,
    );
    expect(gzipped).toBeLessThanOrEqual(350_000);
    await context.close();
  });

  it('cities: list with filters in the URL, then the city', async () => {
    await checkPage('cities', `/cities?q=${encodeURIComponent(city.name)}`, 'Cities', (p) =>
      p.getByRole('link', { name: city.name }).waitFor(),
    );
    await checkPage('city', `/cities/${city.id}`, city.name, (p) => p.getByLabel('Name').waitFor());
  });

  it('clusters and a cluster with its members', async () => {
    await checkPage('clusters', '/clusters', 'Clusters', (p) =>
      p.getByRole('link', { name: 'Health and Well-being' }).first().waitFor(),
    );
    await checkPage('cluster', '/clusters/ESD', /^ESD/, (p) => p.getByRole('link', { name: city.name }).waitFor());
  });

  it('countries', async () => {
    await checkPage('countries', '/countries?region=africa', 'Countries', (p) =>
      p.getByRole('cell', { name: 'Kenya' }).waitFor(),
    );
  });

  it('donors and a donor', async () => {
    await checkPage('donors', '/donors', 'Donors', (p) => p.getByRole('link', { name: donor.name }).waitFor());
    await checkPage('donor', `/donors/${donor.id}`, donor.name, (p) =>
      p.getByRole('heading', { name: 'Pledges' }).waitFor(),
    );
  });

  it('elections', async () => {
    await checkPage('elections', '/elections', 'Elections', (p) => p.getByLabel('Cluster').first().waitFor());
  });

  it('an election, live', async () => {
    await checkPage('election', `/elections/${electionId}`, /^ESD coordinators 2031/, (p) =>
      p.getByRole('heading', { name: 'Nominees' }).waitFor(),
    );
  });

  it('funding: summary, pledges, a pledge, campaigns, exchange rates', async () => {
    await checkPage('funding-summary', '/funding-summary?biennium=2025-2027', 'Funding summary', (p) =>
      p.getByRole('heading', { name: 'By funding option' }).waitFor(),
    );
    await checkPage('pledges', `/pledges?donor=${donor.id}`, 'Pledges', (p) =>
      p.getByRole('link', { name: /MDFM pooled fund/ }).waitFor(),
    );
    await checkPage('pledge', `/pledges/${pledgeId}`, /MDFM pooled fund/, (p) =>
      p.getByRole('heading', { name: 'Instalments' }).waitFor(),
    );
    await checkPage('campaigns', '/campaigns', 'Campaigns', (p) =>
      p.getByRole('button', { name: 'Open a campaign' }).waitFor(),
    );
    await checkPage('fx-rates', '/fx-rates?currency=EUR', 'Exchange rates', (p) =>
      p.getByRole('cell', { name: '1.08' }).first().waitFor(),
    );
  });

  it('a donor pledges from the console: a schedule of two instalments in USD', async () => {
    const page = await open(`/donors/${donor.id}`);
    await heading(page, donor.name);
    await page.getByRole('button', { name: 'Record a pledge' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a pledge' });
    await dialog.getByRole('textbox', { name: 'Amount', exact: true }).fill('50000');
    await dialog.getByLabel('First instalment due').fill('2026-03-01');
    await dialog.getByRole('textbox', { name: 'Number of instalments' }).fill('2');
    await dialog.getByRole('button', { name: 'Record a pledge' }).click();
    await heading(page, /MDFM pooled fund · 2025-2027/);
    await page.getByRole('cell', { name: '$25,000.00' }).first().waitFor();
    const pledges = await http.get(`/donors/${donor.id}/pledges`);
    expect(pledges.body.items.some((p: { amount: { value: string } }) => p.amount?.value === '50000.00')).toBe(true);
    await page.context().close();
  });

  it('a pledge moves on through its status machine from the console', async () => {
    const page = await open(`/pledges/${pledgeId}`);
    await heading(page, /MDFM pooled fund/);
    const form = page.getByRole('form', { name: 'Change the status' });
    await form.getByRole('button', { name: 'Change the status' }).click();
    await page.getByText('Status changed').waitFor();
    expect((await http.get(`/pledges/${pledgeId}`)).body.status).toBe('agreement_signed');
    await page.getByRole('heading', { name: 'History' }).locator('..').getByText('Agreement signed').waitFor();
    await page.context().close();
  });

  it('cluster work: workshops, a workshop, work plans, coordinator meetings, a meeting, peer learning', async () => {
    await checkPage('workshops', '/workshops?cluster=ESD', 'Workshops', (p) =>
      p
        .getByRole('link', { name: /Green schools/ })
        .first()
        .waitFor(),
    );
    await checkPage('workshop', `/workshops/${workshopId}`, 'Green schools', (p) =>
      p
        .getByText(/Africa\/Nairobi/)
        .first()
        .waitFor(),
    );
    await checkPage('work-plans', '/work-plans?cluster=ESD', 'Work plans', (p) =>
      p.getByText('Choose a cluster and a biennium').waitFor(),
    );
    await checkPage('coordinator-meetings', '/coordinator-meetings', 'Coordinator meetings', (p) =>
      p.getByRole('link', { name: meetingTitle }).waitFor(),
    );
    await checkPage('coordinator-meeting', `/coordinator-meetings/${meetingId}`, meetingTitle, (p) =>
      p
        .getByText(/Collecting reports/)
        .first()
        .waitFor(),
    );
    await checkPage('peer-learning', '/peer-learning?q=gardens', 'Peer learning', (p) =>
      p.getByText('School gardens').first().waitFor(),
    );
  });

  it('people and access: people, tokens, audit trail', async () => {
    await created(
      http.post('/people', { name: 'Kofi Mensah', email: `kofi.${Date.now()}@example.org`, staffRole: 'viewer' }),
      'person',
    );
    await checkPage('people', '/people?q=Kofi', 'People', (p) =>
      p.getByRole('cell', { name: 'Kofi Mensah' }).first().waitFor(),
    );
    await checkPage('tokens', '/people/tokens', 'API tokens', (p) =>
      p.getByRole('button', { name: 'Create a token' }).waitFor(),
    );
    await checkPage('audit', '/audit?path=/pledges', 'Audit trail', (p) =>
      p
        .getByText(/POST \/pledges/)
        .first()
        .waitFor(),
    );
  });

  it('an election followed and acted on: nominate a city, then cancel with a reason', async () => {
    const page = await open(`/elections/${electionId}`);
    await heading(page, /^ESD coordinators 2031/);
    await page.getByText('Updates live').waitFor();
    const nominate = page.getByRole('form', { name: 'Nominate' });
    await nominate.getByLabel('City to nominate').fill(city.name);
    await page.getByRole('option', { name: new RegExp(city.name) }).click();
    await nominate.getByRole('button', { name: 'Nominate' }).click();
    await page.getByRole('region', { name: 'Nominees' }).getByRole('cell', { name: city.name }).waitFor();

    await page.getByRole('button', { name: 'Cancel the election' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel the election' });
    await dialog.getByRole('button', { name: 'Cancel the election' }).click();
    // No reason: the API's field error shows under the reason.
    await page.waitForFunction(
      () => document.querySelectorAll('[role="dialog"] textarea[aria-invalid="true"]').length === 1,
    );
    await dialog.getByLabel('Reason').fill('The cluster is being merged');
    await dialog.getByRole('button', { name: 'Cancel the election' }).click();
    await page.getByRole('alert').filter({ hasText: 'The cluster is being merged' }).waitFor();
    expect((await http.get(`/elections/${electionId}`)).body).toMatchObject({
      status: 'cancelled',
      cancelReason: 'The cluster is being merged',
    });
    await screenshot(page, 'election-cancelled-desktop');
    await page.context().close();
  });

  it('a cluster gains a member and loses it again, from the console', async () => {
    const newcomer = await fx.city({ name: `Nairobi ${Date.now()}`, country: 'KE' });
    const page = await open('/clusters/HEALTH');
    await heading(page, /^HEALTH/);
    await page.getByRole('button', { name: 'Add a member city' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a member city' });
    await dialog.getByLabel('City').fill(newcomer.name);
    await page.getByRole('option', { name: new RegExp(newcomer.name) }).click();
    await dialog.getByLabel("Representative's name").fill('Wanjiru Kamau');
    await dialog.getByLabel("Representative's e-mail").fill('not-an-address');
    await dialog.getByRole('button', { name: 'Add a member city' }).click();
    // The API refuses the address; its message is shown beside that field.
    const emailField = dialog.getByLabel("Representative's e-mail");
    await page.waitForFunction(() => document.querySelectorAll('[role="dialog"] [aria-invalid="true"]').length === 1);
    expect(await emailField.getAttribute('aria-invalid')).toBe('true');
    await emailField.fill('wanjiru.kamau@example.org');
    await dialog.getByRole('button', { name: 'Add a member city' }).click();
    await page.getByRole('link', { name: newcomer.name }).waitFor();

    await page.getByRole('button', { name: `End membership: ${newcomer.name}` }).click();
    const confirm = page.getByRole('dialog', { name: 'End membership' });
    await confirm.getByRole('button', { name: 'End membership' }).click();
    await page.getByRole('link', { name: newcomer.name }).waitFor({ state: 'detached' });
    const members = await http.get('/clusters/HEALTH/members?limit=200');
    expect(members.body.items.some((m: { cityId: string }) => m.cityId === newcomer.id)).toBe(false);
    await page.context().close();
  });

  it('at phone width the navigation opens from the burger and closes on the way', async () => {
    const page = await open('/', 'phone');
    await heading(page, 'Overview');
    const burger = page.getByRole('button', { name: 'Open navigation' });
    await burger.click();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Clusters' }).click();
    await heading(page, 'Clusters');
    await page.getByRole('button', { name: 'Open navigation' }).waitFor();
    expect(await page.getByRole('button', { name: 'Open navigation' }).getAttribute('aria-expanded')).toBe('false');
    await page.context().close();
  });

  it('is usable from the keyboard: skip link, then a form sent with Enter', async () => {
    const page = await open('/donors');
    await heading(page, 'Donors');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.getByRole('button', { name: 'Add a donor' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Add a donor' });
    const name = `Keyboard Foundation ${Date.now()}`;
    const nameField = dialog.getByRole('textbox', { name: 'Name', exact: true });
    await nameField.waitFor();
    await page.waitForFunction(() => document.activeElement?.id !== 'main');
    await page.keyboard.type(name); // the dialog puts the focus in its first field
    await page.keyboard.press('Tab'); // the donor type: open its list, take the first type
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await nameField.press('Enter');
    await heading(page, name);
    await page.context().close();
  });

  it('a field error from the API is shown beside its field', async () => {
    const page = await open('/cities');
    await heading(page, 'Cities');
    await page.getByRole('button', { name: 'Register a city' }).click();
    const dialog = page.getByRole('dialog', { name: 'Register a city' });
    await dialog.getByRole('button', { name: 'Create' }).click();
    // The API answers 400 with errors for body.name and body.country; each shows under its input.
    const name = dialog.getByRole('textbox', { name: 'Name' });
    await page.waitForFunction(() => document.querySelectorAll('[role="dialog"] [aria-invalid="true"]').length >= 2);
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    const described = await name.getAttribute('aria-describedby');
    expect(described).toBeTruthy();
    await page.context().close();
    // And nothing was created.
    const r = await http.get('/cities?q=zzzz-never');
    expect(r.body.total).toBe(0);
  });

  it('French: the console in the other language', async () => {
    const page = await open('/');
    await heading(page, 'Overview');
    // The segmented control's radio inputs are visually hidden: pick by its visible label, as a reader does.
    await page.getByRole('radiogroup', { name: 'Language' }).getByText('FR', { exact: true }).click();
    await heading(page, "Vue d'ensemble");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.getByRole('link', { name: 'Villes' }).click();
    await heading(page, 'Villes');
    await screenshot(page, 'cities-fr-desktop');
    await page.context().close();
  });
});
