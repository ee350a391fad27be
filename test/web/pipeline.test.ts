// The partner pipeline in real Chromium: a prospective partner's public inquiry (errors beside the
// fields, then sent), confirmed from the e-mailed link (through the real outbox and an SMTP sink);
// the secretariat, signed in as a person, finds it confirmed in the pipeline, opens the prospect's
// contact log, logs a meeting with a next step, reschedules it and marks it done. Axe clean, phone width.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInTokenIn, useWebStack } from '../support/web-stack.js';
import { anonymousContext, expectAxeClean, heading, screenshot } from '../support/browser.js';

const stack = useWebStack({ mail: true });
const { http } = stack;

const noSideScroll = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
declare const document: { documentElement: { scrollWidth: number } };
const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

describe('partner pipeline', () => {
  it('takes a public inquiry through its e-mailed confirmation into the contact log', async () => {
    const email = `claire-${randomUUID().slice(0, 8)}@fondation.example.org`;
    const organisation = `Fondation ${randomUUID().slice(0, 6)}`;

    // The public page, at phone width, signed out.
    const visitor = await anonymousContext(stack.browser, stack.app.url, 'phone');
    const page = await visitor.newPage();
    await page.goto(`${stack.app.url}/app/partner`);
    await heading(page, 'Become a funding partner');
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Send my inquiry' }).click();
    // The API's field errors beside their fields.
    await expect.poll(() => page.getByText(/too small|expected|invalid/i).count()).toBeGreaterThan(2);
    await expectAxeClean(page);
    await screenshot(page, 'partner-inquiry-errors-phone');
    await page.getByRole('textbox', { name: 'Organisation' }).fill(organisation);
    await page.getByRole('combobox', { name: 'Kind of organisation' }).click();
    await page.getByRole('option', { name: 'Foundation' }).click();
    await page.getByLabel('Country (ISO code)').fill('FR');
    await page.getByLabel('Your name').fill('Claire Martin');
    await page.getByLabel('Your e-mail address').fill(email);
    await page.getByRole('checkbox', { name: 'MDFM pooled fund' }).check();
    await page.getByRole('checkbox', { name: 'Thematic study' }).check();
    await page.getByLabel('Message (optional)').fill('We would like to support learning cities in Africa.');
    await page.getByRole('button', { name: 'Send my inquiry' }).click();
    await page.getByText('Check your inbox').waitFor();
    await page.getByText(`We sent a confirmation link to ${email}.`).waitFor();
    await expectAxeClean(page);
    await noSideScroll(page);
    await screenshot(page, 'partner-inquiry-sent-phone');

    const mail = await stack.sink.waitFor(email, /partner\/confirm\?token=/, 20_000);
    const link = /(\/app\/partner\/confirm\?token=[A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    await page.goto(`${stack.app.url}${link}`);
    await heading(page, 'Confirming your inquiry');
    await page.getByText('Your inquiry is confirmed').waitFor();
    await expectAxeClean(page);
    await screenshot(page, 'partner-inquiry-confirmed-phone');
    // Spent: the same link again is refused.
    await page.goto(`${stack.app.url}${link}`);
    await page.getByText('This confirmation link is invalid, used or has expired.').waitFor();
    await visitor.close();

    // The secretariat, a person invited and signed in from the e-mailed link.
    const staffEmail = `ana-${randomUUID().slice(0, 8)}@unesco.example.org`;
    const invited = await http.post('/people', {
      name: 'Ana Secretariat',
      email: staffEmail,
      staffRole: 'secretariat',
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const invitation = await stack.sink.waitFor(staffEmail, /sign-in\?token=/, 20_000);
    const signIn = signInTokenIn(invitation.text)!;
    const staff = await anonymousContext(stack.browser, stack.app.url);
    const console = await staff.newPage();
    await console.goto(`${stack.app.url}/app/sign-in?token=${signIn}`);
    await console.getByRole('link', { name: 'Partner pipeline' }).first().waitFor();
    await console.goto(`${stack.app.url}/app/pipeline?confirmed=true`);
    await heading(console, 'Partner pipeline');
    const row = console.getByRole('row', { name: new RegExp(organisation) });
    await row.getByText('Confirmed').waitFor();
    await row.getByText('In discussion').waitFor();
    await expectAxeClean(console);
    await screenshot(console, 'pipeline-desktop');
    await row.getByRole('link', { name: `Contact log: ${organisation}` }).click();
    await heading(console, organisation);
    await console.getByText('Prospect: its contact has no access yet').waitFor();

    const log = console.getByRole('form', { name: 'Log a contact' });
    await log.getByRole('textbox', { name: 'Note', exact: true }).fill('Met at the learning cities conference');
    await log.getByLabel('Next step (optional)').fill('Send the MDFM brochure');
    await log.getByLabel('Next step due on').fill(day(14));
    await log.getByRole('button', { name: 'Log a contact' }).click();
    const entry = console.getByRole('listitem').filter({ hasText: 'Met at the learning cities conference' });
    await entry.getByText('By Ana Secretariat').waitFor();
    await entry.getByText(`due ${day(14)}`).waitFor();
    await expectAxeClean(console);

    await entry.getByRole('button', { name: 'Reschedule' }).click();
    await entry.getByLabel('New due date').fill(day(21));
    await entry.getByRole('button', { name: 'Reschedule' }).click();
    await entry.getByText(`due ${day(21)}`).waitFor();
    await entry.getByRole('button', { name: 'Mark done' }).click();
    await entry.getByText('Done', { exact: true }).waitFor();
    await expect.poll(() => entry.getByRole('button', { name: 'Mark done' }).count()).toBe(0);
    await expectAxeClean(console);
    await screenshot(console, 'contact-log-desktop');
    const [stored] = (
      await http.get(`/donors/${(await http.get('/partner-inquiries?confirmed=true')).body.items[0].donorId}/contacts`)
    ).body.items;
    expect(stored).toMatchObject({
      by: { name: 'Ana Secretariat' },
      next: { step: 'Send the MDFM brochure', dueOn: day(21), status: 'done' },
    });
    await staff.close();
  });
});
