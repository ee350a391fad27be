// The city portal in real Chromium, every representative signed in from the link e-mailed to the
// address their membership names (real outbox, SMTP sink): two representatives nominate each other,
// accept and vote, a third (in French, by the language switch) votes and changes its ballot, and the
// result appears on their pages once decided; a representative answers a workshop invitation from its e-mail's link; a
// coordinator edits the work plan (a new version, shown as a diff), submits a meeting report and
// subscribes to the city's calendar. axe-core on every portal page, screenshots desktop and phone.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { currentBiennium } from '../../web/src/lib/biennium.js';
import { sqlOn } from '../support/app.js';
import { schedule } from '../support/cluster-work.js';
import { signedIn, useWebStack } from '../support/web-stack.js';
import { eventually, seedCluster, seedCoordinatedCluster } from '../support/workflow-env.js';
import { VIEWPORTS, expectAxeClean, heading, screenshot } from '../support/browser.js';

declare const window: { scrollX: number };
declare const document: {
  documentElement: { scrollWidth: number };
  querySelectorAll(
    s: string,
  ): Iterable<{ outerHTML: string; getBoundingClientRect(): { right: number; width: number } }>;
};

const stack = useWebStack({ mail: true });
const { http } = stack;
const sql = sqlOn(() => stack.db.orm);

/** The election's cluster: three member cities. */
let E: { code: string; cities: string[]; names: string[] };
/** The cluster work's cluster: city 0 coordinates it, city 1 is a member. */
let W: { code: string; cities: string[]; names: string[] };
let electionId: string;
const voters: Page[] = [];

const email = (code: string, i: number) => `rep${i}@${code.toLowerCase()}.example.org`;
const cityNames = (code: string, n: number) => Array.from({ length: n }, (_, i) => `City ${code}-${i}`);
const exact = (s: string) => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** No serious axe-core violation; screenshots at desktop and phone width; no page-wide scroll at 390 px. */
async function audit(page: Page, name: string) {
  await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
  await expectAxeClean(page, name);
  await screenshot(page, `city-${name}-desktop`);
  // A notice from the last write is not part of the page: closed as a reader would (waiting for it to
  // close by itself cost seconds per check).
  for (const close of await page.locator('.mantine-Notification-root .mantine-Notification-closeButton').all())
    await close.click().catch(() => undefined); // it may have closed by itself meanwhile
  await page.locator('.mantine-Notification-root').first().waitFor({ state: 'detached' });
  await page.setViewportSize(VIEWPORTS.phone);
  // At phone width the navigation slides away: measured and pictured once it is gone.
  await expect
    .poll(async () => {
      const nav = await page.locator('#main-navigation').boundingBox();
      return nav ? nav.x + nav.width : 0;
    })
    .toBeLessThanOrEqual(1);
  await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
  await screenshot(page, `city-${name}-phone`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  // What sticks out, named in the failure: the element furthest past the right edge.
  const widest = await page.evaluate(() => {
    const found: { right: number; what: string }[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right + window.scrollX > 390 && r.width > 0)
        found.push({ right: r.right + window.scrollX, what: el.outerHTML.slice(0, 160) });
    }
    return { scrollX: window.scrollX, found: found.sort((a, b) => b.right - a.right).slice(0, 3) };
  });
  expect(width, `${name}: no horizontal scroll at 390 px (${JSON.stringify(widest)})`).toBeLessThanOrEqual(
    VIEWPORTS.phone.width,
  );
  await page.setViewportSize(VIEWPORTS.desktop);
}

beforeAll(async () => {
  const e = await seedCluster(stack.db.orm, 3);
  E = { code: e.cluster, cities: e.cities, names: cityNames(e.cluster, 3) };
  const w = await seedCoordinatedCluster(stack.db.orm, 2, 1);
  W = { code: w.cluster, cities: w.cities, names: cityNames(w.cluster, 2) };
});

describe('city portal', () => {
  it('elections: two representatives nominate each other and accept, all three vote, one changes its ballot (in French)', async () => {
    voters.push(...(await Promise.all([0, 1, 2].map((i) => signedIn(stack, email(E.code, i), '/app/city')))));
    const [a, b, c] = voters as [Page, Page, Page];
    await heading(a, 'My clusters');
    await a.getByRole('link', { name: `Test cluster ${E.code}` }).waitFor();
    await audit(a, 'home');
    // The third representative reads the portal in French, chosen with the language switch.
    await c.getByRole('radiogroup', { name: 'Language' }).getByText('FR', { exact: true }).click();
    await heading(c, 'Mes groupes thématiques');

    const opened = await http.post(`/clusters/${E.code}/elections`, {
      termStart: new Date().toISOString().slice(0, 10),
      nominationWindow: 'PT30S',
      votingWindow: 'PT30S',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(202);
    electionId = opened.body.id;
    const title = new RegExp(`^${E.code} coordinators`);
    await Promise.all([a, b].map((p) => p.goto(`${stack.app.url}/app/city/elections/${electionId}`)));
    await heading(a, title);

    // A nominates B; B sees the nomination, accepts it and nominates A; A accepts.
    const nominate = async (page: Page, name: string) => {
      const form = page.getByRole('form', { name: 'Nominate' });
      await form.getByLabel('City to nominate').fill(name);
      await page.getByRole('option', { name: exact(name) }).click();
      await form.getByRole('button', { name: 'Nominate' }).click();
      await page.getByRole('cell', { name: name }).waitFor();
    };
    await nominate(a, E.names[1]!);
    await b.getByText('Your city has been nominated').waitFor();
    await b.getByRole('button', { name: 'Accept' }).click();
    await b.getByRole('cell', { name: 'Accepted' }).waitFor();
    await nominate(b, E.names[0]!);
    await a.getByText('Your city has been nominated').waitFor();
    await audit(a, 'election-nominating');
    await a.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(async () => await a.getByRole('cell', { name: 'Accepted' }).count(), { timeout: 10_000 }).toBe(2);

    await eventually(
      async () => ((await http.get(`/elections/${electionId}`)).body.status === 'voting' ? true : undefined),
      45_000,
      'voting to open',
    );
    await c.goto(`${stack.app.url}/app/city/elections/${electionId}`);
    const vote = async (page: Page, choose: string[], button: string, voted: string) => {
      const ballot = page.getByRole('form', { name: /ballot|bulletin/i });
      await ballot.waitFor();
      for (const name of choose) await ballot.getByRole('checkbox', { name: exact(name) }).check();
      await ballot.getByRole('button', { name: button }).click();
      await page.getByText(voted, { exact: true }).waitFor();
    };
    await vote(a, [E.names[1]!], 'Cast my ballot', 'You voted');
    await a.getByText(/^You may change your ballot until /).waitFor();
    await audit(a, 'election-voted');
    await vote(b, [E.names[1]!], 'Cast my ballot', 'You voted');
    await vote(c, [E.names[0]!], 'Voter', 'Vous avez voté');
    await c.getByText(/^Vous pouvez modifier votre bulletin jusqu’au /).waitFor();
    await audit(c, 'election-voted-fr');
    // The French representative changes its mind: the new ballot replaces the first.
    await vote(c, [E.names[1]!], 'Modifier mon bulletin', 'Vous avez voté');
    await expect
      .poll(
        async () =>
          (
            await sql<{ approve: string[] }>(`select approve from ballot where election_id = ? and city_id = ?`, [
              electionId,
              E.cities[2],
            ])
          )[0]?.approve,
      )
      .toEqual([E.cities[1]]);
    // Turnout only, while voting: who chose whom is never on anyone's page.
    await a.getByText('3 of 3 cities voted').waitFor();
    expect(await a.getByRole('region', { name: 'Results' }).count()).toBe(0);
  }, 150_000);

  it('workshops: a member answers the invitation with attendees; the coordinator sees who has not answered', async () => {
    const w = await http.post(`/clusters/${W.code}/workshops`, {
      ...schedule(),
      kind: 'thematic',
      title: 'Learning neighbourhoods',
      venue: 'City library',
      onlineUrl: 'https://meet.example.org/gnlc',
      experts: [],
    });
    expect(w.status, JSON.stringify(w.body)).toBe(202);
    // The representative acts from the invitation e-mail: its link is the workshop's portal page,
    // and signing in from it lands there.
    const invitation = await stack.sink.waitFor(email(W.code, 1), /\/app\/city\/workshops\//, 20_000);
    expect(invitation.subject).toBe('Invitation: Learning neighbourhoods');
    const link = new RegExp(`${stack.app.url}(/app/city/workshops/[0-9a-f-]{36})`).exec(invitation.text)?.[1];
    expect(link, invitation.text).toBe(`/app/city/workshops/${w.body.id}`);
    const member = await signedIn(stack, email(W.code, 1), link!);
    await heading(member, 'Learning neighbourhoods');
    await member.getByRole('link', { name: 'https://meet.example.org/gnlc' }).waitFor();
    await member.getByText('Your city has not answered yet.').waitFor();
    await member.getByRole('radio', { name: 'Yes' }).check();
    const attendees = member.getByRole('combobox', { name: 'Attendees' });
    await attendees.fill('Amina Diallo');
    await attendees.press('Enter');
    await member.getByRole('button', { name: 'Send my answer' }).click();
    await member.getByText('Your answer: Yes — Amina Diallo').waitFor();
    await audit(member, 'workshop');
    expect(
      await sql<{ response: string; attendees: string[] }>(
        `select response, attendees from workshop_rsvp where workshop_id = ? and city_id = ?`,
        [w.body.id, W.cities[1]],
      ),
    ).toEqual([{ response: 'yes', attendees: ['Amina Diallo'] }]);
    await member.goto(`${stack.app.url}/app/city/workshops`);
    await member.getByRole('link', { name: 'Learning neighbourhoods' }).waitFor();
    await audit(member, 'workshops');
    await member.goto(`${stack.app.url}/app/city/notifications`);
    await heading(member, 'Messages');
    await member
      .getByRole('link', { name: /Learning neighbourhoods/ })
      .first()
      .waitFor();
    await audit(member, 'notifications');

    const coordinator = await signedIn(stack, email(W.code, 0), `/app/city/workshops/${w.body.id}`);
    const unanswered = coordinator.getByRole('region', { name: 'Member cities that have not answered' });
    await unanswered.getByText(W.names[0]!, { exact: true }).waitFor();
    expect(await unanswered.getByText(W.names[1]!, { exact: true }).count()).toBe(0);
    await coordinator.context().close();
    await member.context().close();
  });

  it('a coordinator edits the work plan (a new version, shown as a diff), reports to a meeting and subscribes to the calendar', async () => {
    const biennium = currentBiennium();
    expect((await http.post(`/clusters/${W.code}/phases`, { biennium })).status).toBe(202);
    const due = `${Number(biennium.slice(5)) - 1}-12-31`;
    const v1 = await http.put(`/clusters/${W.code}/phases/${biennium}/workplan`, {
      outputs: [{ key: 'guides', title: 'Practice guides', target: { value: 10, unit: 'guides' }, due }],
    });
    expect(v1.status, JSON.stringify(v1.body)).toBe(200);

    const page = await signedIn(stack, email(W.code, 0), `/app/city/clusters/${W.code}`);
    await heading(page, `Test cluster ${W.code}`);
    await page.getByText('Your city coordinates this cluster').waitFor();
    await page.getByRole('cell', { name: 'Practice guides' }).waitFor();
    await audit(page, 'cluster');
    await page.getByRole('link', { name: 'Edit the work plan' }).click();
    await heading(page, `Work plan ${W.code} ${biennium}`);
    const first = page.getByRole('region', { name: 'Output 1' });
    await first.getByLabel(/^Target( \*)?$/).fill('12');
    await page.getByRole('button', { name: 'Add an output' }).click();
    const second = page.getByRole('region', { name: 'Output 2' });
    await second.getByLabel(/^Key( \*)?$/).fill('labs');
    await second.getByLabel(/^Output( \*)?$/).fill('Learning labs');
    await second.getByLabel(/^Target( \*)?$/).fill('3');
    await second.getByLabel(/^Unit( \*)?$/).fill('labs');
    await second.getByLabel(/^Due( \*)?$/).fill(due);
    await page.getByRole('group', { name: 'Changes against the version in force' }).getByText('labs').waitFor();
    await audit(page, 'work-plan');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await heading(page, `Test cluster ${W.code}`);
    const diff = page.getByRole('group', { name: 'Changes since version 1' });
    await diff.getByText('10 guides').waitFor();
    await diff.getByText('12 guides').waitFor();
    await diff.getByText('added').waitFor();
    const plan = (await http.get(`/clusters/${W.code}/phases/${biennium}/workplan`)).body;
    expect(plan.current).toMatchObject({ version: 2, setBy: W.cities[0] });
    expect(
      plan.current.outputs.map((o: { key: string; target: { value: number } }) => [o.key, o.target.value]),
    ).toEqual([
      ['guides', 12],
      ['labs', 3],
    ]);

    const meeting = await http.post('/coordinator-meetings', {
      date: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      title: 'Coordinators, December',
    });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(202);
    await page.goto(`${stack.app.url}/app/city/coordinator-meetings`);
    await page.getByRole('link', { name: 'Coordinators, December' }).click();
    await heading(page, 'Coordinators, December');
    const report = page.getByRole('form', { name: `Status report for ${W.code}` });
    for (const [title, value, status] of [
      ['Practice guides', '4', 'On track'],
      ['Learning labs', '1', 'At risk'],
    ] as const) {
      await report.getByLabel(`Progress: ${title}`).fill(value);
      await report.getByLabel(`Status: ${title}`).click();
      await page.getByRole('option', { name: status }).click();
    }
    await report.getByLabel('Note: Learning labs').fill('Venue found for the second lab');
    await audit(page, 'coordinator-meeting');
    await report.getByRole('button', { name: 'Submit the report' }).click();
    await page.getByRole('status').filter({ hasText: 'Submitted' }).waitFor();
    const [row] = await sql<{ progress: { key: string; value: number; status: string }[] }>(
      `select progress from meeting_report where meeting_id = ? and city_id = ?`,
      [meeting.body.id, W.cities[0]],
    );
    expect(row?.progress.map((p) => [p.key, p.value, p.status])).toEqual([
      ['guides', 4, 'on_track'],
      ['labs', 1, 'at_risk'],
    ]);
    await page.goto(`${stack.app.url}/app/city/coordinator-meetings`);
    await page.getByRole('link', { name: 'Coordinators, December' }).waitFor();
    await audit(page, 'coordinator-meetings');

    // Subscribe: a read-only feed of the own city's schedule, its URLs shown once.
    await page.goto(`${stack.app.url}/app/city/calendar`);
    await heading(page, 'Calendar');
    await page.getByRole('link', { name: 'Learning neighbourhoods' }).first().waitFor();
    await page.getByLabel('Name of the subscription').fill('Office calendar');
    await page.getByRole('button', { name: 'Create a subscription link' }).click();
    const https = await page.getByLabel('Web address (https)').textContent();
    const webcal = await page.getByLabel('For calendar apps (webcal://)').textContent();
    expect(webcal).toMatch(/^webcal:\/\/127\.0\.0\.1:\d+\/calendar\.ics\?access_token=gnlc_/);
    const feed = await fetch(https!);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('Learning neighbourhoods');
    await page.getByRole('cell', { name: 'Office calendar', exact: true }).waitFor();
    await audit(page, 'calendar');

    // Peer learning: share an entry for the own city, find it with the filter.
    await page.goto(`${stack.app.url}/app/city/peer-learning`);
    await heading(page, 'Peer learning');
    await page.getByRole('button', { name: 'Share an experience' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share an experience' });
    await dialog.getByLabel('Title').fill('Libraries open at night');
    await dialog.getByLabel('Text').fill('Evening opening doubled adult learners.');
    await dialog.getByRole('button', { name: 'Add an entry' }).click();
    await page.getByLabel("My city's entries only").click();
    await page.waitForURL((u) => u.searchParams.get('mine') === '1');
    await page.getByRole('link', { name: 'Libraries open at night' }).click();
    await heading(page, 'Libraries open at night');
    await audit(page, 'peer-entry');
    await page.goBack();
    await page.getByRole('link', { name: 'Libraries open at night' }).waitFor();
    await audit(page, 'peer-learning');
    await page.context().close();
  });

  it('shows the result on the voters’ pages once the election is decided', async () => {
    await eventually(
      async () => ((await http.get(`/elections/${electionId}`)).body.status === 'decided' ? true : undefined),
      60_000,
      'the election to be decided',
    );
    const [a, b, c] = voters as [Page, Page, Page];
    for (const page of [a, b]) {
      const results = page.getByRole('region', { name: 'Results' });
      await results.getByText(`Elected: ${E.names[1]}`).waitFor({ timeout: 15_000 });
    }
    const results = c.getByRole('region', { name: 'Résultats' });
    await results.getByText(`Élues: ${E.names[1]}`).waitFor({ timeout: 15_000 });
    await audit(a, 'election-decided');
    await audit(c, 'election-decided-fr');
    await a.goto(`${stack.app.url}/app/city/elections`);
    await a.getByRole('link', { name: new RegExp(`^${E.code} coordinators`) }).waitFor();
    await audit(a, 'elections');
    for (const p of voters) await p.context().close();
  }, 90_000);
});
