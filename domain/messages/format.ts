// How the values inside a message are written for its reader: dates, instants, numbers, durations,
// lists and money per locale (Intl), and terms (a workshop's kind, a pledge's status) from the
// catalogue. Pure: the same input gives the same text, so a test can pin it.
import { parseDuration } from '../duration.js';
import { formatAmount } from '../money.js';
import type { Language } from '../auth.js';

/**
 * A value a process puts into a message, as data: the notify activity formats it in the reader's
 * language. Workflows only build these (no Intl in workflow code).
 */
export type Param =
  | string
  | number
  /** A moment, shown in `timeZone` (an event's own zone) or UTC, with the zone named. */
  | { instant: string; timeZone?: string }
  /** A calendar day (YYYY-MM-DD). */
  | { date: string }
  /** An ISO 8601 duration (P21D). */
  | { duration: string }
  /** Minor units of an ISO 4217 currency; its USD value when known. */
  | { money: { minor: number; currency: string; usdMinor?: number } }
  | { list: string[] }
  /** Values written one after the other, comma-separated (an event's time, venue and link). */
  | { parts: Param[]; sep?: string }
  /** A word of the catalogue's `terms` (e.g. `workshop.inception`), written in the reader's language. */
  | { term: string }
  | { terms: string[] }
  /** An event's start and end, in its own time zone (named). */
  | { span: { start: string; end: string; timeZone: string } }
  /** Member cities by ID: the notify activity writes their names. */
  | { cities: string[] }
  /** A donor by ID: the notify activity writes its name. */
  | { donor: string };

export type Params = Record<string, Param>;

/** The locale each language is written in: UNESCO's British English, the French of France. */
export const LOCALES: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR' };

const UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'] as const;

export function formatDuration(iso: string, lang: Language): string {
  const d = parseDuration(iso);
  const amounts = [d.years, d.months, d.weeks, d.days, d.hours, d.minutes, d.seconds];
  const parts = UNITS.flatMap((unit, i) =>
    amounts[i]
      ? [new Intl.NumberFormat(LOCALES[lang], { style: 'unit', unit, unitDisplay: 'long' }).format(amounts[i])]
      : [],
  );
  return new Intl.ListFormat(LOCALES[lang], { type: 'unit', style: 'long' }).format(parts);
}

export function formatInstant(iso: string, lang: Language, timeZone = 'UTC'): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}

export function formatSpan(s: { start: string; end: string; timeZone: string }, lang: Language): string {
  const f = new Intl.DateTimeFormat(LOCALES[lang], {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: s.timeZone,
    timeZoneName: 'short',
  });
  return `${f.formatRange(new Date(s.start), new Date(s.end))} (${s.timeZone})`;
}

/** A calendar day is the same day everywhere: formatted at noon UTC, in UTC. */
export const formatDate = (day: string, lang: Language): string =>
  new Intl.DateTimeFormat(LOCALES[lang], { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );

/** Exact: the amount goes to Intl as a decimal string (never a float), with the currency's own digits. */
function formatCurrency(minor: number, currency: string, lang: Language): string {
  const decimal = formatAmount(minor, currency);
  const digits = decimal.split('.')[1]?.length ?? 0;
  const nf = new Intl.NumberFormat(LOCALES[lang], {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // ES2023 Intl takes a string as an exact decimal; the lib types only know numbers.
  return nf.format(decimal as unknown as number);
}

export function formatMoney(m: { minor: number; currency: string; usdMinor?: number }, lang: Language): string {
  const own = formatCurrency(m.minor, m.currency, lang);
  return m.currency !== 'USD' && m.usdMinor !== undefined ? `${own} (${formatCurrency(m.usdMinor, 'USD', lang)})` : own;
}

export function formatParam(p: Param, lang: Language, term: (key: string) => string): string {
  if (typeof p === 'string') return p;
  if (typeof p === 'number') return new Intl.NumberFormat(LOCALES[lang]).format(p);
  if ('instant' in p) return formatInstant(p.instant, lang, p.timeZone);
  if ('date' in p) return formatDate(p.date, lang);
  if ('duration' in p) return formatDuration(p.duration, lang);
  if ('money' in p) return formatMoney(p.money, lang);
  if ('span' in p) return formatSpan(p.span, lang);
  if ('parts' in p) return p.parts.map((x) => formatParam(x, lang, term)).join(p.sep ?? ', ');
  const list = (items: string[]) => new Intl.ListFormat(LOCALES[lang], { type: 'conjunction' }).format(items);
  if ('list' in p) return list(p.list);
  if ('cities' in p) return list(p.cities);
  if ('donor' in p) return p.donor;
  if ('terms' in p) return list(p.terms.map(term));
  return term(p.term);
}

/** The `{name}` placeholders of a template, in order of first appearance. */
export const placeholders = (template: string): string[] => [
  ...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)),
];

/** Fills a template; a placeholder without a value stays visible (a bug to see, not a lost message). */
export const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
