// Sign-in by e-mailed link: the form asks for a link; the link (?token=) opens a session.
import { Alert, Anchor, Button, Center, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, setCsrfToken, unwrap } from '../../api/client';
import { useT } from '../../i18n';
import { useProblemForm } from '../../ui/problem-form';
import { LanguageSwitch } from '../../ui/shell';
import { ME_KEY, type Me } from '../../ui/session';

const BASENAME = '/app';

/** `next` only ever leads back into the app. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith(`${BASENAME}/`) || next.startsWith('//') || next.includes('\\')) return '/';
  const inApp = next.slice(BASENAME.length) || '/';
  return inApp.startsWith('/sign-in') ? '/' : inApp;
}

// One exchange per token, even if the page mounts twice (StrictMode, a quick reload of state).
type Redeemed = Me & { next: string | null };
const exchanges = new Map<string, Promise<Redeemed>>();
function exchange(token: string): Promise<Redeemed> {
  let p = exchanges.get(token);
  if (!p) {
    p = api.POST('/auth/session', { body: { token } }).then((r) => unwrap(r));
    exchanges.set(token, p);
  }
  return p;
}

export function Page() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const token = params.get('token');
  const next = params.get('next');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [linkFailed, setLinkFailed] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const form = useProblemForm({ email: '' });
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${t('signIn.title')} · GNLC`;
  }, [t]);

  useEffect(() => {
    if (!token) return;
    let live = true;
    exchange(token).then(
      (me) => {
        if (!live) return;
        setCsrfToken(me.session?.csrfToken);
        const { next: stored, ...who } = me;
        qc.setQueryData(ME_KEY, who);
        // The link remembers where the reader was going; an address's own ?next= is the fallback.
        void navigate(safeNext(stored ?? next), { replace: true });
      },
      () => {
        if (!live) return;
        setLinkFailed(true);
        // The token is spent or wrong: take it out of the address, keep `next`.
        setParams(next ? { next } : {}, { replace: true });
      },
    );
    return () => {
      live = false;
    };
  }, [token, next, navigate, qc, setParams]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    form.clear();
    setSending(true);
    try {
      const body: { email: string; next?: string } = { email: form.values.email.trim() };
      if (next) body.next = next;
      unwrap(await api.POST('/auth/sign-in', { body }));
      setSentTo(body.email);
      setLinkFailed(false);
    } catch (err) {
      form.setProblem(err instanceof ApiError ? err : new ApiError({ status: 0, detail: t('signIn.networkError') }));
    } finally {
      setSending(false);
    }
  }

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
        <Stack>
          <Group justify="space-between" wrap="nowrap">
            <Text fw={700}>{t('app.name')}</Text>
            <LanguageSwitch />
          </Group>
          <Title order={1} size="h2" ref={heading}>
            {t('signIn.title')}
          </Title>
          {token && !linkFailed ? (
            <Group role="status" gap="sm">
              <Loader size="sm" />
              <Text>{t('signIn.checkingLink')}</Text>
            </Group>
          ) : sentTo ? (
            <Stack role="status">
              <Alert color="green" title={t('signIn.sentTitle')}>
                {t('signIn.sentBody', { email: sentTo })}
              </Alert>
              <Anchor component="button" type="button" onClick={() => setSentTo(null)} ta="left">
                {t('signIn.useAnother')}
              </Anchor>
            </Stack>
          ) : (
            <form onSubmit={submit} noValidate>
              <Stack>
                {linkFailed && (
                  <Alert color="red" role="alert" title={t('signIn.linkInvalid')}>
                    {t('signIn.linkInvalidHelp')}
                  </Alert>
                )}
                <Text size="sm" c="dimmed">
                  {t('signIn.intro')}
                </Text>
                {form.formError && (
                  <Alert color="red" role="alert">
                    {form.formError}
                  </Alert>
                )}
                <TextInput
                  label={t('signIn.email')}
                  type="email"
                  autoComplete="email"
                  required
                  {...form.text('email')}
                  error={form.errors.email}
                />
                <Button type="submit" loading={sending}>
                  {t('signIn.send')}
                </Button>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
