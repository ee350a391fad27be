// A partnership for an African city in real Chromium: the secretariat records one in the console
// (a new candidate city, refused first beside the field), the Africa support view shows it, and the
// supporting city's representative submits its first progress report from the city portal; every
// page axe-clean, at desktop and phone width.
import { describe, expect, it } from 'vitest';
import { SECRETARIAT } from '../support/app.js';
import { unique } from '../support/http.js';
import { useWebStack } from '../support/web-stack.js';
import { expectAxeClean, heading, screenshot, tokenContext } from '../support/browser.js';

const stack = useWebStack();
const { http, fx } = stack;

describe('partnerships in the web app', () => {
  it('the console records a partnership and the supporting city submits its progress report', async () => {
    // A name no other test uses: the picker shows the first matches of a search only.
    const supporting = await fx.city({ name: unique('Quedlinburg'), country: 'DE' });
    const newCity = unique('Kisumu');
    const title = unique('Learning city mentoring');

    const staff = await tokenContext(stack.browser, stack.app.url, SECRETARIAT);
    const page = await staff.newPage();
    await page.goto(`${stack.app.url}/app/partnerships`);
    await heading(page, 'Partnerships for African cities');
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Record a partnership' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a partnership' });
    await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
    await dialog.getByLabel('Supporting city').fill(supporting.name);
    await page.getByRole('option', { name: `${supporting.name} (DE)` }).click();
    await dialog.getByLabel('New African city (not yet in the registry)').fill(newCity);
    await dialog.getByLabel('Goals').fill('A lifelong learning strategy\nAn application to the GNLC');
    // No country for the new city: the API's refusal is shown beside the field.
    await dialog.getByRole('button', { name: 'Record a partnership' }).click();
    await dialog.getByText('must be an ISO 3166-1 alpha-2 code').waitFor();
    await expectAxeClean(page);
    await dialog.getByLabel('Its country').fill('Kenya');
    await page.getByRole('option', { name: 'Kenya' }).click();
    await dialog.getByRole('button', { name: 'Record a partnership' }).click();
    await heading(page, title);
    await page.getByText(`${newCity} (KE)`).first().waitFor();
    await page.getByText('A lifelong learning strategy').waitFor();
    await expectAxeClean(page);
    await screenshot(page, 'partnership-detail-desktop');
    const list = await http.get('/partnerships');
    const created = list.body.items.find((p: { title: string }) => p.title === title);
    expect(created).toMatchObject({ status: 'active', africanCity: { status: 'candidate', country: 'KE' } });

    await page.goto(`${stack.app.url}/app/partnerships/africa-support`);
    await heading(page, 'Support to African cities');
    await page.getByRole('table', { name: 'By country' }).getByText('Kenya (KE)').waitFor();
    await expectAxeClean(page);
    await screenshot(page, 'partnership-africa-support-desktop');
    await staff.close();

    // The supporting city's representative, at phone width.
    const cityToken = await fx.token('city', { cityId: supporting.id });
    const city = await tokenContext(stack.browser, stack.app.url, cityToken, 'phone');
    const portal = await city.newPage();
    await portal.goto(`${stack.app.url}/app/city/partnerships`);
    await heading(portal, 'My partnerships');
    await expectAxeClean(portal);
    await portal.getByRole('link', { name: title }).click();
    await heading(portal, title);
    await portal.getByRole('button', { name: 'Submit the progress report' }).click();
    await portal.getByText('Too small', { exact: false }).first().waitFor();
    await portal.getByLabel('Summary of progress').fill('A first learning festival was held with 400 people.');
    await portal.getByLabel('Next steps').fill('Draft the strategy with the university.');
    await portal.getByRole('button', { name: 'Submit the progress report' }).click();
    await portal.getByText('The progress report is submitted').first().waitFor();
    // Report 2's period has not begun: the form gives way to when it may be filed.
    await portal.getByText('The next report may be filed from', { exact: false }).waitFor();
    expect(await portal.getByRole('button', { name: 'Submit the progress report' }).count()).toBe(0);
    await portal.getByRole('table', { name: 'Progress reports' }).getByText('A first learning festival').waitFor();
    await expect
      .poll(async () => (await http.get(`/partnerships/${created.id}`)).body.reports.map((r: { seq: number }) => r.seq))
      .toEqual([1]);
    await expectAxeClean(portal);
    await screenshot(portal, 'partnership-city-report-phone');
    await city.close();
  });
});
