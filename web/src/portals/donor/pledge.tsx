// One of the partner's pledges: its stages, instalments with due dates and status, receipts in the
// original currency with the USD value at the recorded rate, and — in kind — the valuation, which
// the partner proposes and the secretariat approves. Another donor's pledge is not found (the API
// answers 404, and so does this page).
import {
  Alert,
  Badge,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useParams } from 'react-router';
import { ApiError, api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n, type MessageKey } from '../../i18n';
import { ApiForm, FormActions } from '../../ui/form-modal';
import { DateText, Money, StatusBadge } from '../../ui/format';
import { NotFoundPage } from '../../ui/not-found';
import { useProblemForm } from '../../ui/problem-form';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DataTable, type Column } from '../../ui/table';
import { optionLabel } from './labels';
import { PledgeSplit } from '../../pages/funds/pledge-split';
import { ReportingRequirements } from '../../pages/reporting-requirements/section';
import { Secondments } from '../../pages/secondments/section';

type Pledge = Schemas['Pledge'];
const FINAL = ['closed', 'declined', 'cancelled', 'written_off'];
const VALUATION_COLOURS: Record<string, string> = {
  none: 'gray',
  proposed: 'yellow',
  approved: 'green',
  rejected: 'red',
};

function ProposeValuation({ pledge }: { pledge: Pledge }) {
  const { t } = useI18n();
  const current = pledge.valuation;
  const form = useProblemForm({
    'amount.value': current?.amount?.value ?? '',
    'amount.currency': current?.amount?.currency ?? 'USD',
    method: current?.method ?? '',
    evidence: current?.evidence ?? '',
  });
  const submit = useSubmit(
    async () => {
      const v = form.values;
      const body = {
        amount: { currency: v['amount.currency'].trim().toUpperCase(), value: v['amount.value'].trim() },
        method: v.method.trim(),
        evidence: v.evidence.trim(),
      };
      return unwrap(await api.POST('/pledges/{id}/in-kind/valuation', { params: { path: { id: pledge.id } }, body }));
    },
    { form, invalidate: ['/pledges', '/donors'], success: t('donor.valuation.proposed') },
  );
  return (
    <ApiForm form={form} submit={submit} label={t('donor.valuation.propose')} gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('donor.valuation.value')} inputMode="decimal" required {...form.text('amount.value')} />
        <TextInput label={t('pledges.currency')} maxLength={3} required {...form.text('amount.currency')} />
      </SimpleGrid>
      <TextInput
        label={t('donor.valuation.method')}
        description={t('donor.valuation.methodHelp')}
        required
        {...form.text('method')}
      />
      <Textarea
        label={t('donor.valuation.evidence')}
        description={t('donor.valuation.evidenceHelp')}
        required
        autosize
        minRows={2}
        {...form.text('evidence')}
      />
      <FormActions submitLabel={t('donor.valuation.propose')} loading={submit.isPending} />
    </ApiForm>
  );
}

function InKind({ pledge }: { pledge: Pledge }) {
  const { t } = useI18n();
  const inKind = (pledge.inKind ?? {}) as { description?: string; quantity?: string; unit?: string };
  const valuation = pledge.valuation;
  const open = !FINAL.includes(pledge.status) && valuation?.status !== 'approved';
  return (
    <Card withBorder component="section" aria-labelledby="in-kind">
      <Title order={2} size="h4" id="in-kind" mb="xs">
        {t('donor.inKind')}
      </Title>
      <Stack gap="xs">
        <Text size="sm">{inKind.description}</Text>
        {inKind.quantity && (
          <Text size="sm">
            {t('donor.offer.quantity')}: {inKind.quantity} {inKind.unit}
          </Text>
        )}
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {t('donor.valuation.title')}
          </Text>
          <Badge variant="light" color={VALUATION_COLOURS[valuation?.status ?? 'none']}>
            {t(`donor.valuation.status.${valuation?.status ?? 'none'}` as MessageKey)}
          </Badge>
          {valuation?.amount && <Money value={valuation.amount.value} currency={valuation.amount.currency} />}
        </Group>
        {valuation?.method && (
          <Text size="sm">
            {t('donor.valuation.method')}: {valuation.method}
          </Text>
        )}
        <Text size="sm">{t(`donor.valuation.explain.${valuation?.status ?? 'none'}` as MessageKey)}</Text>
        {open && <ProposeValuation key={valuation?.status ?? 'none'} pledge={pledge} />}
      </Stack>
    </Card>
  );
}

function PledgePage({ pledge }: { pledge: Pledge }) {
  const { t } = useI18n();
  const currency = pledge.amount?.currency ?? 'USD';
  const instalmentColumns: Column<Pledge['instalments'][number]>[] = [
    { key: 'seq', header: t('pledges.instalment'), cell: (i) => i.seq },
    { key: 'due', header: t('pledges.due'), cell: (i) => <DateText value={i.due} /> },
    { key: 'amount', header: t('pledges.amount'), cell: (i) => <Money value={i.amount} currency={currency} /> },
    { key: 'paid', header: t('pledges.paid'), cell: (i) => <Money value={i.paid} currency={currency} /> },
    {
      key: 'outstanding',
      header: t('funding.outstanding'),
      cell: (i) => <Money value={i.outstanding} currency={currency} />,
    },
    { key: 'status', header: t('pledges.status'), cell: (i) => <StatusBadge value={i.status} /> },
  ];
  const receiptColumns: Column<Pledge['receipts'][number]>[] = [
    { key: 'on', header: t('pledges.receivedOn'), cell: (r) => <DateText value={r.receivedOn} /> },
    {
      key: 'amount',
      header: t('donor.originalAmount'),
      cell: (r) => <Money value={r.amount.value} currency={r.amount.currency} />,
    },
    { key: 'rate', header: t('donor.recordedRate'), cell: (r) => r.fxRateToUsd },
    { key: 'usd', header: t('donor.usdValue'), cell: (r) => <Money value={r.usd} currency="USD" /> },
    { key: 'number', header: t('pledges.receiptNumber'), cell: (r) => r.receiptNumber ?? '—' },
  ];
  return (
    <>
      <PageHeader title={`${optionLabel(t, pledge)} · ${pledge.biennium}`}>
        <Group gap="xs" mt={4}>
          <StatusBadge value={pledge.status} size="lg" />
          <Text size="sm">
            {t(`pledgeKind.${pledge.kind}`)}
            {pledge.focus.length > 0 && ` · ${pledge.focus.map((f) => t(`focus.${f}` as MessageKey)).join(', ')}`}
          </Text>
        </Group>
      </PageHeader>
      <Stack>
        {pledge.status === 'in_discussion' && (
          <Alert title={t('status.in_discussion')}>{t('donor.inDiscussion')}</Alert>
        )}
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {pledge.kind === 'financial' ? (
            <Card withBorder component="section" aria-labelledby="totals">
              <Title order={2} size="h4" id="totals" mb="xs">
                {t('donor.totals')}
              </Title>
              <dl style={{ margin: 0 }}>
                {(
                  [
                    ['pledges.amount', pledge.totals.pledged, pledge.totals.usd.pledged],
                    ['funding.received', pledge.totals.received, pledge.totals.usd.received],
                    ['funding.outstanding', pledge.totals.outstanding, pledge.totals.usd.outstanding],
                  ] as const
                ).map(([k, v, usd]) => (
                  <Group key={k} justify="space-between" py={4}>
                    <Text component="dt" size="sm">
                      {t(k)}
                    </Text>
                    <Text component="dd" m={0} fw={600}>
                      <Money value={v} currency={currency} usd={usd} />
                    </Text>
                  </Group>
                ))}
              </dl>
              {pledge.totals.usd.rateDate && currency !== 'USD' && (
                <Text size="xs" c="dimmed">
                  {t('donor.rateNote', { rate: pledge.totals.usd.rateToUsd ?? '', currency })}{' '}
                  <DateText value={pledge.totals.usd.rateDate} />
                </Text>
              )}
            </Card>
          ) : (
            <InKind pledge={pledge} />
          )}
          <Card withBorder component="section" aria-labelledby="history">
            <Title order={2} size="h4" id="history" mb="xs">
              {t('donor.stages')}
            </Title>
            <Timeline active={pledge.statusChanges.length - 1} bulletSize={12} lineWidth={2}>
              {pledge.statusChanges.map((c, i) => (
                <Timeline.Item key={i} title={t(`status.${c.to}` as MessageKey)}>
                  <Text size="xs">
                    <DateText value={c.at} time />
                  </Text>
                  {c.note && <Text size="xs">{c.note}</Text>}
                </Timeline.Item>
              ))}
            </Timeline>
          </Card>
        </SimpleGrid>
        <ReportingRequirements pledgeId={pledge.id} editable={false} />
        {pledge.kind === 'in_kind' && <Secondments pledgeId={pledge.id} editable={false} />}
        {pledge.kind === 'financial' && (
          <>
            <PledgeSplit pledgeId={pledge.id} editable={false} />
            <section aria-labelledby="instalments">
              <Title order={2} size="h4" id="instalments" mb="xs">
                {t('pledges.instalments')}
              </Title>
              {pledge.instalments.length === 0 ? (
                <EmptyState title={t('pledges.noInstalments')} />
              ) : (
                <DataTable
                  rows={pledge.instalments}
                  columns={instalmentColumns}
                  rowKey={(i) => String(i.seq)}
                  caption={t('pledges.instalments')}
                />
              )}
            </section>
            <section aria-labelledby="receipts">
              <Title order={2} size="h4" id="receipts" mb="xs">
                {t('pledges.receipts')}
              </Title>
              {pledge.receipts.length === 0 ? (
                <EmptyState title={t('pledges.noReceipts')} />
              ) : (
                <DataTable
                  rows={pledge.receipts}
                  columns={receiptColumns}
                  rowKey={(r) => r.id}
                  caption={t('pledges.receipts')}
                />
              )}
            </section>
          </>
        )}
      </Stack>
    </>
  );
}

export function Page() {
  const { id = '' } = useParams();
  const pledge = useApi('/pledges/{id}', { params: { path: { id } } });
  // Another donor's pledge, or none: the same not-found page as any unknown address.
  if (pledge.error instanceof ApiError && (pledge.error.status === 404 || pledge.error.status === 400))
    return <NotFoundPage />;
  return <QueryState query={pledge}>{(p) => <PledgePage pledge={p} />}</QueryState>;
}
