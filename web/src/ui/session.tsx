// Who the reader is (GET /me): the CSRF token for writes, the reader's language, sign-out.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, setCsrfToken, unwrap, type ApiError } from '../api/client';
import type { GetData } from '../api/query';
import { useI18n } from '../i18n';

export type Me = GetData<'/me'>;

export const ME_KEY = ['/me', {}] as const;

export function useMe() {
  const { locale, setLocale } = useI18n();
  const query = useQuery<Me, ApiError>({
    queryKey: ME_KEY,
    queryFn: async ({ signal }) => unwrap(await api.GET('/me', { signal })),
    staleTime: 60_000,
    retry: false,
  });
  const me = query.data;
  useEffect(() => {
    setCsrfToken(me?.session?.csrfToken);
  }, [me?.session?.csrfToken]);
  // The person's language, once, when they have not chosen one in this browser.
  const language = me?.person?.language;
  useEffect(() => {
    if ((language === 'en' || language === 'fr') && language !== locale && !localStorage.getItem('gnlc.locale'))
      setLocale(language);
  }, [language]);
  return query;
}

export function useSignOut() {
  const qc = useQueryClient();
  return async () => {
    await api.DELETE('/auth/session').catch(() => undefined);
    setCsrfToken(null);
    qc.clear();
  };
}

/** Saves the reader's language on their person record when signed in as a person. */
export function useSaveLanguage() {
  const qc = useQueryClient();
  return async (language: string) => {
    const me = qc.getQueryData<Me>(ME_KEY);
    if (!me?.person) return;
    if (language !== 'en' && language !== 'fr') return;
    await api.PATCH('/me', { body: { language } }).catch(() => undefined);
    void qc.invalidateQueries({ queryKey: ME_KEY });
  };
}
