// Restructuring the clusters: the moves, a preview of what happens to each membership, then the same
// plan applied at once; below, the restructurings applied so far.
import { ActionIcon, Alert, Button, Card, Group, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n, type MessageKey } from '../../i18n';
import { ApiForm } from '../../ui/form-modal';
import { DateText } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DataTable, type Column } from '../../ui/table';

type Plan = Schemas['RestructuringPlan'];
interface MoveRow {
  from: string | null;
  /** '' means no successor. */
  to: string | null;
}
const NONE = '';

function PlanView({ plan }: { plan: Plan }) {
  const { t } = useI18n();
  const columns: Column<Plan['memberships'][number]>[] = [
    { key: 'city', header: t('restructuring.city'), cell: (m) => m.cityName },
    { key: 'from', header: t('restructuring.from'), cell: (m) => m.from },
    { key: 'to', header: t('restructuring.to'), cell: (m) => m.to ?? '—' },
    {
      key: 'outcome',
      header: t('restructuring.outcome'),
      cell: (m) => t(`restructuring.outcome.${m.outcome}` as MessageKey),
    },
    { key: 'rep', header: t('restructuring.representative'), cell: (m) => m.representativeName },
  ];
  return (
    <Stack gap="xs">
      <Text size="sm" role="status">
        {t('restructuring.counts', { ...plan.counts })}
      </Text>
      {plan.memberships.length === 0 ? (
        <EmptyState title={t('restructuring.noMembers')} />
      ) : (
        <DataTable
          rows={plan.memberships}
          columns={columns}
          rowKey={(m) => `${m.from}|${m.cityId}`}
          caption={t('restructuring.plan')}
        />
      )}
      {plan.termsEnding.length > 0 && (
        <Text size="sm">
          {t('restructuring.termsEnding')}: {plan.termsEnding.map((x) => x.cluster).join(', ')}
        </Text>
      )}
    </Stack>
  );
}

function History() {
  const { t } = useI18n();
  const history = useApi('/cluster-restructurings', { params: { query: { limit: 50 } } });
  const columns: Column<Schemas['ClusterRestructuring']>[] = [
    { key: 'on', header: t('restructuring.effectiveOn'), cell: (r) => <DateText value={r.effectiveOn} /> },
    {
      key: 'moves',
      header: t('restructuring.summary'),
      cell: (r) => r.plan.moves.map((m) => `${m.from} → ${m.to ?? '—'}`).join(', '),
    },
    { key: 'counts', header: t('restructuring.plan'), cell: (r) => t('restructuring.counts', { ...r.plan.counts }) },
    { key: 'at', header: t('restructuring.appliedAt'), cell: (r) => <DateText value={r.appliedAt} time /> },
  ];
  return (
    <Card withBorder component="section" aria-labelledby="restructuring-history">
      <Title order={2} size="h4" id="restructuring-history" mb="xs">
        {t('restructuring.history')}
      </Title>
      <QueryState query={history}>
        {(h) =>
          h.items.length === 0 ? (
            <EmptyState title={t('restructuring.noHistory')} />
          ) : (
            <DataTable rows={h.items} columns={columns} rowKey={(r) => r.id} caption={t('restructuring.history')} />
          )
        }
      </QueryState>
    </Card>
  );
}

export function Page() {
  const { t } = useI18n();
  const active = useApi('/clusters', { params: { query: { status: 'active', limit: 50 } } });
  const options = (active.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` }));
  const form = useProblemForm({ effectiveOn: new Date().toISOString().slice(0, 10), note: '' });
  const [moves, setMoves] = useState<MoveRow[]>([{ from: null, to: null }]);
  const [plan, setPlan] = useState<{ plan: Plan; asked: string } | null>(null);

  const body = () => ({
    effectiveOn: form.values.effectiveOn,
    moves: moves.map((m) => ({ from: m.from ?? '', to: m.to === NONE ? null : (m.to ?? '') })),
    ...(form.values.note.trim() ? { note: form.values.note.trim() } : {}),
  });
  const asked = JSON.stringify(body());
  const preview = useSubmit(async () => unwrap(await api.POST('/cluster-restructurings/preview', { body: body() })), {
    form,
    onSuccess: (p) => setPlan({ plan: p, asked }),
  });
  const apply = useSubmit(async () => unwrap(await api.POST('/cluster-restructurings', { body: body() })), {
    form,
    invalidate: ['/clusters', '/cluster-restructurings'],
    success: t('restructuring.applied'),
    onSuccess: () => {
      setPlan(null);
      setMoves([{ from: null, to: null }]);
      form.reset();
    },
  });
  const setMove = (i: number, change: Partial<MoveRow>) =>
    setMoves((ms) => ms.map((m, j) => (j === i ? { ...m, ...change } : m)));
  const stale = plan !== null && plan.asked !== asked;

  return (
    <>
      <PageHeader title={t('restructuring.title')}>
        <Text size="sm" c="dimmed" maw={720}>
          {t('restructuring.intro')}
        </Text>
      </PageHeader>
      <Stack>
        <Card withBorder>
          <ApiForm form={form} submit={preview} label={t('restructuring.title')}>
            <TextInput
              label={t('restructuring.effectiveOn')}
              description={t('restructuring.effectiveOnHelp')}
              type="date"
              required
              maw={260}
              {...form.text('effectiveOn')}
            />
            <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
              <legend>
                <Text fw={600} size="sm" mb="xs">
                  {t('restructuring.moves')}
                </Text>
              </legend>
              <Stack gap="xs">
                {moves.map((m, i) => (
                  <Group
                    key={i}
                    align="flex-end"
                    wrap="wrap"
                    gap="xs"
                    aria-label={t('restructuring.move', { n: i + 1 })}
                    role="group"
                  >
                    <Select
                      label={t('restructuring.from')}
                      data={options}
                      searchable
                      value={m.from}
                      onChange={(v) => setMove(i, { from: v })}
                      error={form.errors[`moves.${i}.from`] ?? form.errors[`moves.${i}`]}
                      w={300}
                    />
                    <Select
                      label={t('restructuring.to')}
                      data={[{ value: NONE, label: t('restructuring.noSuccessor') }, ...options]}
                      searchable
                      value={m.to}
                      onChange={(v) => setMove(i, { to: v })}
                      error={form.errors[`moves.${i}.to`]}
                      w={300}
                    />
                    {moves.length > 1 && (
                      <ActionIcon
                        variant="default"
                        size="lg"
                        aria-label={t('restructuring.removeMove', { n: i + 1 })}
                        onClick={() => setMoves((ms) => ms.filter((_, j) => j !== i))}
                      >
                        ×
                      </ActionIcon>
                    )}
                  </Group>
                ))}
                {form.errors.moves && (
                  <Text c="red.8" size="sm">
                    {form.errors.moves}
                  </Text>
                )}
                <Group>
                  <Button
                    variant="default"
                    size="xs"
                    onClick={() => setMoves((ms) => [...ms, { from: null, to: null }])}
                  >
                    {t('restructuring.addMove')}
                  </Button>
                </Group>
              </Stack>
            </fieldset>
            <Textarea label={t('restructuring.note')} autosize minRows={2} maxLength={2000} {...form.text('note')} />
            <Group justify="flex-end">
              <Button type="submit" variant={plan ? 'default' : 'filled'} loading={preview.isPending}>
                {t('restructuring.preview')}
              </Button>
            </Group>
          </ApiForm>
        </Card>
        {plan && (
          <Card withBorder component="section" aria-labelledby="restructuring-plan">
            <Title order={2} size="h4" id="restructuring-plan" mb="xs">
              {t('restructuring.plan')}
            </Title>
            <PlanView plan={plan.plan} />
            {stale && (
              <Alert color="orange" mt="sm">
                {t('restructuring.stale')}
              </Alert>
            )}
            <Group justify="flex-end" mt="sm">
              <Button color="red" disabled={stale} loading={apply.isPending} onClick={() => apply.mutate(undefined)}>
                {t('restructuring.apply')}
              </Button>
            </Group>
          </Card>
        )}
        <History />
      </Stack>
    </>
  );
}
