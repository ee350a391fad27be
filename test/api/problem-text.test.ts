import { describe, expect, it } from 'vitest';
import { FRENCH_PROBLEM_TEXT } from '../../api/problem-text/fr.js';
import { frenchProblemText } from '../../api/problem-text/index.js';
import { useTestApp } from '../support/app.js';
import { problemTexts } from '../support/problem-texts.js';

const found = problemTexts(process.cwd());
const placeholders = (s: string) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]);
const patternOf = (key: string) =>
  new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\d+\\\}/g, '[\\s\\S]*?')}$`);

describe('the French of problem messages', () => {
  it('has an entry for every message the server code can send', () => {
    expect(found.length).toBeGreaterThan(300);
    const missing = found.filter((t) => !(t.key in FRENCH_PROBLEM_TEXT)).map((t) => `${t.file}:${t.line} ${t.key}`);
    expect(missing).toEqual([]);
  });

  it('has no entry that no code sends (a specialisation of a sent pattern counts as sent)', () => {
    const keys = new Set(found.map((t) => t.key));
    const patterns = [...keys].filter((k) => k.includes('{')).map(patternOf);
    const stale = Object.keys(FRENCH_PROBLEM_TEXT).filter((k) => !keys.has(k) && !patterns.some((p) => p.test(k)));
    expect(stale).toEqual([]);
  });

  it("keeps every value of the English, except a plural ending glued to a word ('nominee{1}')", () => {
    const lost = Object.entries(FRENCH_PROBLEM_TEXT).flatMap(([en, fr]) => {
      const kept = new Set(placeholders(fr));
      const glued = new Set([...en.matchAll(/[a-z]\{(\d+)\}(?![a-z])/g)].map((m) => m[1]));
      const invented = [...kept].filter((n) => !placeholders(en).includes(n!));
      const dropped = placeholders(en).filter((n) => !kept.has(n) && !glued.has(n));
      return invented.length || dropped.length ? [`${en} → ${fr}`] : [];
    });
    expect(lost).toEqual([]);
  });

  it('translates the values that are texts themselves and leaves data and unknown texts alone', () => {
    expect(frenchProblemText('pledge not found')).toBe('promesse de don introuvable');
    expect(frenchProblemText('the application is natcom_review, not with the jury')).toBe(
      "la candidature est à l'état « natcom_review », pas auprès du jury",
    );
    expect(frenchProblemText('the application is admitted')).toBe("la candidature est à l'état « admitted »");
    expect(frenchProblemText('must be between 2000-01-01 and 2100-12-31')).toBe(
      'doit être compris entre 2000-01-01 et 2100-12-31',
    );
    expect(frenchProblemText('Trop petit : attendu que string ait >=1 caractères')).toBe(
      'Trop petit : attendu que string ait >=1 caractères',
    );
  });
});

describe('problem documents for a French reader', () => {
  const { http } = useTestApp({ worker: false });
  const french = { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } };

  it("answers the detail and each field's message in French, and in English otherwise", async () => {
    const raw = 'currency,date,rateToUsd\nGBP,2026-13-01,1.2\nXXX,2026-01-01,1\nGBP,2019-03-07,1.31\n';
    const gbp = () => http.get('/fx-rates?currency=GBP&from=2019-03-07&to=2019-03-07');
    const before = (await gbp()).body.total;
    const csv = { raw, headers: { 'content-type': 'text/csv' } };
    const en = await http.call('POST', '/fx-rates/import', csv);
    const fr = await http.call('POST', '/fx-rates/import', { ...csv, headers: { ...csv.headers, ...french.headers } });
    expect(en.status).toBe(400);
    expect(fr.status).toBe(400);
    expect(en.body.detail).toBe('2 invalid line(s); nothing was imported');
    expect(fr.body.detail).toBe("2 ligne(s) invalide(s) ; rien n'a été importé");
    const byPath = (b: { errors: { path: string; message: string }[] }) =>
      Object.fromEntries(b.errors.map((e) => [e.path, e.message]));
    expect(Object.keys(byPath(fr.body))).toEqual(Object.keys(byPath(en.body)));
    expect(byPath(en.body)['body.line3.currency']).toMatch(/^must be an active ISO 4217 currency code/);
    expect(byPath(fr.body)['body.line3.currency']).toBe(
      'doit être un code de devise ISO 4217 en vigueur, en capitales, comme EUR ou MZN',
    );
    expect(byPath(fr.body)['body.line2.date']).toMatch(/^doit être/);
    // Nothing was imported either way (other files share the database: compare, do not assume 0).
    expect((await gbp()).body.total).toBe(before);
  });

  it('names an unknown route in French', async () => {
    const r = await http.call('GET', '/no/such/route', french);
    expect(r.status).toBe(404);
    expect(r.body.detail).toBe('route GET /no/such/route introuvable');
  });
});
