// What the secretariat owes a donor, in real Chromium: on a pledge's console page the secretariat adds
// a reporting requirement (a missing due date refused beside its field) and records the report
// against it; the donor sees the requirement and the report's link in its portal and has no way to
// change them. Seconded staff the same way: the secretariat adds a secondment (an amount that is not
// one refused beside its field) and approves its first month, the donor reads it. axe-core on every
// page at desktop and phone width.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SECRETARIAT } from '../support/app.js';
import { useWebStack } from '../support/web-stack.js';
import { checkBothWidths, tokenContext } from '../support/browser.js';

const stack = useWebStack();
const { http, fx } = stack;

const check = (page: Page, name: string) => checkBothWidths(page, `requirements-${name}`);

describe('reporting requirements', () => {
  it('are added and reported on by the secretariat and shown to the donor, read-only', async () => {
    const donor = await fx.donor({ name: 'Fondation Kora', contact: { name: 'Kora', email: 'kora@example.org' } });
    const created = await http.post('/pledges', {
      donorId: donor.id,
      kind: 'financial',
      fundingOption: 'mdfm',
      biennium: '2025-2027',
      amount: { currency: 'USD', value: '5000' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const pledgeId = created.body.id as string;

    const context = await tokenContext(stack.browser, stack.app.url, SECRETARIAT);
    const page = await context.newPage();
    await page.goto(`${stack.app.url}/app/pledges/${pledgeId}`);
    const section = page.getByRole('region', { name: 'Reports owed to the donor' });
    await section.getByText('No report is required by this agreement yet.').waitFor();

    await section.getByRole('button', { name: 'Add a requirement' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a requirement' });
    await dialog.getByLabel('Title').fill('Interim narrative 2026');
    await dialog.getByRole('button', { name: 'Add a requirement' }).click();
    // No due date: refused, the error beside the field, nothing added.
    await expect.poll(() => dialog.getByLabel('Due on').getAttribute('aria-invalid')).toBe('true');
    expect((await http.get(`/pledges/${pledgeId}/reporting-requirements`)).body.items).toEqual([]);
    await dialog.getByLabel('Due on').fill('2027-03-31');
    await dialog.getByRole('button', { name: 'Add a requirement' }).click();
    await dialog.waitFor({ state: 'detached' });
    await section.getByRole('cell', { name: /Interim · Narrative — Interim narrative 2026/ }).waitFor();
    await check(page, 'console');

    await section.getByRole('button', { name: /Record the report due on/ }).click();
    const record = page.getByRole('dialog', { name: 'Record the report' });
    await record.getByLabel('Report title').fill('Narrative report, first year');
    await record.getByLabel('Link to the document (https)').fill('https://reports.example.org/kora-2026.pdf');
    await record.getByRole('button', { name: 'Record the report' }).click();
    await record.waitFor({ state: 'detached' });
    await section.getByRole('link', { name: 'Narrative report, first year' }).waitFor();
    const stored = (await http.get(`/pledges/${pledgeId}/reporting-requirements`)).body.items;
    expect(stored).toMatchObject([
      { status: 'submitted', report: { url: 'https://reports.example.org/kora-2026.pdf' }, dueOn: '2027-03-31' },
    ]);

    const token = await fx.token('donor', { donorId: donor.id });
    const donorContext = await tokenContext(stack.browser, stack.app.url, token);
    const donorPage = await donorContext.newPage();
    await donorPage.goto(`${stack.app.url}/app/donor/pledges/${pledgeId}`);
    const mine = donorPage.getByRole('region', { name: 'Reports owed to the donor' });
    const link = mine.getByRole('link', { name: 'Narrative report, first year' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('https://reports.example.org/kora-2026.pdf');
    expect(await mine.getByRole('button').count()).toBe(0);
    await check(donorPage, 'donor');
    await donorContext.close();
    await context.close();
  });
  it('shows seconded staff: the secretariat adds one and approves a month, the donor reads it', async () => {
    const donor = await fx.donor({ name: 'Agence Sahel', contact: { name: 'Sahel', email: 'sahel@example.org' } });
    const created = await http.post('/pledges', {
      donorId: donor.id,
      kind: 'in_kind',
      fundingOption: 'communication_exchange',
      subOption: 'seconded_staff',
      biennium: '2025-2027',
      inKind: { description: 'an officer seconded', quantity: '3', unit: 'person-months' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const pledgeId = created.body.id as string;

    const context = await tokenContext(stack.browser, stack.app.url, SECRETARIAT);
    const page = await context.newPage();
    await page.goto(`${stack.app.url}/app/pledges/${pledgeId}`);
    const section = page.getByRole('region', { name: 'Seconded staff' });
    await section.getByText('No secondment is recorded for this pledge.').waitFor();
    await section.getByRole('button', { name: 'Add a secondment' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a secondment' });
    await dialog.getByLabel('Person').fill('Amina Diallo');
    await dialog.getByLabel('From').fill('2026-01-01');
    await dialog.getByLabel('Until').fill('2026-03-31');
    await dialog.getByLabel('Value of a month').fill('lots');
    await dialog.getByRole('button', { name: 'Add a secondment' }).click();
    await expect.poll(() => dialog.getByLabel('Value of a month').getAttribute('aria-invalid')).toBe('true');
    expect((await http.get(`/pledges/${pledgeId}/secondments`)).body.items).toEqual([]);
    await dialog.getByLabel('Value of a month').fill('4500.50');
    await dialog.getByRole('button', { name: 'Add a secondment' }).click();
    await dialog.waitFor({ state: 'detached' });
    await section.getByRole('cell', { name: 'Amina Diallo', exact: true }).waitFor();
    expect((await http.get(`/pledges/${pledgeId}/secondments`)).body.items[0].monthly.minor).toBe(450_050);

    await section.getByRole('button', { name: 'Approve 2026-01 for Amina Diallo' }).click();
    await section.getByText('1 of 3 months').waitFor();
    await check(page, 'secondments-console');

    const token = await fx.token('donor', { donorId: donor.id });
    const donorContext = await tokenContext(stack.browser, stack.app.url, token);
    const donorPage = await donorContext.newPage();
    await donorPage.goto(`${stack.app.url}/app/donor/pledges/${pledgeId}`);
    const mine = donorPage.getByRole('region', { name: 'Seconded staff' });
    await mine.getByText('1 of 3 months').waitFor();
    expect(await mine.getByRole('button').count()).toBe(0);
    await check(donorPage, 'secondments-donor');
    await donorContext.close();
    await context.close();
  });
});
