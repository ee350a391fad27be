// The message catalogue: every key in both languages, the same placeholders in each, no empty text.
import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
import { fr } from '../../web/src/i18n/fr.js';

const catalogues = { en: en as Record<string, string>, fr: fr as Record<string, string> };
const placeholders = (s: string) =>
  [...s.replace(/\{(\w+), plural, one \{[^{}]*\} other \{[^{}]*\}\}/g, '{$1}').matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1])
    .sort();

describe('message catalogue', () => {
  it('has every key in English and in French', () => {
    const enKeys = Object.keys(catalogues.en).sort();
    const frKeys = Object.keys(catalogues.fr).sort();
    expect(
      enKeys.filter((k) => !frKeys.includes(k)),
      'keys missing in fr.ts',
    ).toEqual([]);
    expect(
      frKeys.filter((k) => !enKeys.includes(k)),
      'keys missing in en.ts',
    ).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const differ = Object.keys(catalogues.en).filter(
      (k) => JSON.stringify(placeholders(catalogues.en[k]!)) !== JSON.stringify(placeholders(catalogues.fr[k] ?? '')),
    );
    expect(differ).toEqual([]);
  });

  it('has no empty message', () => {
    for (const [lang, c] of Object.entries(catalogues))
      expect(
        Object.entries(c)
          .filter(([, v]) => !v.trim())
          .map(([k]) => `${lang}:${k}`),
      ).toEqual([]);
  });

  it('translates French for real: most messages differ from English', () => {
    const same = Object.keys(catalogues.en).filter((k) => catalogues.en[k] === catalogues.fr[k]);
    // Codes, abbreviations and a few words spelled alike in both languages.
    expect(same.length / Object.keys(catalogues.en).length).toBeLessThan(0.1);
  });
});
