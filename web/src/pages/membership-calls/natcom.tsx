// A National Commission's page from its e-mailed link: the one application the link names, to
// endorse or decline (the token travels in the body, never in an API URL).
import { Alert, Button, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { api, ApiError, unwrap } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { PublicFrame } from './public-frame';

export function Page() {
  const { t, f } = useI18n();
  const { token = '' } = useParams();
  const review = useQuery({
    queryKey: ['/membership-applications/natcom-review', token],
    queryFn: async () => unwrap(await api.POST('/membership-applications/natcom-review', { body: { token } })),
    retry: false,
  });
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  useEffect(() => {
    document.title = `${t('natcom.title')} · GNLC`;
  }, [t]);
  const statusLabel = (s: string) => t(`membership.status.${s}` as MessageKey);

  async function decide(decision: 'endorse' | 'decline') {
    if (!review.data) return;
    setSending(true);
    setError(null);
    try {
      const r = unwrap(
        await api.POST('/membership-applications/{id}/natcom-decision', {
          params: { path: { id: review.data.applicationId } },
          body: { token, decision, ...(note.trim() ? { note } : {}) },
        }),
      );
      setDone(r.status);
    } catch (err) {
      setError(err instanceof ApiError ? (err.problem.detail ?? err.problem.title ?? '') : String(err));
    } finally {
      setSending(false);
    }
  }

  const a = review.data;
  return (
    <PublicFrame>
      <Title order={1} size="h2">
        {t('natcom.title')}
      </Title>
      {review.isError && (
        <Alert color="red" role="alert">
          {t('natcom.invalid')}
        </Alert>
      )}
      {a && (
        <Stack>
          <Text>
            {t('natcom.intro', {
              city: a.cityName,
              country: a.countryName,
              title: a.callTitle,
              deadline: f.dateTime(a.natcomDeadline),
            })}
          </Text>
          <Text size="sm">{t('natcom.contact', { name: a.contactName })}</Text>
          <Text size="sm">{t('natcom.mayor', { name: a.mayorName })}</Text>
          <Title order={2} size="h4">
            {t('natcom.motivation')}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{a.motivation}</Text>
          <Title order={2} size="h4">
            {t('natcom.implementation')}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{a.implementation}</Text>
          {done ? (
            <Alert color="green" role="status">
              {t('natcom.done', { status: statusLabel(done) })}
            </Alert>
          ) : a.actionable ? (
            <>
              {error && (
                <Alert color="red" role="alert">
                  {error}
                </Alert>
              )}
              <Textarea label={t('natcom.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
              <Group>
                <Button loading={sending} onClick={() => void decide('endorse')}>
                  {t('natcom.endorse')}
                </Button>
                <Button variant="outline" color="red" loading={sending} onClick={() => void decide('decline')}>
                  {t('natcom.decline')}
                </Button>
              </Group>
            </>
          ) : (
            <Alert color="yellow" role="status">
              {t('natcom.notActionable', { status: statusLabel(a.status) })}
            </Alert>
          )}
        </Stack>
      )}
    </PublicFrame>
  );
}
