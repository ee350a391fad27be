// A membership application through the HTTP API as the call and jury tests take it: the city's
// form as the public page sends it, the e-mailed links read from the outbox, and the steps to the jury.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Http } from './http.js';
import type { sqlOn } from './sql.js';
import { eventually } from './workflow-env.js';

/** A city's application form as the public page sends it: every field within its bounds. */
export const form = (over: Record<string, unknown> = {}) => ({
  cityName: 'Kisumu',
  country: 'KE',
  contact: { name: 'Achieng Otieno', email: 'learning@kisumu.example.org' },
  cityData: {
    population: 610_000,
    areaKm2: 417,
    gdpPerCapitaCity: { currency: 'USD', minor: 210_000 },
    gdpPerCapitaCountry: { currency: 'USD', minor: 199_000 },
    schoolingYears: { female: 6.2, male: 7.1 },
  },
  motivation: 'Learning for all ages along the lake.',
  implementation: 'Community learning centres in every ward.',
  challenges: { inclusion: 4, literacy: 3, employment: 5, health: 4, environment: 3, digital: 2 },
  language: 'en',
  mayor: { name: 'Mayor of Kisumu', confirmed: true },
  ...over,
});

/** The steps of an application, through `http`, read back through `sql` (the same test app's database). */
export function membershipSteps(http: Http, sql: ReturnType<typeof sqlOn>) {
  /**
   * The token of the newest e-mailed link whose key starts with `keyPrefix` (a whole key is its own
   * prefix) and whose link starts with `page`: read from the outbox, as the e-mail would carry it.
   */
  const linkToken = (keyPrefix: string, page: string) =>
    eventually(
      async () => {
        const [row] = await sql<{ link: string }>(
          `select link from notification where key like ? and link like ? order by created_at desc limit 1`,
          [`${keyPrefix}%`, `${page}%`],
        );
        return row ? row.link.slice(page.length) : undefined;
      },
      20_000,
      `a link ${page}`,
    );

  /** The call's application from `cityName`, once its workflow has written it. */
  const applicationOf = (callId: string, cityName: string) =>
    eventually(async () => {
      const [row] = await sql<{ id: string; status: string }>(
        `select id, status from membership_application where call_id = ? and city_name = ?`,
        [callId, cityName],
      );
      return row;
    });

  /**
   * Applies publicly from a fresh city of `country`, confirms the address and, when `endorse`, has the
   * National Commission endorse (the application is then with the jury): its id and contact's address.
   */
  async function endorsed(callId: string, country: string, endorse = true) {
    const cityName = `Thiès ${randomUUID().slice(0, 6)}`;
    const contactEmail = `contact-${randomUUID().slice(0, 6)}@city.example.org`;
    const r = await http.post(
      `/membership-calls/${callId}/applications`,
      form({ cityName, country, contact: { name: 'Awa Diop', email: contactEmail } }),
      { token: null },
    );
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const { id } = await applicationOf(callId, cityName);
    const confirm = await linkToken(`membership-application:${id}:confirm-email`, '/app/apply/confirm/');
    expect((await http.post('/membership-applications/confirm', { token: confirm }, { token: null })).status).toBe(200);
    if (endorse) {
      const natcom = await linkToken(`membership-application:${id}:natcom0`, '/app/natcom/');
      const e = await http.post(
        `/membership-applications/${id}/natcom-decision`,
        { token: natcom, decision: 'endorse' },
        { token: null },
      );
      expect(e.status, JSON.stringify(e.body)).toBe(200);
      expect(e.body.status).toBe('jury_review');
    }
    return { id, contactEmail };
  }

  return { linkToken, applicationOf, endorsed };
}
