// One allocation: its amount, what is disbursed and left, its history (allocated, reduced,
// cancelled), its disbursements with their beneficiary cities, and the forms for each.
import { Button, Card, Group, MultiSelect, Stack, Text, TextInput, Textarea, Timeline, Title } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { FormModal } from '../../ui/form-modal';
import { DateText, Money } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { ReasonModal } from '../../ui/reason-modal';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DataTable, type Column } from '../../ui/table';
import { fundLabel } from './list';

type Allocation = Schemas['FundAllocationDetail'];

/** Several cities, each chosen by typing part of its name (GET /cities?q=). */
function CitiesPicker(props: {
  label: string;
  description: string;
  value: string[];
  onChange: (v: string[]) => void;
  error?: string | undefined;
}) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const cities = useApi('/cities', { params: { query: { limit: 20, ...(q ? { q } : {}) } } });
  const [known, setKnown] = useState<Record<string, string>>({});
  const found = (cities.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.country})` }));
  const data = [
    ...props.value
      .filter((id) => !found.some((f) => f.value === id))
      .map((id) => ({ value: id, label: known[id] ?? id })),
    ...found,
  ];
  return (
    <MultiSelect
      searchable
      label={props.label}
      description={props.description}
      required
      data={data}
      value={props.value}
      error={props.error}
      filter={({ options }) => options}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(ids) => {
        setKnown((k) => ({ ...k, ...Object.fromEntries(found.map((f) => [f.value, f.label])) }));
        props.onChange(ids);
      }}
    />
  );
}

function Disburse({ a, opened, onClose }: { a: Allocation; opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const form = useProblemForm({
    'amount.value': '',
    disbursedOn: new Date().toISOString().slice(0, 10),
    cityIds: [] as string[],
    reference: '',
    note: '',
  });
  const v = form.values;
  const submit = useSubmit(
    async () =>
      unwrap(
        await api.POST('/fund-allocations/{id}/disbursements', {
          params: { path: { id: a.id } },
          body: {
            amount: { currency: a.amount.currency, value: v['amount.value'].trim() },
            disbursedOn: v.disbursedOn,
            cityIds: v.cityIds,
            ...(v.reference.trim() ? { reference: v.reference.trim() } : {}),
            ...(v.note.trim() ? { note: v.note.trim() } : {}),
          },
        }),
      ),
    { form, invalidate: ['/funds', '/fund-allocations'], success: t('funds.disbursed.done'), close: onClose },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('funds.disburse')}
      submitLabel={t('funds.disburse')}
      form={form}
      submit={submit}
    >
      <TextInput
        label={`${t('funds.amount')} (${a.amount.currency})`}
        inputMode="decimal"
        required
        {...form.text('amount.value')}
      />
      <TextInput label={t('funds.disbursedOn')} type="date" required {...form.text('disbursedOn')} />
      <CitiesPicker
        label={t('funds.cities')}
        description={t('funds.citiesHelp')}
        value={v.cityIds}
        onChange={(ids) => form.setValue('cityIds', ids)}
        error={form.errors.cityIds}
      />
      <TextInput label={t('funds.reference')} maxLength={100} {...form.text('reference')} />
      <Textarea label={t('funds.note')} autosize minRows={2} {...form.text('note')} />
    </FormModal>
  );
}

function Reduce({ a, opened, onClose }: { a: Allocation; opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const form = useProblemForm({ amount: a.amount.value, note: '' });
  const submit = useSubmit(
    async () =>
      unwrap(
        await api.POST('/fund-allocations/{id}/changes', {
          params: { path: { id: a.id } },
          body: { action: 'reduce', amount: form.values.amount.trim(), note: form.values.note },
        }),
      ),
    { form, invalidate: ['/funds', '/fund-allocations'], success: t('funds.reduced'), close: onClose },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('funds.reduce')}
      submitLabel={t('funds.reduce')}
      form={form}
      submit={submit}
    >
      <TextInput
        label={`${t('funds.reduceTo')} (${a.amount.currency})`}
        inputMode="decimal"
        required
        {...form.text('amount')}
      />
      <Textarea label={t('funds.reason')} required autosize minRows={2} {...form.text('note')} />
    </FormModal>
  );
}

export function Page() {
  const { t } = useI18n();
  const id = useParams().id ?? '';
  const allocation = useApi('/fund-allocations/{id}', { params: { path: { id } } });
  const [disbursing, disburse] = useDisclosure(false);
  const [reducing, reduce] = useDisclosure(false);
  const [cancelling, cancel] = useDisclosure(false);
  return (
    <QueryState query={allocation}>
      {(a) => {
        const columns: Column<Allocation['disbursements'][number]>[] = [
          { key: 'on', header: t('funds.disbursedOn'), cell: (d) => <DateText value={d.disbursedOn} /> },
          {
            key: 'amount',
            header: t('funds.amount'),
            cell: (d) => <Money value={d.amount.value} currency={d.amount.currency} usd={d.usd} />,
          },
          { key: 'cities', header: t('funds.cities'), cell: (d) => <CityNames ids={d.cityIds} /> },
          { key: 'ref', header: t('funds.reference'), cell: (d) => d.reference ?? '' },
        ];
        const active = a.status === 'active';
        return (
          <>
            <PageHeader
              title={a.activity.title}
              actions={
                active && (
                  <>
                    <Button onClick={disburse.open}>{t('funds.disburse')}</Button>
                    <Button variant="default" onClick={reduce.open}>
                      {t('funds.reduce')}
                    </Button>
                    <Button variant="default" color="red" onClick={cancel.open}>
                      {t('funds.cancel')}
                    </Button>
                  </>
                )
              }
            >
              <Text size="sm" c="dimmed">
                {t(fundLabel(a.fund))} · {t(`funds.kind.${a.activity.kind}`)} · {t(`funds.status.${a.status}`)}
              </Text>
            </PageHeader>
            <Stack>
              <Card withBorder component="section" aria-labelledby="amounts">
                <Title order={2} size="h4" id="amounts" mb="xs">
                  {t('funds.allocation')}
                </Title>
                <dl style={{ margin: 0 }}>
                  {(
                    [
                      ['funds.allocated', a.amount.value, a.usd],
                      ['funds.disbursed', a.disbursed.value, a.disbursedUsd],
                      ['funds.remaining', a.remaining.value, null],
                    ] as const
                  ).map(([k, value, usd]) => (
                    <Group key={k} justify="space-between" py={4}>
                      <Text component="dt" size="sm">
                        {t(k)}
                      </Text>
                      <Text component="dd" m={0} fw={600}>
                        <Money value={value} currency={a.amount.currency} usd={usd} />
                      </Text>
                    </Group>
                  ))}
                </dl>
              </Card>
              <section aria-labelledby="disbursements">
                <Title order={2} size="h4" id="disbursements" mb="xs">
                  {t('funds.disbursements')}
                </Title>
                {a.disbursements.length ? (
                  <DataTable
                    rows={a.disbursements}
                    columns={columns}
                    rowKey={(d) => d.id}
                    caption={t('funds.disbursements')}
                  />
                ) : (
                  <EmptyState title={t('funds.noDisbursements')} />
                )}
              </section>
              <Card withBorder component="section" aria-labelledby="changes">
                <Title order={2} size="h4" id="changes" mb="xs">
                  {t('funds.changes')}
                </Title>
                <Timeline bulletSize={12} lineWidth={2}>
                  {a.changes.map((c) => (
                    <Timeline.Item key={c.seq} title={t(`funds.change.${c.action}`)}>
                      <Text size="sm">
                        {c.from !== null && (
                          <>
                            <Money value={c.from} currency={a.amount.currency} /> →{' '}
                          </>
                        )}
                        <Money value={c.to} currency={a.amount.currency} />
                      </Text>
                      <Text size="xs" c="dimmed">
                        <DateText value={c.at} /> · {c.by}
                        {c.note ? ` · ${c.note}` : ''}
                      </Text>
                    </Timeline.Item>
                  ))}
                </Timeline>
              </Card>
            </Stack>
            {active && (
              <>
                <Disburse a={a} opened={disbursing} onClose={disburse.close} />
                <Reduce a={a} opened={reducing} onClose={reduce.close} />
                <ReasonModal
                  opened={cancelling}
                  onClose={cancel.close}
                  title={t('funds.cancel')}
                  invalidate={['/funds', '/fund-allocations']}
                  success={t('funds.cancelled')}
                  run={async (note) =>
                    unwrap(
                      await api.POST('/fund-allocations/{id}/changes', {
                        params: { path: { id: a.id } },
                        body: { action: 'cancel', note },
                      }),
                    )
                  }
                />
              </>
            )}
          </>
        );
      }}
    </QueryState>
  );
}

function CityNames({ ids }: { ids: string[] }) {
  return (
    <>
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 && ', '}
          <CityName id={id} />
        </span>
      ))}
    </>
  );
}

function CityName({ id }: { id: string }) {
  const city = useApi('/cities/{id}', { params: { path: { id } } }, { staleTime: 3_600_000 });
  return <>{city.data ? `${city.data.name} (${city.data.country})` : '…'}</>;
}
