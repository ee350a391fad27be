// Progress reports in real Chromium: a city's representative hands in the city's report (an empty
// field refused beside it), edits it, and the secretariat's console shows the response rate and
// the cycle's reports; every page axe-clean, at desktop and phone width.
import { describe, expect, it } from 'vitest';
import { SECRETARIAT } from '../support/app.js';
import { useWebStack } from '../support/web-stack.js';
import { seedCluster } from '../support/workflow-env.js';
import { expectAxeClean, heading, screenshot, tokenContext } from '../support/browser.js';

// A database of its own: the cycle asks every member city, and the rate counts them all.
const stack = useWebStack();
const { http } = stack;

const B = '2075-2077';

describe('progress reports in the browser', () => {
  it('lets a city hand in and edit its report, and shows the secretariat the response rate', async () => {
    const { cities } = await seedCluster(stack.db.orm, 2);
    const opened = await http.post('/progress-reports/cycles', {
      biennium: B,
      dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(202);
    expect(opened.body.requested).toBe(2);
    const token = (await http.post('/tokens', { role: 'city', cityId: cities[0], label: 'rep' })).body.token as string;

    for (const viewport of ['desktop', 'phone'] as const) {
      const context = await tokenContext(stack.browser, stack.app.url, token, viewport);
      const page = await context.newPage();
      await page.goto(`${stack.app.url}/app/city/progress-reports`);
      await heading(page, 'Progress reports of my city');
      await page.getByRole('link', { name: B }).waitFor();
      await expectAxeClean(page);
      await page.getByRole('link', { name: B }).click();
      await heading(page, `Your report ${B}`);
      if (viewport === 'desktop') {
        await page.getByLabel('Activities in the biennium').fill('Learning festival in every district');
        await page.getByRole('button', { name: 'Hand in the report' }).click();
        await expect
          .poll(() => page.getByLabel('Strategies for lifelong learning').getAttribute('aria-invalid'))
          .toBe('true');
        await expectAxeClean(page);
        await page.getByLabel('Strategies for lifelong learning').fill('A city-wide lifelong learning strategy');
        await page.getByLabel('Learners reached').fill('12000');
        await page.getByRole('checkbox', { name: 'Literacy' }).check();
        await page.getByRole('button', { name: 'Hand in the report' }).click();
        await page.getByText('Your report is saved').first().waitFor();
        await page.getByRole('button', { name: 'Update the report' }).waitFor();
        const mine = await http.get(`/progress-reports/cycles/${B}/reports/${cities[0]}`);
        expect(mine.body).toMatchObject({ status: 'submitted', learnersReached: 12000, focusAreas: ['literacy'] });
        await page.getByLabel('Activities in the biennium').fill('Learning festival, and libraries open late');
        await page.getByRole('button', { name: 'Update the report' }).click();
        await expect
          .poll(async () => (await http.get(`/progress-reports/cycles/${B}/reports/${cities[0]}`)).body.activities)
          .toBe('Learning festival, and libraries open late');
      } else {
        await page.getByRole('button', { name: 'Update the report' }).waitFor();
      }
      await expectAxeClean(page);
      await screenshot(page, `progress-report-city-${viewport}`);
      await context.close();
    }

    const staff = await tokenContext(stack.browser, stack.app.url, SECRETARIAT);
    const console = await staff.newPage();
    await console.goto(`${stack.app.url}/app/progress-reports`);
    await heading(console, 'Progress reports');
    await console.getByText('50% (1 of 2)').waitFor();
    await console.getByText('No city is flagged').waitFor();
    await expectAxeClean(console);
    await screenshot(console, 'progress-reports-console-desktop');
    await console.getByRole('link', { name: B }).click();
    await heading(console, `Progress reports ${B}`);
    await console.getByText('Learning festival, and libraries open late').waitFor();
    await expectAxeClean(console);
    await screenshot(console, 'progress-report-cycle-desktop');
    await staff.close();
  });
});
