// Answering a survey as a city's representative in real Chromium: signed in from the e-mailed link
// (through the real outbox and an SMTP sink), a required question refused beside its field, the
// answers sent, then edited; the secretariat's results count them.
import { describe, expect, it } from 'vitest';
import { SECRETARIAT } from '../support/app.js';
import { signInTokenIn, useWebStack } from '../support/web-stack.js';
import { seedCluster } from '../support/workflow-env.js';
import { anonymousContext, expectAxeClean, heading, screenshot, tokenContext } from '../support/browser.js';

const stack = useWebStack({ mail: true });
const { http } = stack;

describe('answering a survey', () => {
  it('lets a representative answer and edit, with errors beside the questions', async () => {
    const { cluster } = await seedCluster(stack.db.orm, 2);
    const email = `rep0@${cluster.toLowerCase()}.example.org`;
    const created = await http.post('/surveys', {
      title: 'Cluster review 2025',
      clusters: [cluster],
      closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      questions: [
        { id: 'focus', kind: 'single', prompt: 'Main focus', required: true, options: ['health', 'planning'] },
        { id: 'value', kind: 'scale', prompt: 'Value of the cluster' },
        { id: 'note', kind: 'text', prompt: 'Anything else' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    const id = created.body.id as string;

    const context = await anonymousContext(stack.browser, stack.app.url);
    const page = await context.newPage();
    await page.goto(`${stack.app.url}/app/city/surveys`);
    await heading(page, 'Sign in');
    await page.getByLabel('E-mail address').fill(email);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    const mail = await stack.sink.waitFor(email, /sign-in\?token=/, 20_000);
    await page.goto(`${stack.app.url}/app/sign-in?token=${signInTokenIn(mail.text)}`);
    await heading(page, 'Surveys for my city');
    await page.getByText('Not answered yet').waitFor();
    await expectAxeClean(page);

    await page.getByRole('link', { name: 'Cluster review 2025' }).click();
    await heading(page, 'Cluster review 2025');
    await page.getByRole('radio', { name: '4', exact: true }).check();
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByText('an answer is required').waitFor();
    await expectAxeClean(page);
    await screenshot(page, 'survey-answer-error-desktop');

    await page.getByRole('radio', { name: 'health' }).check();
    await page.getByLabel('Anything else').fill('More peer exchange');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByText('Your answers are saved').first().waitFor();
    await page.getByRole('button', { name: 'Update my answers' }).waitFor();
    await expect.poll(async () => (await http.get(`/surveys/${id}/results`)).body.respondents).toBe(1);

    await page.getByRole('radio', { name: 'planning' }).check();
    await page.getByRole('button', { name: 'Update my answers' }).click();
    await expect
      .poll(async () => (await http.get(`/surveys/${id}/results`)).body.questions[0].counts)
      .toEqual([
        { option: 'health', count: 0 },
        { option: 'planning', count: 1 },
      ]);
    await expectAxeClean(page);
    await screenshot(page, 'survey-answered-desktop');
    await context.close();

    // The secretariat's view of it: rates per cluster, the results and the CSV.
    const staff = await tokenContext(stack.browser, stack.app.url, SECRETARIAT);
    const console = await staff.newPage();
    await console.goto(`${stack.app.url}/app/surveys`);
    await heading(console, 'Surveys');
    await console.getByRole('link', { name: 'Cluster review 2025' }).click();
    await heading(console, 'Cluster review 2025');
    await console.getByText('More peer exchange', { exact: false }).first().waitFor();
    expect(await console.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe(
      `/surveys/${id}/results?format=csv`,
    );
    await expect.poll(() => console.getByText('1 of 2').count()).toBeGreaterThan(0);
    await expectAxeClean(console);
    await screenshot(console, 'survey-results-desktop');
    await staff.close();
  });
});
