// One partnership for the secretariat: its facts, reports and activities, the linked
// capacity-building pledges, adding an activity, linking a pledge and recording the outcome.
import { Anchor, Button, Card, Select, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useT } from '../../i18n';
import { ApiForm } from '../../ui/form-modal';
import { Money, StatusBadge } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DataTable, type Column } from '../../ui/table';
import { Activities, ActivityForm, Facts, Reports } from './parts';

type Partnership = Schemas['Partnership'];
const OUTCOMES = ['applied', 'admitted', 'ended_without_application'] as const;
const INVALIDATE = ['/partnerships', '/partnerships/{id}', '/partnerships/africa-support'];

function Contributions({ p }: { p: Partnership }) {
  const t = useT();
  const form = useProblemForm({ pledgeId: '' });
  const link = useSubmit(
    async () =>
      unwrap(
        await api.POST('/partnerships/{id}/contributions', {
          params: { path: { id: p.id } },
          body: { pledgeId: form.values.pledgeId.trim() },
        }),
      ),
    { form, success: t('partnerships.linked'), invalidate: INVALIDATE, onSuccess: () => form.reset() },
  );
  const columns: Column<Partnership['contributions'][number]>[] = [
    {
      key: 'pledge',
      header: t('partnerships.donor'),
      cell: (c) => (
        <Anchor component={Link} to={`/pledges/${c.pledgeId}`}>
          {c.donorName}
        </Anchor>
      ),
    },
    { key: 'status', header: t('partnerships.status'), cell: (c) => <StatusBadge value={c.status} /> },
    {
      key: 'amount',
      header: t('partnerships.amount'),
      cell: (c) => (c.currency && c.amount !== null ? <Money value={c.amount} currency={c.currency} /> : ''),
    },
  ];
  return (
    <section>
      <Title order={2} size="h4" mb="xs">
        {t('partnerships.contributions')}
      </Title>
      {p.contributions.length === 0 ? (
        <EmptyState title={t('partnerships.noContributions')} />
      ) : (
        <DataTable
          rows={p.contributions}
          columns={columns}
          rowKey={(c) => c.pledgeId}
          caption={t('partnerships.contributions')}
        />
      )}
      {p.status === 'active' && (
        <ApiForm form={form} submit={link} label={t('partnerships.link')}>
          <TextInput label={t('partnerships.pledgeId')} {...form.text('pledgeId')} />
          <Button type="submit" variant="light" loading={link.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('partnerships.link')}
          </Button>
        </ApiForm>
      )}
    </section>
  );
}

function OutcomeForm({ p }: { p: Partnership }) {
  const t = useT();
  const form = useProblemForm({ outcome: null as string | null, note: '' });
  const submit = useSubmit(
    async () =>
      unwrap(
        await api.POST('/partnerships/{id}/outcome', {
          params: { path: { id: p.id } },
          body: {
            outcome: (form.values.outcome ?? '') as (typeof OUTCOMES)[number],
            ...(form.values.note.trim() ? { note: form.values.note } : {}),
          },
        }),
      ),
    { form, success: t('partnerships.outcomeRecorded'), invalidate: INVALIDATE },
  );
  return (
    <Card withBorder>
      <ApiForm form={form} submit={submit} label={t('partnerships.recordOutcome')}>
        <Title order={2} size="h4">
          {t('partnerships.recordOutcome')}
        </Title>
        <Select
          label={t('partnerships.outcome')}
          required
          data={OUTCOMES.map((o) => ({ value: o, label: t(`partnerships.outcome.${o}`) }))}
          {...form.field('outcome')}
        />
        <Textarea label={t('partnerships.outcomeNote')} autosize minRows={2} {...form.text('note')} />
        <Button type="submit" loading={submit.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('partnerships.recordOutcome')}
        </Button>
      </ApiForm>
    </Card>
  );
}

export function Page() {
  const { id = '' } = useParams();
  const partnership = useApi('/partnerships/{id}', { params: { path: { id } } });
  return (
    <QueryState query={partnership}>
      {(p) => (
        <>
          <PageHeader title={p.title} />
          <Stack gap="xl">
            <Facts p={p} />
            <Reports p={p} />
            <Activities p={p} />
            <Contributions p={p} />
            {p.status === 'active' && <ActivityForm p={p} />}
            {p.status === 'active' && <OutcomeForm p={p} />}
          </Stack>
        </>
      )}
    </QueryState>
  );
}
