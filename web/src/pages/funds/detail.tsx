// One fund: its figures (USD and per currency), its allocations, and the allocate form (field
// errors beside their fields; a refusal says what the fund has available).
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { EnumSelect } from '../../ui/fields';
import { FormModal } from '../../ui/form-modal';
import { DateText, Money } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { PageHeader } from '../../ui/shell';
import { QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DataTable, PagedTable, useUrlFilters, type Column } from '../../ui/table';
import { Reach, fundLabel } from './list';

type FundKey = Schemas['Fund']['fund'];
const KINDS = [
  'workshop',
  'coordinator_meeting',
  'partnership',
  'training',
  'study',
  'publication',
  'event',
  'secondment',
] as const;

function Allocate({ fund, opened, onClose }: { fund: FundKey; opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const form = useProblemForm({
    'activity.kind': null as string | null,
    'activity.title': '',
    'activity.referenceId': '',
    'amount.currency': 'USD',
    'amount.value': '',
    allocatedOn: new Date().toISOString().slice(0, 10),
    fxRateToUsd: '',
    note: '',
  });
  const v = form.values;
  const submit = useSubmit(
    async () =>
      unwrap(
        await api.POST('/funds/{fund}/allocations', {
          params: { path: { fund } },
          body: {
            activity: {
              kind: (v['activity.kind'] ?? '') as (typeof KINDS)[number],
              title: v['activity.title'],
              ...(v['activity.referenceId'].trim() ? { referenceId: v['activity.referenceId'].trim() } : {}),
            },
            amount: { currency: v['amount.currency'].trim().toUpperCase(), value: v['amount.value'].trim() },
            allocatedOn: v.allocatedOn,
            ...(v.fxRateToUsd.trim() ? { fxRateToUsd: v.fxRateToUsd.trim() } : {}),
            ...(v.note.trim() ? { note: v.note.trim() } : {}),
          },
        }),
      ),
    { form, invalidate: ['/funds', '/fund-allocations'], success: t('funds.allocated.done'), close: onClose },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('funds.allocate')}
      submitLabel={t('funds.allocate')}
      form={form}
      submit={submit}
    >
      <EnumSelect
        label={t('funds.activityKind')}
        options={KINDS}
        prefix="funds.kind"
        required
        {...form.field('activity.kind')}
      />
      <TextInput label={t('funds.activityTitle')} required maxLength={200} {...form.text('activity.title')} />
      <TextInput label={t('funds.referenceId')} {...form.text('activity.referenceId')} />
      <Group grow align="flex-start">
        <TextInput label={t('funds.currency')} maxLength={3} required {...form.text('amount.currency')} />
        <TextInput label={t('funds.amount')} inputMode="decimal" required {...form.text('amount.value')} />
      </Group>
      <TextInput label={t('funds.allocatedOn')} type="date" required {...form.text('allocatedOn')} />
      <TextInput
        label={t('funds.rate')}
        description={t('funds.rateHelp')}
        inputMode="decimal"
        {...form.text('fxRateToUsd')}
      />
      <Textarea label={t('funds.note')} autosize minRows={2} {...form.text('note')} />
    </FormModal>
  );
}

export function Page() {
  const { t } = useI18n();
  const fund = (useParams().fund ?? 'mdfm') as FundKey;
  const [opened, { open, close }] = useDisclosure(false);
  const figures = useApi('/funds/{fund}', { params: { path: { fund } } });
  const { page, setPage, limit, offset } = useUrlFilters([] as const);
  const allocations = useApi('/funds/{fund}/allocations', { params: { path: { fund }, query: { limit, offset } } });
  const columns: Column<Schemas['FundAllocation']>[] = [
    {
      key: 'title',
      header: t('funds.activityTitle'),
      cell: (a) => (
        <Anchor component={Link} to={`/fund-allocations/${a.id}`}>
          {a.activity.title}
        </Anchor>
      ),
    },
    { key: 'kind', header: t('funds.activityKind'), cell: (a) => t(`funds.kind.${a.activity.kind}`) },
    {
      key: 'amount',
      header: t('funds.amount'),
      cell: (a) => <Money value={a.amount.value} currency={a.amount.currency} usd={a.usd} />,
    },
    {
      key: 'remaining',
      header: t('funds.remaining'),
      cell: (a) => <Money value={a.remaining.value} currency={a.remaining.currency} />,
    },
    { key: 'on', header: t('funds.allocatedOn'), cell: (a) => <DateText value={a.allocatedOn} /> },
    { key: 'status', header: t('funds.status'), cell: (a) => t(`funds.status.${a.status}`) },
  ];
  return (
    <>
      <PageHeader title={t(fundLabel(fund))} actions={<Button onClick={open}>{t('funds.allocate')}</Button>} />
      <Stack>
        <QueryState query={figures} rows={2}>
          {(f) => (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Card withBorder component="section" aria-labelledby="figures">
                <Title order={2} size="h4" id="figures" mb="xs">
                  {t('funds.fund')}
                </Title>
                <dl style={{ margin: 0 }}>
                  {(
                    [
                      ['funds.received', f.received],
                      ['funds.allocated', f.allocated],
                      ['funds.disbursed', f.disbursed],
                      ['funds.available', f.available],
                    ] as const
                  ).map(([k, usd]) => (
                    <Group key={k} justify="space-between" py={4}>
                      <Text component="dt" size="sm">
                        {t(k)}
                      </Text>
                      <Text component="dd" m={0} fw={600}>
                        <Money value={usd} />
                      </Text>
                    </Group>
                  ))}
                </dl>
              </Card>
              <Card withBorder component="section" aria-labelledby="by-currency">
                <Title order={2} size="h4" id="by-currency" mb="xs">
                  {t('funds.byCurrency')}
                </Title>
                <DataTable
                  rows={f.byCurrency}
                  rowKey={(c) => c.currency}
                  caption={t('funds.byCurrency')}
                  columns={[
                    { key: 'c', header: t('funds.currency'), cell: (c) => c.currency },
                    {
                      key: 'r',
                      header: t('funds.received'),
                      cell: (c) => <Money value={c.received} currency={c.currency} />,
                    },
                    {
                      key: 'a',
                      header: t('funds.allocated'),
                      cell: (c) => <Money value={c.allocated} currency={c.currency} />,
                    },
                    {
                      key: 'd',
                      header: t('funds.disbursed'),
                      cell: (c) => <Money value={c.disbursed} currency={c.currency} />,
                    },
                  ]}
                />
              </Card>
            </SimpleGrid>
          )}
        </QueryState>
        <section aria-labelledby="allocations">
          <Title order={2} size="h4" id="allocations" mb="xs">
            {t('funds.allocations')}
          </Title>
          <PagedTable
            query={allocations}
            columns={columns}
            rowKey={(a) => a.id}
            caption={t('funds.allocations')}
            page={page}
            setPage={setPage}
            emptyTitle={t('funds.noAllocations')}
          />
        </section>
        <Reach fund={fund} />
      </Stack>
      <Allocate fund={fund} opened={opened} onClose={close} />
    </>
  );
}
