// The funds pages in real Chromium: the funds list with its four figures and the reach, a fund's
// allocate form (a field error beside its field, a refusal saying what is available), an
// allocation's disbursement with the beneficiary cities picker, a pledge's split on the console's
// and the donor portal's pledge pages. axe-core on every page at desktop and phone width.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SECRETARIAT } from '../support/app.js';
import { useWebStack } from '../support/web-stack.js';
import { checkBothWidths, expectAxeClean, heading, tokenContext } from '../support/browser.js';

// A database of its own: the funds' figures are this file's alone.
const stack = useWebStack();
const { http, fx } = stack;

async function ok(r: Promise<{ status: number; body: any }>, what: string) {
  const res = await r;
  expect([200, 201], `${what}: ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
  return res.body;
}

const check = (page: Page, name: string) => checkBothWidths(page, `funds-${name}`, { noSideways: true });

const invalid = (field: ReturnType<Page['getByLabel']>) =>
  expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');

describe('funds pages', () => {
  it('show the funds, allocate (errors beside fields), disburse to cities, and the split to secretariat and donor', async () => {
    const donor = await fx.donor({
      name: 'Fondation Baobab',
      contact: { name: 'Awa', email: 'awa@baobab.example.org' },
    });
    const pledge = await ok(
      http.post('/pledges', {
        donorId: donor.id,
        kind: 'financial',
        fundingOption: 'mdfm',
        biennium: '2025-2027',
        amount: { currency: 'USD', value: '1000' },
      }),
      'pledge',
    );
    await ok(
      http.put(`/pledges/${pledge.id}/split`, {
        parts: [
          { fund: 'mdfm', basisPoints: 6000 },
          { fund: 'thematic_study', basisPoints: 4000 },
        ],
      }),
      'split',
    );
    await ok(
      http.post(`/pledges/${pledge.id}/receipts`, {
        amount: { currency: 'USD', value: '1000' },
        receivedOn: '2026-01-20',
      }),
      'receipt',
    );
    await fx.city({ name: 'Addis Ababa', country: 'ET' });
    await fx.city({ name: 'Berlin', country: 'DE' });

    const context = await tokenContext(stack.browser, stack.app.url, SECRETARIAT);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${stack.app.url}/app/funds`);
    await heading(page, 'Funds');
    const mdfmRow = page.getByRole('row', { name: /MDFM pooled fund/ });
    await expect.poll(() => mdfmRow.textContent()).toContain('600.00');
    await check(page, 'list');
    // The page's IATI link leads to the file (this test's context signs in by token, which a plain
    // link does not carry; a person's session cookie does).
    const iati = await page.getByRole('link', { name: /IATI/ }).getAttribute('href');
    const xml = await page.request.get(new URL(iati!, stack.app.url).toString(), {
      headers: { authorization: `Bearer ${SECRETARIAT}` },
    });
    expect(xml.status()).toBe(200);
    expect(await xml.text()).toContain('<iati-activities');

    await page.getByRole('link', { name: 'MDFM pooled fund' }).click();
    await heading(page, 'MDFM pooled fund');
    await page.getByText('Nothing allocated from this fund yet').waitFor();
    await check(page, 'fund');

    await page.getByRole('button', { name: 'Allocate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Allocate' });
    await dialog
      .getByLabel(/^Activity/)
      .first()
      .click();
    await page.getByRole('option', { name: 'Workshop' }).click();
    await dialog.getByLabel('Title of the activity').fill('Inception workshop, Addis Ababa');
    await dialog.getByLabel('Amount').fill('1.001');
    await dialog.getByRole('button', { name: 'Allocate' }).click();
    // The API names body.amount.value: the error stands beside the amount.
    await invalid(dialog.getByLabel('Amount'));
    await dialog.getByText('USD has 2 decimal places; got 3').waitFor();
    await expectAxeClean(page);
    await dialog.getByLabel('Amount').fill('700');
    await dialog.getByRole('button', { name: 'Allocate' }).click();
    await dialog.getByText(/has 600\.00 USD available/).waitFor();
    await dialog.getByLabel('Amount').fill('500');
    await dialog.getByRole('button', { name: 'Allocate' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Inception workshop, Addis Ababa' }).click();
    await heading(page, 'Inception workshop, Addis Ababa');
    await check(page, 'allocation');

    await page.getByRole('button', { name: 'Record a disbursement' }).click();
    const pay = page.getByRole('dialog', { name: 'Record a disbursement' });
    await pay.getByLabel('Amount (USD)').fill('200');
    await pay.getByLabel('Beneficiary cities').fill('Addis');
    await page.getByRole('option', { name: 'Addis Ababa (ET)' }).click();
    await pay.getByLabel('Beneficiary cities').fill('Berl');
    await page.getByRole('option', { name: 'Berlin (DE)' }).click();
    await check(page, 'disburse-form');
    await pay.getByRole('button', { name: 'Record a disbursement' }).click();
    await pay.waitFor({ state: 'detached' });
    const row = page.getByRole('region', { name: 'Disbursements' }).getByRole('row').nth(1);
    await expect
      .poll(() => row.textContent())
      .toMatch(/Addis Ababa \(ET\).*Berlin \(DE\)|Berlin \(DE\).*Addis Ababa \(ET\)/);
    await check(page, 'allocation-disbursed');

    // The reach: 200 shared by Addis Ababa (Africa, LDC) and Berlin: half of it each.
    await page.goto(`${stack.app.url}/app/funds`);
    await heading(page, 'Funds');
    const reach = page.getByRole('region', { name: 'Where disbursements went' });
    await expect.poll(() => reach.textContent()).toContain('50%');

    // The pledge page: its split with what each fund received.
    await page.goto(`${stack.app.url}/app/pledges/${pledge.id}`);
    const split = page.getByRole('region', { name: 'Split across funds' }).first();
    await split.getByRole('cell', { name: 'Thematic study' }).waitFor();
    await expect.poll(() => split.textContent()).toContain('400.00');
    await check(page, 'pledge');

    // The donor's portal shows its own pledge's split.
    const token = await fx.token('donor', { donorId: donor.id });
    const donorContext = await tokenContext(stack.browser, stack.app.url, token);
    const donorPage = await donorContext.newPage();
    await donorPage.goto(`${stack.app.url}/app/donor/pledges/${pledge.id}`);
    const donorSplit = donorPage.getByRole('region', { name: 'Split across funds' }).first();
    await donorSplit.getByRole('cell', { name: 'MDFM pooled fund' }).waitFor();
    expect(await donorSplit.getByRole('button', { name: 'Split the pledge' }).count()).toBe(0);
    await check(donorPage, 'donor-pledge');
    await donorContext.close();
    await context.close();
  });
});
