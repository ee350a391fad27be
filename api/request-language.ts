// The language a client asked for (Accept-Language, which the web app sets to the language its
// reader chose), for the texts of a problem document: zod's own messages about a field come in
// that language. Messages a schema names itself ("at most 200 words") stay in English, as do
// machine-facing fields (type, path).
import type { Request } from 'express';
import { z } from 'zod';
import type { Language } from '../domain/auth.js';

/** The preferred of English and French in an Accept-Language header (q-values honoured); English by default. */
export function requestLanguage(req: Pick<Request, 'get'>): Language {
  const header = req.get('accept-language');
  if (!header) return 'en';
  let best: { lang: Language; q: number } = { lang: 'en', q: 0 };
  for (const part of header.split(',').slice(0, 20)) {
    const [tag = '', ...params] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    if (primary !== 'en' && primary !== 'fr') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (Number.isFinite(q) && q > best.q) best = { lang: primary, q };
  }
  return best.lang;
}

const FRENCH = z.locales.fr().localeError;

/** The zod error map of a language: undefined for English (zod's default). */
export const zodErrorMapOf = (lang: Language) => (lang === 'fr' ? FRENCH : undefined);

const NUL: Record<Language, string> = {
  en: 'must not contain the NUL character (U+0000)',
  fr: 'ne doit pas contenir le caractère NUL (U+0000)',
};
/** The sentence for a string holding U+0000, which PostgreSQL text cannot store. */
export const nulMessage = (lang: Language) => NUL[lang];
