// The city portal's work plan outputs in real Chromium: the coordinators' reminder e-mail (real
// outbox, SMTP sink) links to the portal's outputs page, which survives signing in; the page lists
// the cluster's outputs of the current biennium with due date, status and history; the coordinator
// records progress (an empty value refused beside its field), a member city only reads, a city whose
// cluster has no plan sees the empty state. axe-core at desktop and phone width.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { currentBiennium } from '../../web/src/lib/biennium.js';
import { sqlOn } from '../support/app.js';
import { checkBothWidths, expectAxeClean, heading } from '../support/browser.js';
import { signedIn, useWebStack } from '../support/web-stack.js';
import { seedCluster, seedCoordinatedCluster } from '../support/workflow-env.js';

const stack = useWebStack({ mail: true });
const { http } = stack;
const sql = sqlOn(() => stack.db.orm);
const B = currentBiennium();
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const PAGE = '/app/city/work-plans/timeline';
const rep = (cluster: string, i: number) => `rep${i}@${cluster.toLowerCase()}.example.org`;

const cards = (page: Page, cluster: string) =>
  page.getByRole('list', { name: `Outputs of Test cluster ${cluster} by due date` }).locator(':scope > li');
const titles = async (page: Page, cluster: string) => {
  const ids = await Promise.all((await cards(page, cluster).all()).map((c) => c.getAttribute('aria-labelledby')));
  return Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
};
const card = (page: Page, cluster: string, title: string) => cards(page, cluster).filter({ hasText: title });

describe('work plan outputs in the city portal', () => {
  it('links the reminder to the portal page, where the coordinator records progress and a member reads', async () => {
    const { cluster, cities } = await seedCoordinatedCluster(stack.db.orm, 2, 1);
    expect([201, 202]).toContain((await http.post(`/clusters/${cluster}/phases`, { biennium: B })).status);
    const saved = await http.put(`/clusters/${cluster}/phases/${B}/workplan`, {
      outputs: [
        { key: 'centres', title: 'Learning centres opened', target: { value: 12, unit: 'centres' }, due: day(200) },
        { key: 'guide', title: 'Facilitators’ guide', target: { value: 1, unit: 'guide' }, due: day(10) },
        { key: 'survey', title: 'Baseline survey', target: { value: 1, unit: 'survey' }, due: day(-5) },
      ],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    // The guide falls due within the 14-day lead: its reminder goes to the coordinator, linking to the portal's page.
    const reminder = await stack.sink.waitFor(rep(cluster, 0), /Facilitators’ guide/, 30_000);
    expect(reminder.subject).toMatch(/^Work plan output due on .*: Facilitators’ guide$/);
    expect(reminder.text).toContain(`${stack.app.url}${PAGE}`);
    const [row] = await sql<{ link: string }>(
      `select link from notification where kind = 'work-plan-output.due-soon' and recipient_city_id = ?`,
      [cities[0]],
    );
    expect(row?.link).toBe(PAGE);

    // The coordinator follows it: signing in brings them back to it.
    const page = await signedIn(stack, rep(cluster, 0), PAGE);
    await heading(page, 'Work plan outputs of my clusters');
    await page.getByText('Your city coordinates this cluster').waitFor();
    await page.getByText('3 outputs').waitFor();
    // By due date, each card named by its title.
    expect(await titles(page, cluster)).toEqual(['Baseline survey', 'Facilitators’ guide', 'Learning centres opened']);
    await expect.poll(() => card(page, cluster, 'Baseline survey').textContent()).toContain('Late');
    await expect.poll(() => card(page, cluster, 'Facilitators’ guide').textContent()).toContain('At risk');
    await expect.poll(() => card(page, cluster, 'Learning centres').textContent()).toContain('On track');
    await expect.poll(() => card(page, cluster, 'Learning centres').textContent()).toContain('No progress recorded');
    expect(await page.getByRole('link', { name: 'Work plan outputs' }).getAttribute('href')).toBe(PAGE);
    await checkBothWidths(page, 'city-outputs', { noSideways: true });

    // Recording progress: an empty value is refused beside its field, then 5 of 12 centres.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Record progress: Learning centres opened' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record progress: Learning centres opened' });
    await dialog.getByRole('button', { name: 'Record progress' }).click();
    await expect.poll(() => dialog.getByLabel('Value reached (centres)').getAttribute('aria-invalid')).toBe('true');
    await expectAxeClean(page, 'city-outputs-record-refused');
    await dialog.getByLabel('Value reached (centres)').fill('5');
    await dialog.getByLabel('Note').fill('Five districts');
    await dialog.getByRole('button', { name: 'Record progress' }).click();
    await page.getByText('Progress recorded').first().waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => card(page, cluster, 'Learning centres').textContent()).toContain('5 of 12 centres');
    await page.getByRole('button', { name: 'History (1): Learning centres opened' }).click();
    const history = page.getByRole('list', { name: 'History of Learning centres opened' });
    await history.getByText('Five districts').waitFor();
    await history.getByText(/Direct update/).waitFor();
    await checkBothWidths(page, 'city-outputs-history', { noSideways: true });
    const [entry] = await sql<{ value: number; note: string; recorded_by: string }>(
      `select value, note, recorded_by from workplan_output_progress where output_key = 'centres' order by created_at desc limit 1`,
    );
    expect(entry).toMatchObject({ note: 'Five districts', recorded_by: cities[0] });
    expect(Number(entry!.value)).toBe(5);
    await page.context().close();

    // A member city that does not coordinate reads the same page, with nothing to record.
    const member = await signedIn(stack, rep(cluster, 1), PAGE);
    await heading(member, 'Work plan outputs of my clusters');
    await expect.poll(() => card(member, cluster, 'Learning centres').textContent()).toContain('5 of 12 centres');
    expect(await member.getByRole('button', { name: /^Record progress/ }).count()).toBe(0);
    expect(await member.getByText('Your city coordinates this cluster').count()).toBe(0);
    await checkBothWidths(member, 'city-outputs-member', { noSideways: true });
    await member.context().close();

    // A cluster with no plan for the biennium: the empty state.
    const bare = await seedCluster(stack.db.orm, 1);
    const empty = await signedIn(stack, rep(bare.cluster, 0), PAGE);
    await heading(empty, 'Work plan outputs of my clusters');
    await empty.getByText('No work plan output for this biennium').waitFor();
    await checkBothWidths(empty, 'city-outputs-empty', { noSideways: true });
    await empty.context().close();
  });
});
