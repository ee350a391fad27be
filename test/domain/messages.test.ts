import { describe, expect, it } from 'vitest';
import { CATALOGUE, TERMS, appLink, renderMessage, type MessageKind } from '../../domain/messages/index.js';
import { formatDuration, formatMoney, placeholders } from '../../domain/messages/format.js';

const kinds = Object.keys(CATALOGUE.en) as MessageKind[];
/** Intl writes no-break spaces where a line must not break (1 234,56 €, 7 jours): compared as spaces. */
const plain = (s: string) => s.replace(/\s/g, ' ');

describe('the message catalogue', () => {
  it('has every message in English and French, with the same placeholders in both', () => {
    expect(kinds.length).toBeGreaterThan(30);
    expect(Object.keys(CATALOGUE.fr).sort()).toEqual([...kinds].sort());
    const differing = kinds.flatMap((k) =>
      (['subject', 'body'] as const).flatMap((part) => {
        const en = placeholders(CATALOGUE.en[k][part]).sort();
        const fr = placeholders(CATALOGUE.fr[k][part]).sort();
        return JSON.stringify(en) === JSON.stringify(fr) ? [] : [`${k}.${part}: en ${en} fr ${fr}`];
      }),
    );
    expect(differing).toEqual([]);
    const blank = kinds.filter((k) => !CATALOGUE.fr[k].subject.trim() || !CATALOGUE.fr[k].body.trim());
    expect(blank).toEqual([]);
  });

  it('has every term in both languages', () => {
    expect(Object.keys(TERMS.fr).sort()).toEqual(Object.keys(TERMS.en).sort());
    expect(Object.values(TERMS.fr).filter((v) => !v.trim())).toEqual([]);
  });

  it('catches a missing key and a changed placeholder (the check above is not vacuous)', () => {
    const fr = { ...CATALOGUE.fr } as Record<string, { subject: string; body: string }>;
    delete fr['election.voting-open'];
    expect(Object.keys(fr).sort()).not.toEqual([...kinds].sort());
    expect(placeholders('Votez avant le {closing}')).not.toEqual(
      placeholders(CATALOGUE.en['election.vote-reminder'].body),
    );
  });
});

describe('rendering a message', () => {
  const closes = { instant: '2027-03-14T16:30:00.000Z' };

  it('writes dates and numbers for the locale', () => {
    const en = renderMessage('election.voting-open', { cluster: 'ESD', seats: 2, closes }, 'en');
    expect(en.subject).toBe('Voting is open for ESD coordinators');
    expect(en.body).toBe(
      'Vote now: approve up to 2 nominee(s) before 14 March 2027 at 16:30 UTC. You may change your ballot until then.',
    );
    const fr = renderMessage('election.voting-open', { cluster: 'ESD', seats: 2, closes }, 'fr');
    expect(fr.subject).toBe('Le vote est ouvert pour la coordination du cluster ESD');
    expect(plain(fr.body)).toContain('avant le 14 mars 2027 à 16:30 UTC');
  });

  it("shows an event's time in its own zone, and terms in the reader's language", () => {
    const params = {
      title: 'Inception',
      cluster: 'HEALTH',
      kind: { term: 'workshop.inception' },
      when: {
        parts: [
          { span: { start: '2027-05-03T07:00:00Z', end: '2027-05-03T15:00:00Z', timeZone: 'Africa/Dakar' } },
          'Dakar',
        ],
      },
      rsvpBy: { instant: '2027-04-20T23:59:00Z', timeZone: 'Africa/Dakar' },
    };
    const fr = plain(renderMessage('workshop.invitation', params, 'fr').body);
    expect(fr).toMatch(/^Atelier de lancement du cluster HEALTH, 3 mai 2027.*07:00.*15:00.*\(Africa\/Dakar\), Dakar\./);
    expect(renderMessage('workshop.invitation', params, 'en').body).toMatch(/^HEALTH inception workshop, 3 May 2027/);
  });

  it('writes money exactly with its currency and, where known, its USD value', () => {
    expect(formatMoney({ minor: 123456, currency: 'EUR', usdMinor: 135000 }, 'en')).toBe('€1,234.56 (US$1,350.00)');
    expect(plain(formatMoney({ minor: 123456, currency: 'EUR', usdMinor: 135000 }, 'fr'))).toBe(
      '1 234,56 € (1 350,00 $US)',
    );
    expect(plain(formatMoney({ minor: 5000000, currency: 'XOF' }, 'fr'))).toBe('5 000 000 F CFA');
    // 10^15 minor units is the bound: no float rounding at that size.
    expect(formatMoney({ minor: 999_999_999_999_999, currency: 'USD' }, 'en')).toBe('US$9,999,999,999,999.99');
    expect(plain(formatMoney({ minor: 1500, currency: 'KWD' }, 'en'))).toBe('KWD 1.500');
  });

  it('writes durations in words', () => {
    expect(plain(formatDuration('P7D', 'fr'))).toBe('7 jours');
    expect(formatDuration('PT15M', 'en')).toBe('15 minutes');
    expect(formatDuration('P1M2D', 'en')).toBe('1 month, 2 days');
  });

  it('leaves a missing value visible instead of dropping the message', () => {
    const r = renderMessage('election.cancelled', { cluster: 'ESD' } as never, 'en');
    expect(r.body).toBe('The secretariat cancelled the election: {reason}');
  });
});

describe('the page a message links to', () => {
  it("is the reader's own: a city's portal, a donor's, the secretariat's console", () => {
    expect(appLink('city', '/elections/e1')).toBe('/app/city/elections/e1');
    expect(appLink('city', '/workshops/w1')).toBe('/app/city/workshops/w1');
    expect(appLink('city', '/coordinator-meetings/m1')).toBe('/app/city/coordinator-meetings/m1');
    // The work plan outputs' reminder: the coordinators to the portal's outputs page, the secretariat to the console's.
    expect(appLink('city', '/work-plans/timeline')).toBe('/app/city/work-plans/timeline');
    expect(appLink('secretariat', '/work-plans/timeline')).toBe('/app/work-plans/timeline');
    expect(appLink('donor', '/pledges/p1')).toBe('/app/donor/pledges/p1');
    expect(appLink('donor', '/campaigns/c1')).toBe('/app/donor');
    expect(appLink('secretariat', '/pledges/p1')).toBe('/app/pledges/p1');
    expect(appLink('secretariat', '/elections/election:ESD:2027-07-01')).toBe('/app/elections/election:ESD:2027-07-01');
    expect(appLink('secretariat', '/workshops')).toBe('/app/workshops');
    expect(appLink('city', '/workshops')).toBeNull();
    expect(appLink('email', '/workshops/w1')).toBeNull();
    expect(appLink('city', undefined)).toBeNull();
    expect(appLink('city', '/elections/../../evil')).toBeNull();
  });
});
