// The secretariat's journey in real Chromium against the real stack: signed in from a link caught by an
// SMTP sink, it opens an election with windows of seconds from the cluster's page and follows it live to
// "decided" while the cities nominate and vote through the API; then it records a receipt from the
// pledge's page and sees the MDFM chart on the overview move.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { financialPledge } from '../support/funding.js';
import { linkTokenFor } from '../support/session.js';
import { useWebStack } from '../support/web-stack.js';
import { seedCluster } from '../support/workflow-env.js';
import { anonymousContext, expectAxeClean, heading, screenshot } from '../support/browser.js';
import { currentBiennium } from '../../web/src/lib/biennium.js';

// Code run inside the page by page.evaluate: the browser's document (the Node project has no DOM lib).
declare const document: { querySelectorAll(s: string): ArrayLike<{ getBoundingClientRect(): { height: number } }> };

const stack = useWebStack({ mail: true });
const { http, fx } = stack;
let page: Page;
const email = `lea.martin.${Date.now()}@example.org`;

let cluster: string;
let cities: { id: string; token: string; name: string }[];
let pledgeId: string;

beforeAll(async () => {
  const invited = await http.post('/people', { name: 'Léa Martin', email, language: 'en', staffRole: 'secretariat' });
  expect(invited.status, JSON.stringify(invited.body)).toBe(201);

  const seeded = await seedCluster(stack.db.orm, 3);
  cluster = seeded.cluster;
  cities = await Promise.all(
    seeded.cities.map(async (id, i) => ({
      id,
      token: await fx.token('city', { cityId: id }),
      name: `City ${cluster}-${i}`,
    })),
  );

  // A US-dollar pledge to the MDFM of the current biennium, pledged, with nothing received yet.
  const donor = await fx.donor({ name: `Fondation ${Date.now()}` });
  const biennium = currentBiennium();
  const start = Number(biennium.slice(0, 4));
  const pledge = await http.post(
    '/pledges',
    financialPledge(donor.id, {
      biennium,
      status: 'pledged',
      amount: { currency: 'USD', value: '400000.00' },
      instalments: [{ due: `${start + 1}-06-30`, amount: '400000.00' }],
    }),
  );
  expect(pledge.status, JSON.stringify(pledge.body)).toBe(201);
  expect(pledge.body.status).toBe('pledged');
  pledgeId = pledge.body.id;
});

async function accessible(name: string) {
  await page.getByRole('status', { name: 'Loading…' }).first().waitFor({ state: 'detached' });
  await expectAxeClean(page, name);
  await screenshot(page, name);
}

/** The chart's figures as the page states them (its accessible name) and the bar heights it draws. */
async function mdfmChart() {
  const chart = page.getByRole('img', { name: /^Pledged / });
  await chart.waitFor();
  const label = (await chart.getAttribute('aria-label')) ?? '';
  await page.locator('.recharts-bar-rectangle').first().waitFor();
  const bars = await page.evaluate(() =>
    Array.from(document.querySelectorAll('.recharts-bar-rectangle')).map((b) => b.getBoundingClientRect().height),
  );
  return { label, bars };
}

describe('the secretariat runs an election and records a receipt in the console', () => {
  it('signs in from the e-mailed link and lands on the overview', async () => {
    const context = await anonymousContext(stack.browser, stack.app.url);
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    const invitation = await linkTokenFor(stack.sink, email);
    await page.goto(`${stack.app.url}/app/sign-in?token=${invitation}`);
    await heading(page, 'Overview');
    await page.getByText('Signed in as Léa Martin').waitFor();
    await accessible('journey-overview-before');
  });

  it('opens an election with windows of seconds and follows it live to decided', async () => {
    await page.goto(`${stack.app.url}/app/clusters/${cluster}`);
    await page.getByRole('button', { name: 'Open an election' }).click();
    const dialog = page.getByRole('dialog', { name: `Open a ${cluster} coordinator election` });
    await dialog.getByLabel('Term starts on').fill(new Date().toISOString().slice(0, 10));
    await dialog.getByLabel('Nomination window').fill('PT8S');
    await dialog.getByLabel('Voting window').fill('PT8S');
    await dialog.getByRole('button', { name: 'Open an election' }).click();
    await page.waitForURL(/\/app\/elections\/[0-9a-f-]{36}$/);
    const electionId = page.url().split('/').pop()!;
    await page.getByText('Nominations open').first().waitFor();
    await accessible('journey-election-nominating');

    // The cities stand through the API; the page shows them as they come.
    const [a, b, c] = cities as [(typeof cities)[0], (typeof cities)[0], (typeof cities)[0]];
    for (const city of [a, b]) {
      const r = await http.post(`/elections/${electionId}/nominations`, { cityId: city.id }, { token: city.token });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const nominees = page.getByRole('table', { name: 'Nominees' });
    await nominees.getByText(a.name).waitFor();
    await nominees.getByText(b.name).waitFor();

    // Voting opens when the nomination window ends; the page follows without a reload.
    await page.getByText('Voting', { exact: true }).first().waitFor({ timeout: 30_000 });
    const votes: [typeof a, string][] = [
      [a, a.id],
      [b, a.id],
      [c, b.id],
    ];
    for (const [voter, choice] of votes) {
      const r = await http.post(`/elections/${electionId}/ballots`, { approve: [choice] }, { token: voter.token });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    await page.getByText('3 of 3 cities voted').waitFor({ timeout: 15_000 });
    await accessible('journey-election-voting');

    await page.getByText('Decided', { exact: true }).first().waitFor({ timeout: 30_000 });
    const results = page.getByRole('region', { name: 'Results' });
    await results.getByText(a.name).first().waitFor();
    await accessible('journey-election-decided');
    const decided = await http.get(`/elections/${electionId}`);
    expect(decided.body.status).toBe('decided');
    expect(decided.body.results.elected).toEqual([a.id]);
  }, 120_000);

  it('records a receipt on the pledge and sees the MDFM chart move on the overview', async () => {
    await page.goto(`${stack.app.url}/app/`);
    await heading(page, 'Overview');
    const before = await mdfmChart();
    expect(before.label).toContain('received $0.00');

    await page.goto(`${stack.app.url}/app/pledges/${pledgeId}`);
    const form = page.getByRole('form', { name: 'Record a receipt' });
    await form.getByLabel('Amount received').fill('250000.00');
    await form.getByRole('button', { name: 'Record a receipt' }).click();
    await page.getByText('Receipt recorded').first().waitFor();
    await page.getByRole('table', { name: 'Receipts' }).getByText('$250,000.00').first().waitFor();

    await page.getByRole('link', { name: 'Overview' }).click();
    await heading(page, 'Overview');
    await expect.poll(async () => (await mdfmChart()).label, { timeout: 15_000 }).toContain('received $250,000.00');
    const after = await mdfmChart();
    // The "received" bar (third: target, pledged, received, …) grew from nothing; the others stayed.
    expect(before.bars.length).toBe(after.bars.length);
    expect(after.bars[2]! - (before.bars[2] ?? 0)).toBeGreaterThan(10);
    await accessible('journey-overview-after');
  }, 60_000);
});
