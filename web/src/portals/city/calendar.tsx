// The city's schedule, and "subscribe": a read-only feed token of the own city (POST
// /me/calendar-feeds) shown once as webcal:// and https URLs to paste into a calendar app; the
// city's feeds can be revoked here.
import { Alert, Button, Code, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { ApiForm, FormActions } from '../../ui/form-modal';
import { DateText } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { RowAction } from '../../ui/row-action';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DataTable } from '../../ui/table';
import { EventList } from './events';
import { Section } from './facts';

interface Created {
  httpsUrl?: string;
  webcalUrl?: string;
}

function Url({ label, value }: { label: string; value: string }) {
  const { t } = useI18n();
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="center">
        <Code style={{ wordBreak: 'break-all' }} aria-label={label}>
          {value}
        </Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button size="compact-xs" variant="light" onClick={copy}>
              {copied ? t('city.feed.copied') : t('city.feed.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

function Subscribe() {
  const { t } = useI18n();
  const [created, setCreated] = useState<Created | null>(null);
  const form = useProblemForm({ label: '' });
  const submit = useSubmit(
    async () => {
      const label = form.values.label.trim();
      return unwrap(await api.POST('/me/calendar-feeds', { body: label ? { label } : {} }));
    },
    { form, invalidate: ['/me/calendar-feeds'], success: t('city.feed.created'), onSuccess: (r) => setCreated(r) },
  );
  const feeds = useApi('/me/calendar-feeds');
  return (
    <Section id="subscribe" title={t('city.feed.title')}>
      <Stack gap="sm">
        <Text size="sm">{t('city.feed.help')}</Text>
        {created?.webcalUrl && created.httpsUrl && (
          <Alert color="green" title={t('city.feed.onceOnly')}>
            <Stack gap="xs">
              <Url label={t('city.feed.webcal')} value={created.webcalUrl} />
              <Url label={t('city.feed.https')} value={created.httpsUrl} />
            </Stack>
          </Alert>
        )}
        <ApiForm form={form} submit={submit} label={t('city.feed.subscribe')} gap="xs">
          <TextInput label={t('city.feed.label')} description={t('city.feed.labelHelp')} {...form.text('label')} />
          <FormActions submitLabel={t('city.feed.subscribe')} loading={submit.isPending} />
        </ApiForm>
        <QueryState query={feeds}>
          {(d) =>
            d.items.length === 0 ? (
              <EmptyState title={t('city.feed.none')} />
            ) : (
              <DataTable
                rows={d.items}
                rowKey={(f) => f.id}
                caption={t('city.feed.list')}
                columns={[
                  { key: 'label', header: t('city.feed.label'), cell: (f) => f.label },
                  { key: 'created', header: t('tokens.createdAt'), cell: (f) => <DateText value={f.createdAt} time /> },
                  {
                    key: 'revoke',
                    header: t('elections.actions'),
                    cell: (f) => (
                      <RowAction
                        run={async () =>
                          unwrap(await api.DELETE('/me/calendar-feeds/{id}', { params: { path: { id: f.id } } }))
                        }
                        invalidate={['/me/calendar-feeds']}
                        success={t('tokens.revoked')}
                        label={t('tokens.revoke')}
                        ariaLabel={t('tokens.revokeNamed', { label: f.label })}
                      />
                    ),
                  },
                ]}
              />
            )
          }
        </QueryState>
      </Stack>
    </Section>
  );
}

export function Page() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('city.calendar.title')} />
      <Stack>
        <Section id="schedule" title={t('city.calendar.upcoming')}>
          <EventList limit={200} />
        </Section>
        <Subscribe />
      </Stack>
    </>
  );
}
