// The message catalogue and locale-aware formatting. Every user-visible string goes through `t`.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey } from './en.js';
import { setRequestLanguage } from '../api/client';

export type { MessageKey };
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
type Catalogue = Record<MessageKey, string>;

// English is the reference and ships with the first page; French is its own chunk, fetched when a
// reader first needs it (most readers need one language, and the catalogue grows with every page).
const loaded: Partial<Record<Locale, Catalogue>> = { en };
const LOADERS: Record<Locale, () => Promise<Catalogue>> = {
  en: () => Promise.resolve(en),
  fr: () => import('./fr.js').then((m) => m.fr),
};

export type Vars = Record<string, string | number>;

const PLURAL = /\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/g;

/** `{name}` is replaced by vars.name; `{n, plural, one {# city} other {# cities}}` picks by Intl.PluralRules. */
export function translate(locale: Locale, key: MessageKey, vars: Vars = {}): string {
  const template = loaded[locale]?.[key] ?? en[key] ?? key;
  const rules = new Intl.PluralRules(locale);
  const fmt = new Intl.NumberFormat(locale);
  return template
    .replace(PLURAL, (_m, name: string, one: string, other: string) => {
      const n = Number(vars[name] ?? 0);
      return (rules.select(n) === 'one' ? one : other).replace('#', fmt.format(n));
    })
    .replace(/\{(\w+)\}/g, (m, name: string) => {
      const v = vars[name];
      return v === undefined ? m : typeof v === 'number' ? fmt.format(v) : v;
    });
}

export const readerTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function formatters(locale: Locale) {
  const tz = readerTimeZone();
  const number = new Intl.NumberFormat(locale);
  const cache = new Map<string, Intl.NumberFormat>();
  const currency = (code: string) => {
    let f = cache.get(code);
    if (!f) {
      try {
        f = new Intl.NumberFormat(locale, { style: 'currency', currency: code });
      } catch {
        f = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      }
      cache.set(code, f);
    }
    return f;
  };
  return {
    number: (n: number | null | undefined) => (n == null ? '—' : number.format(n)),
    percent: (n: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(n),
    /** A calendar date ("2025-07-01"): the same day everywhere, no time zone shift. */
    date(d: string | null | undefined): string {
      if (!d) return '—';
      const day = /^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(`${d}T00:00:00Z`) : new Date(d);
      if (Number.isNaN(day.getTime())) return d;
      const opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };
      if (/^\d{4}-\d{2}-\d{2}$/.test(d)) opts.timeZone = 'UTC';
      return new Intl.DateTimeFormat(locale, opts).format(day);
    },
    /** An instant in the reader's time zone; with `eventZone`, also the event's own local time. */
    dateTime(instant: string | null | undefined, eventZone?: string | null): string {
      if (!instant) return '—';
      const at = new Date(instant);
      if (Number.isNaN(at.getTime())) return instant;
      // dateStyle/timeStyle cannot be combined with timeZoneName: spell the parts out.
      const mine = new Intl.DateTimeFormat(locale, {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZoneName: 'short',
      }).format(at);
      if (!eventZone || eventZone === tz) return mine;
      try {
        const theirs = new Intl.DateTimeFormat(locale, {
          hour: '2-digit',
          minute: '2-digit',
          timeZone: eventZone,
          timeZoneName: 'short',
        }).format(at);
        return `${mine} (${theirs}, ${eventZone})`;
      } catch {
        return mine;
      }
    },
    /** An amount with its ISO currency, and its USD value beside it when the API gives one. */
    money(value: string | number | null | undefined, code = 'USD', usd?: string | number | null): string {
      if (value == null || value === '') return '—';
      const main = currency(code).format(Number(value));
      if (usd == null || code === 'USD') return main;
      return `${main} (${currency('USD').format(Number(usd))})`;
    },
  };
}
export type Formatters = ReturnType<typeof formatters>;

const STORAGE = 'gnlc.locale';
function initialLocale(): Locale {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE) : null;
  if (stored === 'en' || stored === 'fr') return stored;
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

interface I18n {
  locale: Locale;
  setLocale(l: Locale): void;
  t(key: MessageKey, vars?: Vars): string;
  f: Formatters;
}
const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  // The locale whose catalogue is here: until French arrives, a switch keeps showing English and a
  // French first load shows nothing for the moment the chunk takes.
  const [shown, setShown] = useState<Locale | null>(() => (loaded[locale] ? locale : null));
  useEffect(() => {
    if (loaded[locale]) return setShown(locale);
    let live = true;
    LOADERS[locale]()
      .then((c) => {
        loaded[locale] = c;
        if (live) setShown(locale);
      })
      .catch(() => live && setShown('en'));
    return () => {
      live = false;
    };
  }, [locale]);
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(STORAGE, l);
    setLocaleState(l);
  }, []);
  useEffect(() => {
    if (shown) document.documentElement.lang = shown;
  }, [shown]);
  const value = useMemo<I18n | null>(() => {
    if (!shown) return null;
    // Before any request of this locale: the API's field errors come in the reader's language.
    setRequestLanguage(shown);
    return { locale: shown, setLocale, t: (key, vars) => translate(shown, key, vars), f: formatters(shown) };
  }, [shown, setLocale]);
  if (!value) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
/** The catalogue's `t(key, vars)`. */
export const useT = () => useI18n().t;
