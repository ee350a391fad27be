// Applying as a city in real Chromium, at phone width, with no account: the public form refuses a
// bad field beside it, the application is sent, the contact confirms from the e-mailed link (real
// outbox, SMTP sink), the secretariat's console sends the National Commission a new link (the old
// one then opens nothing), the National Commission endorses from it, and a juror named in the
// console in French gets its link in French and scores from it. Axe clean.
import { describe, expect, it } from 'vitest';
import { useWebStack } from '../support/web-stack.js';
import { SECRETARIAT } from '../support/app.js';
import {
  anonymousContext,
  checkBothWidths,
  expectAxeClean,
  heading,
  screenshot,
  tokenContext,
} from '../support/browser.js';

const stack = useWebStack({ mail: true });
const { http } = stack;

describe('applying for membership', () => {
  it('applies as a city, confirms from the e-mail and is endorsed from the National Commission’s link', async () => {
    const natcom = 'natcom@unesco.example.go.ke';
    expect((await http.put('/countries/KE/natcom-contact', { email: natcom })).status).toBe(200);
    const call = await http.post('/membership-calls', {
      title: 'Call for learning cities 2027',
      closesAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
    });
    expect(call.status, JSON.stringify(call.body)).toBe(202);
    const callId = call.body.id as string;

    const context = await anonymousContext(stack.browser, stack.app.url, 'phone');
    const page = await context.newPage();
    await page.goto(`${stack.app.url}/app/apply/${callId}`);
    await heading(page, 'Apply to join the GNLC');
    await page.getByText('Call for learning cities 2027').first().waitFor();
    await expectAxeClean(page);

    const contact = 'learning@kisumu.example.org';
    await page.getByLabel('Name of the city').fill('Kisumu');
    await page.getByLabel('Country (UNESCO Member State)').first().fill('Kenya');
    await page.getByRole('option', { name: 'Kenya' }).click();
    await page.getByLabel('Name of the contact person').fill('Achieng Otieno');
    await page.getByLabel('E-mail of the contact person').fill(contact);
    await page.getByLabel('Population').fill('610000');
    await page.getByLabel('Area (km²)').fill('417');
    await page.getByLabel('GDP per capita of the city (USD)').fill('2100');
    await page.getByLabel('GDP per capita of the country (USD)').fill('1990');
    await page.getByLabel('Average years of schooling, women').fill('6.2');
    await page.getByLabel('Average years of schooling, men').fill('7.1');
    // Over 200 words: refused beside the field.
    await page.getByLabel('Motivation (at most 200 words)').fill('learning '.repeat(201));
    await page.getByLabel('Implementation (at most 200 words)').fill('Community learning centres in every ward.');
    for (const [label, score] of [
      ['Inclusion', '4'],
      ['Literacy', '3'],
      ['Employment', '5'],
      ['Health', '4'],
      ['Environment', '3'],
      ['Digital skills', '2'],
    ] as const) {
      await page.getByLabel(label).first().click();
      await page.getByRole('option', { name: score, exact: true }).click();
    }
    await page.getByLabel('Name of the mayor').fill('Mayor of Kisumu');
    await page.getByLabel('The mayor endorses this application').check();
    await page.getByRole('button', { name: 'Send the application' }).click();
    await page.getByText('must be at most 200 words').waitFor();
    await expectAxeClean(page);

    await page.getByLabel('Motivation (at most 200 words)').fill('Learning for all ages along the lake.');
    await page.getByRole('button', { name: 'Send the application' }).click();
    await page.getByText('Application received').waitFor();
    await screenshot(page, 'membership-apply-phone');

    const confirmMail = await stack.sink.waitFor(contact, /\/app\/apply\/confirm\//, 20_000);
    const confirmPath = /\/app\/apply\/confirm\/[A-Za-z0-9_-]+/.exec(confirmMail.text)![0];
    await page.goto(`${stack.app.url}${confirmPath}`);
    await heading(page, 'Confirm the application');
    await page.getByText(/The address is confirmed: the application of Kisumu counts/).waitFor();
    await expectAxeClean(page);

    const natcomMail = await stack.sink.waitFor(natcom, /\/app\/natcom\//, 20_000);
    expect(natcomMail.subject).toBe('Endorsement asked: Kisumu applies to join the GNLC');
    const oldPath = /\/app\/natcom\/[A-Za-z0-9_-]+/.exec(natcomMail.text)![0];

    // The National Commission lost its e-mail: the secretariat sends a new link from the console.
    const staff = await tokenContext(stack.browser, stack.app.url, SECRETARIAT);
    const desk = await staff.newPage();
    await desk.goto(`${stack.app.url}/app/membership-calls/${callId}`);
    await heading(desk, 'Call for learning cities 2027');
    const deadline = (await http.get(`/membership-calls/${callId}/applications`)).body.items[0].natcomDeadline;
    await desk.getByRole('button', { name: 'Send a new link to the National Commission for Kisumu' }).click();
    const dialog = desk.getByRole('dialog', { name: 'Send the National Commission a new link?' });
    await dialog.getByText(/The earlier link stops working; the deadline stays/).waitFor();
    await expectAxeClean(desk);
    await dialog.getByRole('button', { name: 'Send a new link' }).click();
    await desk.getByText('A new link was sent to the National Commission.').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await checkBothWidths(desk, 'membership-call-natcom-resent');
    const resentMail = await stack.sink.waitFor(natcom, /A new link for the application|any earlier link/, 20_000);
    expect(resentMail.subject).toBe('A new link — endorsement asked: Kisumu');
    const natcomPath = /\/app\/natcom\/[A-Za-z0-9_-]+/.exec(resentMail.text)![0];
    expect(natcomPath).not.toBe(oldPath);
    expect((await http.get(`/membership-calls/${callId}/applications`)).body.items[0].natcomDeadline).toBe(deadline);

    // The old link opens nothing now.
    await page.goto(`${stack.app.url}${oldPath}`);
    await heading(page, 'Endorse an application');
    await page.getByRole('alert').filter({ hasText: 'This link is not valid.' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(oldPath);
    expect(await page.getByText(/Kisumu \(Kenya\) applies to the call/).count()).toBe(0);
    await page.goto(`${stack.app.url}${natcomPath}`);
    await heading(page, 'Endorse an application');
    await page.getByText(/Kisumu \(Kenya\) applies to the call/).waitFor();
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Endorse' }).click();
    await page.getByText('Recorded: the application is now “With the jury”.').waitFor();
    await screenshot(page, 'membership-natcom-phone');
    await expectAxeClean(page);

    const apps = await http.get(`/membership-calls/${callId}/applications`);
    expect(apps.body.items.map((a: { cityName: string; status: string }) => [a.cityName, a.status])).toEqual([
      ['Kisumu', 'jury_review'],
    ]);

    // A juror named now in the console, in French, is e-mailed its own link in French, and scores
    // from it; a missing score is refused beside its field.
    const jurorEmail = 'juror@jury.example.org';
    await desk.reload();
    await heading(desk, 'Call for learning cities 2027');
    const jury = desk.getByRole('form', { name: 'Name a juror' });
    await jury.getByLabel('Name of the juror').fill('Amina Juror');
    await jury.getByLabel('E-mail of the juror').fill(jurorEmail);
    await jury.getByLabel('Language of the juror’s e-mails').click();
    await desk.getByRole('option', { name: 'French' }).click();
    await jury.getByRole('button', { name: 'Name a juror' }).click();
    await desk.getByText(`Amina Juror (${jurorEmail}) · French`).waitFor();
    await expectAxeClean(desk);
    await staff.close();
    const juryMail = await stack.sink.waitFor(jurorEmail, /\/app\/jury\//, 20_000);
    expect(juryMail.subject).toBe('Vos notes, s’il vous plaît : le jury de « Call for learning cities 2027 »');
    const juryPath = /\/app\/jury\/[A-Za-z0-9_-]+/.exec(juryMail.text)![0];
    await page.goto(`${stack.app.url}${juryPath}`);
    await heading(page, 'Score the applications');
    const kisumu = page.getByRole('form', { name: 'Your scores for Kisumu' });
    await kisumu.waitFor();
    expect(await page.getByText(contact).count()).toBe(0);
    for (const [label, score] of [
      ['Commitment', '5'],
      ['Strategy', '4'],
      ['Stakeholders', '4'],
      ['Resources', '3'],
    ] as const) {
      await kisumu.getByLabel(label).first().click();
      await page.getByRole('option', { name: score, exact: true }).click();
    }
    await kisumu.getByRole('button', { name: 'Save the scores' }).click();
    // Only the missing one is marked, beside its field.
    await kisumu.locator('input[aria-invalid="true"]').first().waitFor();
    expect(await kisumu.locator('input[aria-invalid="true"]').count()).toBe(1);
    expect(await kisumu.getByLabel('Monitoring').first().getAttribute('aria-invalid')).toBe('true');
    await expectAxeClean(page);
    await kisumu.getByLabel('Monitoring').first().click();
    await page.getByRole('option', { name: '4', exact: true }).click();
    await kisumu.getByRole('button', { name: 'Save the scores' }).click();
    await kisumu.getByText('Your scores are saved.').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(page, 'membership-jury-phone');
    await expectAxeClean(page);
    const scored = await http.get(`/membership-applications/${apps.body.items[0].id}`);
    expect(scored.body.means).toMatchObject({ commitment: '5.00', overall: '4.00' });
    await context.close();
  });
});
