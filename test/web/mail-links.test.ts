// An e-mail's action link, followed by its reader while signed out, in real Chromium against the
// real stack: a French-speaking representative (the language set on the membership) gets the
// election's e-mail in French through the outbox and an SMTP sink, with the link to the city
// portal's election page; opening it signed out leads to sign-in, the sign-in e-mail (in French
// too) opens a session, and the reader lands on the election's page.
import { describe, expect, it } from 'vitest';
import { unique } from '../support/http.js';
import { useWebStack } from '../support/web-stack.js';
import { seedCluster } from '../support/workflow-env.js';
import { anonymousContext, expectAxeClean, heading, screenshot } from '../support/browser.js';

const stack = useWebStack({ mail: true });
const { http } = stack;

const linkIn = (text: string, base: string) => new RegExp(`${base}(/app/[^\\s]+)`).exec(text)?.[1];
const plain = (s: string) => s.replace(/\s/g, ' ');

describe("an e-mail's action link", () => {
  it("reaches a French-speaking representative in French and leads through sign-in to the election's page", async () => {
    const { cluster } = await seedCluster(stack.db.orm, 1);
    const english = `rep0@${cluster.toLowerCase()}.example.org`;
    const city = await http.post('/cities', { name: unique('Dakar'), country: 'SN' });
    expect(city.status, JSON.stringify(city.body)).toBe(201);
    const email = `awa.diop.${Date.now()}@example.org`;
    const joined = await http.post(`/clusters/${cluster}/members`, {
      cityId: city.body.id,
      representative: { name: 'Awa Diop', email, expertise: [], language: 'fr' },
    });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    expect(joined.body.representative.language).toBe('fr');

    const opened = await http.post(`/clusters/${cluster}/elections`, {
      termStart: new Date().toISOString().slice(0, 10),
      nominationWindow: 'PT1H',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(202);
    const page = `/app/city/elections/${opened.body.id}`;

    // The representative's e-mail: French, with the link to the city portal's page of the election.
    const fr = await stack.sink.waitFor(email, /Proposez une ville membre/, 30_000);
    expect(fr.subject).toBe(`Les candidatures sont ouvertes pour la coordination du cluster ${cluster}`);
    expect(plain(fr.text)).toContain(
      `Proposez une ville membre (la vôtre comprise) pour coordonner le cluster ${cluster} avant le `,
    );
    expect(linkIn(fr.text, stack.app.url)).toBe(page);
    // Another member's representative, with no language set, reads English.
    const en = await stack.sink.waitFor(english, /Nominate/, 30_000);
    expect(en.subject).toBe(`Nominations are open for ${cluster} coordinators`);
    expect(linkIn(en.text, stack.app.url)).toBe(page);

    // Signed out, the link leads to sign-in, which remembers where the reader was going.
    const context = await anonymousContext(stack.browser, stack.app.url, 'phone', 'fr-FR');
    const tab = await context.newPage();
    await tab.goto(`${stack.app.url}${page}`);
    await heading(tab, 'Connexion');
    expect(new URL(tab.url()).searchParams.get('next')).toBe(page);
    await expectAxeClean(tab);
    await screenshot(tab, 'mail-link-sign-in-phone-fr');
    await tab.getByLabel('Adresse électronique').fill(email);
    await tab.getByRole('button', { name: "M'envoyer un lien de connexion" }).click();
    await tab.getByText('Consultez votre messagerie').waitFor();

    // The sign-in e-mail is in the representative's language too.
    const signIn = await stack.sink.waitFor(email, /sign-in\?token=/, 20_000);
    expect(signIn.subject).toBe('Votre lien de connexion au GNLC');
    expect(plain(signIn.text)).toContain('valable 15 minutes, une seule fois');
    const link = linkIn(signIn.text, stack.app.url);
    expect(link).toMatch(/^\/app\/sign-in\?token=[\w-]+$/);

    await tab.goto(`${stack.app.url}${link}`);
    await expect.poll(() => new URL(tab.url()).pathname, { timeout: 15_000 }).toBe(page);
    // Signed in as the representative, whose first session took the membership's language.
    const me = await context.request.get(`${stack.app.url}/me`);
    expect(await me.json()).toMatchObject({ role: 'city', cityId: city.body.id, person: { email, language: 'fr' } });
    await context.close();
  });
});
