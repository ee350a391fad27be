// The funding partner's journey in real Chromium against the real stack: a donor's contact signs in
// from the e-mailed link (real outbox, SMTP sink), sees its own pledges only (stages, instalments,
// receipts in the original currency and in USD), offers an in-kind pledge with the strategy's
// options on the page, proposes its valuation, downloads its statement as CSV and prints it; another
// donor's pledge URL is the not-found page. axe-core on every page, screenshots desktop and phone.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { financialPledge } from '../support/funding.js';
import { useWebStack } from '../support/web-stack.js';
import { anonymousContext, checkBothWidths, heading, screenshot } from '../support/browser.js';

const stack = useWebStack({ mail: true });
const { http, fx } = stack;
const email = `ines.duarte.${Date.now()}@fondation.example.org`;
let mine: { id: string; name: string };
let theirs: { id: string; name: string };
let myPledge: string;
let theirPledge: string;

async function ok(r: Promise<{ status: number; body: any }>, what: string) {
  const res = await r;
  expect([200, 201], `${what}: ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
  return res.body;
}

beforeAll(async () => {
  await ok(http.post('/fx-rates', { currency: 'EUR', date: '2026-01-01', rateToUsd: '1.08' }), 'rate');
  mine = await fx.donor({ name: 'Fondation Lumière', contact: { name: 'Inês Duarte', email } });
  theirs = await fx.donor({
    name: 'Other Trust',
    contact: { name: 'Olu Ade', email: `olu.${Date.now()}@example.org` },
  });
  myPledge = (await ok(http.post('/pledges', financialPledge(mine.id)), 'my pledge')).id;
  await ok(
    http.post(`/pledges/${myPledge}/receipts`, {
      amount: { currency: 'EUR', value: '100000' },
      receivedOn: '2026-02-03',
      receiptNumber: 'R-1',
    }),
    'receipt',
  );
  theirPledge = (
    await ok(http.post('/pledges', { ...financialPledge(theirs.id), fundingOption: 'thematic_study' }), 'their pledge')
  ).id;
});

/** No serious axe violation, screenshots at desktop and phone width (no sideways scroll there). */
const check = (page: Page, name: string) => checkBothWidths(page, `donor-${name}`, { noSideways: true });

describe('donor portal', () => {
  it('a partner signed in from its e-mail sees its own pledges, offers one, values it and gets its statement', async () => {
    const context = await anonymousContext(stack.browser, stack.app.url);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));

    // Signed in from the e-mailed link: the home sends a donor to its portal.
    await page.goto(`${stack.app.url}/app/sign-in`);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    const mail = await stack.sink.waitFor(email, /\/app\/sign-in\?token=/, 20_000);
    const link = /https?:\/\/\S+\/app\/sign-in\?token=[A-Za-z0-9_-]+/.exec(mail.text)![0];
    await page.goto(link);
    await heading(page, 'My pledges');
    expect(new URL(page.url()).pathname).toBe('/app/donor/pledges');

    // Only its own pledge: the other donor's thematic study is nowhere.
    const table = page.getByRole('region', { name: 'My pledges' });
    await table.getByRole('link', { name: 'MDFM pooled fund' }).waitFor();
    expect(await table.getByRole('row').count()).toBe(2); // header + one pledge
    await expect.poll(() => page.getByText('Thematic study').count()).toBe(0);
    await check(page, 'pledges');

    // The pledge: stages, instalments with due dates and status, the receipt in EUR and in USD.
    await table.getByRole('link', { name: 'MDFM pooled fund' }).click();
    await heading(page, 'MDFM pooled fund · 2025-2027');
    const instalments = page.getByRole('region', { name: 'Instalments' });
    await instalments.getByRole('row').nth(3).waitFor();
    expect(await instalments.getByRole('row').count()).toBe(4);
    await instalments.getByText('Jan 15, 2026').waitFor();
    const receipts = page.getByRole('region', { name: 'Receipts' });
    const receipt = receipts.getByRole('row', { name: /R-1/ });
    await receipt.getByText('€100,000.00').waitFor();
    await receipt.getByText('$108,000.00').waitFor();
    await receipt.getByText('1.08').waitFor();
    await page
      .getByRole('region', { name: /Stages/ })
      .or(page.getByText('Stages'))
      .first()
      .waitFor();
    await check(page, 'pledge');

    // Offer a pledge in kind: the strategy's options explained where one is chosen.
    await page.getByRole('link', { name: 'Offer a pledge' }).first().click();
    await heading(page, 'Offer a pledge');
    await page.getByText(/US\$1 million for each two-year term/).waitFor();
    await page.getByText(/focus on cities in Africa and in low-income countries/).waitFor();
    for (const area of [
      /^1\. Capacity building and training for city policy makers in least developed countries$/,
      /^2\. International, regional or sub-regional thematic study/,
      /^3\. International and regional communication, sharing and exchange$/,
    ])
      await page.getByRole('radio', { name: area }).waitFor();
    await check(page, 'offer');
    await page.getByRole('radio', { name: 'In kind' }).check();
    await page.getByRole('radio', { name: 'Second staff to the GNLC coordination team' }).check();
    expect(await page.getByRole('radio', { name: /^3\. International and regional communication/ }).isChecked()).toBe(
      true,
    );
    // Nothing described: the API's field error shows beside the field, and nothing is created.
    await page.getByRole('button', { name: 'Send the offer' }).click();
    await page
      .getByText(/Too small|at least|required|expected/i)
      .first()
      .waitFor();
    await page.getByLabel('What is offered').fill('An officer seconded to the coordination team for 12 months');
    await page.getByLabel('Quantity').fill('12');
    await page.getByLabel('Unit').fill('person-months');
    await page.getByRole('button', { name: 'Send the offer' }).click();
    await heading(page, /^Communication and exchange — Second staff to the GNLC coordination team · /);
    const offerId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByText('In discussion').first().waitFor();
    expect((await ok(http.get(`/donors/${mine.id}/pledges`), 'list')).total).toBe(2);
    await page.getByText('Not valued').waitFor();

    // Propose the valuation; only the secretariat approves it.
    await page.getByLabel('Value').fill('90000');
    await page.getByLabel('Currency (ISO code)').fill('EUR');
    await page.getByLabel('Method').fill('salary scale P3');
    await page.getByLabel('Evidence').fill('HR letter of 2026-01-10');
    await page.getByRole('button', { name: 'Propose a valuation' }).click();
    await page.getByText('Proposed', { exact: true }).waitFor();
    await check(page, 'offer-proposed');
    const proposed = await ok(http.get(`/pledges/${offerId}`), 'offer');
    expect(proposed).toMatchObject({
      donorId: mine.id,
      status: 'in_discussion',
      kind: 'in_kind',
      subOption: 'seconded_staff',
      valuation: { status: 'proposed', amount: { currency: 'EUR', value: '90000.00' }, method: 'salary scale P3' },
    });
    await ok(http.post(`/pledges/${offerId}/in-kind/valuation`, { decision: 'approve' }), 'approve');
    await page.reload();
    await page.getByText('Approved', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Propose a valuation' }).count()).toBe(0);

    // The statement: on the page, as a CSV download, and printable without the app's frame.
    await page.getByRole('link', { name: 'Statement' }).first().click();
    await heading(page, 'Statement');
    const rows = page.getByRole('region', { name: 'Statement' }).getByRole('row');
    await rows.nth(2).waitFor();
    await page.getByText('$205,200.00').waitFor(); // 108,000.00 + 97,200.00
    await check(page, 'statement');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^statement-${mine.id}-\\d{4}-\\d\\d-\\d\\d\\.csv$`));
    const csv = await readFile((await download.path())!, 'utf8');
    const today = new Date().toISOString().slice(0, 10);
    expect(csv.split('\r\n')).toEqual([
      'date,pledge_id,funding_option,sub_option,kind,reference,currency,amount_minor,amount,fx_rate_to_usd,usd_minor,usd',
      `2026-02-03,${myPledge},mdfm,,receipt,R-1,EUR,10000000,100000.00,1.08,10800000,108000.00`,
      `${today},${offerId},communication_exchange,seconded_staff,in_kind,,EUR,9000000,90000.00,1.08,9720000,97200.00`,
      '',
    ]);
    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => page.getByRole('link', { name: 'Download CSV' }).isVisible()).toBe(false);
    expect(await page.locator('#main-navigation').isVisible()).toBe(false);
    await screenshot(page, 'donor-statement-print');
    await page.emulateMedia({ media: 'screen' });

    // The address a pledge's e-mail links to (/app/pledges/:id) opens it in the portal.
    await page.goto(`${stack.app.url}/app/pledges/${myPledge}`);
    await heading(page, 'MDFM pooled fund · 2025-2027');
    expect(new URL(page.url()).pathname).toBe(`/app/donor/pledges/${myPledge}`);
    expect(await page.getByRole('button', { name: 'Change the status' }).count()).toBe(0);

    // Another donor's pledge, by either address: the not-found page, nothing of it shown.
    await page.goto(`${stack.app.url}/app/pledges/${theirPledge}`);
    await heading(page, 'Not found');
    expect(new URL(page.url()).pathname).toBe(`/app/donor/pledges/${theirPledge}`);
    await page.goto(`${stack.app.url}/app/donor/pledges/${theirPledge}`);
    await heading(page, 'Not found');
    await page.getByText('This page does not exist.').waitFor();
    expect(await page.getByText('Thematic study').count()).toBe(0);
    await check(page, 'not-found');

    // The same portal in French, chosen in the header (and kept on the person).
    await page.locator('label', { hasText: /^FR$/ }).click();
    await heading(page, 'Introuvable');
    await page.getByRole('link', { name: 'Proposer une contribution' }).click();
    await heading(page, 'Proposer une contribution');
    await page.getByText(/1 million de dollars des États-Unis pour chaque période de deux ans/).waitFor();
    await page.getByRole('radio', { name: /^3\. Communication, partage et échanges internationaux/ }).waitFor();
    await check(page, 'offer-fr');
    await page.getByRole('link', { name: 'Relevé' }).click();
    await heading(page, 'Relevé');
    await page.getByRole('link', { name: 'Télécharger en CSV' }).waitFor();
    await page.getByText('Paiement reçu').waitFor();
    await check(page, 'statement-fr');
    await context.close();
  });
});
