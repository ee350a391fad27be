// The texts of a problem document in the reader's language. The code writes its messages in
// English; for a French reader `detail` and each field error's `message` are looked up in the
// catalogue by their English pattern. A text with no entry (zod's own messages, already in the
// reader's language; data echoed back) is left as it is.
import type { Language } from '../../domain/auth.js';
import { FRENCH_PROBLEM_TEXT } from './fr.js';

interface Pattern {
  regex: RegExp;
  fr: string;
  literal: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(catalogue: Readonly<Record<string, string>>): Pattern[] {
  return (
    Object.entries(catalogue)
      .filter(([en]) => /\{\d+\}/.test(en))
      .map(([en, fr]) => ({
        regex: new RegExp(`^${escape(en).replace(/\\\{(\d+)\\\}/g, '(?<v$1>[\\s\\S]+?)')}$`),
        fr,
        literal: en.replace(/\{\d+\}/g, '').length,
      }))
      // "the application is {0}, not with the jury" before "the application is {0}".
      .sort((a, b) => b.literal - a.literal)
  );
}

const FRENCH_PATTERNS = compile(FRENCH_PROBLEM_TEXT);

/** The French of one English message, or the message itself when the catalogue has no entry. */
export function frenchProblemText(text: string): string {
  const exact = FRENCH_PROBLEM_TEXT[text];
  if (exact !== undefined) return exact;
  for (const p of FRENCH_PATTERNS) {
    const m = p.regex.exec(text);
    if (!m?.groups) continue;
    const groups = m.groups;
    // A value that is itself a catalogued text ("pledge" in "{0} not found") is translated too;
    // it is shorter than the text, so this ends.
    return p.fr.replace(/\{(\d+)\}/g, (_, n: string) => frenchProblemText(groups[`v${n}`] ?? ''));
  }
  return text;
}

export const problemText = (text: string, lang: Language): string => (lang === 'fr' ? frenchProblemText(text) : text);
