// The sign-in journey in real Chromium: a deep link sends a stranger to sign in, the e-mailed link
// (through the real outbox and an SMTP sink) opens a session and lands where they were going; a
// write carries the CSRF token; a spent link says so; signing out ends the session.
import { beforeAll, describe, expect, it } from 'vitest';
import { signInTokenIn, useWebStack } from '../support/web-stack.js';
import { anonymousContext, expectAxeClean, heading, screenshot } from '../support/browser.js';

const stack = useWebStack({ mail: true });
const email = `ana.weber.${Date.now()}@example.org`;

beforeAll(async () => {
  const invited = await stack.http.post('/people', {
    name: 'Ana Weber',
    email,
    language: 'en',
    staffRole: 'secretariat',
  });
  expect(invited.status, JSON.stringify(invited.body)).toBe(201);
});

describe('sign-in by e-mailed link', () => {
  it('takes a stranger from a deep link to sign-in and back, signed in', async () => {
    const context = await anonymousContext(stack.browser, stack.app.url);
    const page = await context.newPage();
    await page.goto(`${stack.app.url}/app/elections?status=voting`);
    await heading(page, 'Sign in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/app/elections?status=voting');
    await expectAxeClean(page);
    await screenshot(page, 'sign-in-desktop');

    // The invitation came first; the link asked for now is another message with another token.
    const invitation = signInTokenIn((await stack.sink.waitFor(email, /sign-in\?token=/, 20_000)).text);
    expect(invitation).toBeTruthy();
    await page.getByLabel('E-mail address').fill(email);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await page.getByText('Check your e-mail').waitFor();
    await screenshot(page, 'sign-in-sent-desktop');

    const mail = await stack.sink.waitFor(email, new RegExp(`sign-in\\?token=(?!${invitation})`), 20_000);
    const token = signInTokenIn(mail.text);
    expect(token, mail.text).toBeTruthy();

    await page.goto(`${stack.app.url}/app/sign-in?token=${token}`);
    await heading(page, 'Elections');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/app/elections?status=voting');
    await page.getByText('Signed in as Ana Weber').waitFor();

    // A write from the session: the client sends X-CSRF-Token and the API accepts it.
    await page.getByRole('link', { name: 'Cities' }).click();
    await heading(page, 'Cities');
    await page.getByRole('button', { name: 'Register a city' }).click();
    const dialog = page.getByRole('dialog', { name: 'Register a city' });
    const name = `Lyon ${Date.now()}`;
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
    await dialog.getByLabel('Country').fill('Franc');
    await page.getByRole('option', { name: 'France (FR)' }).click();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await heading(page, name);

    // The same link a second time: spent.
    await page.goto(`${stack.app.url}/app/sign-in?token=${token}`);
    await page.getByText('This sign-in link is invalid or has expired').waitFor();
    await page.getByLabel('E-mail address').waitFor();
    expect(new URL(page.url()).searchParams.get('token')).toBeNull();
    await expectAxeClean(page);
    await screenshot(page, 'sign-in-invalid-desktop');

    // Signing out ends the session: the console sends the reader to sign in again.
    await page.goto(`${stack.app.url}/app/`);
    await heading(page, 'Overview');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading(page, 'Sign in');
    await page.goto(`${stack.app.url}/app/cities`);
    await heading(page, 'Sign in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/app/cities');
    await context.close();
  });

  it('works at phone width and in French', async () => {
    const context = await anonymousContext(stack.browser, stack.app.url, 'phone', 'fr-FR');
    const page = await context.newPage();
    await page.goto(`${stack.app.url}/app/sign-in?token=not-a-real-token-at-all-0123456789`);
    await page.getByText('Ce lien de connexion est invalide ou a expiré').waitFor();
    await heading(page, 'Connexion');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await expectAxeClean(page);
    await screenshot(page, 'sign-in-invalid-phone-fr');
    await context.close();
  });
});

declare const document: { documentElement: { lang: string } };
