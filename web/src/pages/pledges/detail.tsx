// One pledge: its status and history, instalments (waive one), receipts (record one in any
// currency), and the next moves of its status machine.
import {
  Anchor,
  Button,
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
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { EnumSelect } from '../../ui/fields';
import { ApiForm, FormActions, FormModal } from '../../ui/form-modal';
import { DateText, Money, StatusBadge } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DataTable, type Column } from '../../ui/table';
import { NOTE_REQUIRED, RECEIVING_STATUSES, TRANSITIONS } from './transitions';
import { Valuation } from './valuation';
import { PledgeSplit } from '../funds/pledge-split';
import { ReportingRequirements } from '../reporting-requirements/section';
import { Secondments } from '../secondments/section';
import { useMe } from '../../ui/session';

type Pledge = Schemas['Pledge'];

function Transition({ pledge }: { pledge: Pledge }) {
  const { t } = useI18n();
  const next = TRANSITIONS[pledge.status];
  const form = useProblemForm({ to: (next[0] ?? null) as string | null, note: '' });
  const submit = useSubmit(
    async () => {
      const body: { to: Pledge['status']; note?: string } = { to: (form.values.to ?? '') as Pledge['status'] };
      if (form.values.note.trim()) body.note = form.values.note.trim();
      return unwrap(await api.POST('/pledges/{id}/transitions', { params: { path: { id: pledge.id } }, body }));
    },
    {
      form,
      invalidate: ['/pledges', '/donors', '/funding'],
      success: t('pledges.moved'),
      onSuccess: () => form.reset({ to: null, note: '' }),
    },
  );
  if (next.length === 0) return <Text size="sm">{t('pledges.final')}</Text>;
  const needsNote = NOTE_REQUIRED.includes((form.values.to ?? '') as Pledge['status']);
  return (
    <ApiForm form={form} submit={submit} label={t('pledges.move')} gap="xs">
      <EnumSelect
        label={t('pledges.moveTo')}
        options={next}
        prefix="status"
        allowDeselect={false}
        required
        {...form.field('to')}
      />
      <Textarea
        label={t('pledges.note')}
        required={needsNote}
        description={needsNote ? t('pledges.noteRequired') : undefined}
        autosize
        minRows={2}
        {...form.text('note')}
      />
      <FormActions submitLabel={t('pledges.move')} loading={submit.isPending} />
    </ApiForm>
  );
}

function Receipt({ pledge }: { pledge: Pledge }) {
  const { t } = useI18n();
  const form = useProblemForm({
    'amount.value': '',
    'amount.currency': pledge.amount?.currency ?? 'USD',
    receivedOn: new Date().toISOString().slice(0, 10),
    fxRateToUsd: '',
    receiptNumber: '',
  });
  const submit = useSubmit(
    async () => {
      const v = form.values;
      const body: {
        amount: { currency: string; value: string };
        receivedOn: string;
        fxRateToUsd?: string;
        receiptNumber?: string;
      } = {
        amount: { currency: v['amount.currency'].trim().toUpperCase(), value: v['amount.value'].trim() },
        receivedOn: v.receivedOn,
      };
      if (v.fxRateToUsd.trim()) body.fxRateToUsd = v.fxRateToUsd.trim();
      if (v.receiptNumber.trim()) body.receiptNumber = v.receiptNumber.trim();
      return unwrap(await api.POST('/pledges/{id}/receipts', { params: { path: { id: pledge.id } }, body }));
    },
    {
      form,
      invalidate: ['/pledges', '/donors', '/funding'],
      success: t('pledges.receiptRecorded'),
      onSuccess: () => form.reset(),
    },
  );
  return (
    <ApiForm form={form} submit={submit} label={t('pledges.recordReceipt')} gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('pledges.receiptAmount')} inputMode="decimal" required {...form.text('amount.value')} />
        <TextInput label={t('pledges.currency')} maxLength={3} required {...form.text('amount.currency')} />
        <TextInput label={t('pledges.receivedOn')} type="date" required {...form.text('receivedOn')} />
        <TextInput
          label={t('pledges.fxRate')}
          description={t('pledges.fxRateHelp')}
          inputMode="decimal"
          {...form.text('fxRateToUsd')}
        />
        <TextInput label={t('pledges.receiptNumber')} {...form.text('receiptNumber')} />
      </SimpleGrid>
      <FormActions submitLabel={t('pledges.recordReceipt')} loading={submit.isPending} />
    </ApiForm>
  );
}

function Waive({ pledge, seq, onClose }: { pledge: Pledge; seq: number | null; onClose: () => void }) {
  const { t } = useI18n();
  const form = useProblemForm({ note: '' });
  const submit = useSubmit(
    async () =>
      unwrap(
        await api.POST('/pledges/{id}/instalments/{n}/waive', {
          params: { path: { id: pledge.id, n: seq ?? 0 } },
          body: { note: form.values.note },
        }),
      ),
    {
      form,
      invalidate: ['/pledges', '/donors', '/funding'],
      success: t('pledges.waived'),
      close: onClose,
    },
  );
  return (
    <FormModal
      opened={seq !== null}
      onClose={onClose}
      title={t('pledges.waiveN', { n: seq ?? 0 })}
      submitLabel={t('pledges.waive')}
      form={form}
      submit={submit}
    >
      <Textarea label={t('pledges.note')} required autosize minRows={2} {...form.text('note')} />
    </FormModal>
  );
}

function PledgeView({ pledge }: { pledge: Pledge }) {
  const { t } = useI18n();
  const donor = useApi('/donors/{id}', { params: { path: { id: pledge.donorId } } });
  const [waiving, setWaiving] = useState<number | null>(null);
  const role = useMe().data?.role;
  const currency = pledge.amount?.currency ?? 'USD';
  const instalmentColumns: Column<Pledge['instalments'][number]>[] = [
    { key: 'seq', header: t('pledges.instalment'), cell: (i) => i.seq },
    { key: 'due', header: t('pledges.due'), cell: (i) => <DateText value={i.due} /> },
    { key: 'amount', header: t('pledges.amount'), cell: (i) => <Money value={i.amount} currency={currency} /> },
    { key: 'paid', header: t('pledges.paid'), cell: (i) => <Money value={i.paid} currency={currency} /> },
    { key: 'status', header: t('pledges.status'), cell: (i) => <StatusBadge value={i.status} /> },
    {
      key: 'waive',
      header: t('elections.actions'),
      cell: (i) =>
        i.status === 'due' || i.status === 'overdue' || i.status === 'scheduled' ? (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => setWaiving(i.seq)}
            aria-label={t('pledges.waiveN', { n: i.seq })}
          >
            {t('pledges.waiveN', { n: i.seq })}
          </Button>
        ) : null,
    },
  ];
  const receiptColumns: Column<Pledge['receipts'][number]>[] = [
    { key: 'on', header: t('pledges.receivedOn'), cell: (r) => <DateText value={r.receivedOn} /> },
    {
      key: 'amount',
      header: t('pledges.amount'),
      cell: (r) => <Money value={r.amount.value} currency={r.amount.currency} usd={r.usd} />,
    },
    { key: 'rate', header: t('pledges.fxRate'), cell: (r) => r.fxRateToUsd },
    { key: 'number', header: t('pledges.receiptNumber'), cell: (r) => r.receiptNumber ?? '—' },
  ];
  return (
    <>
      <PageHeader title={`${t(`fundingOption.${pledge.fundingOption}`)} · ${pledge.biennium}`}>
        <Group gap="xs" mt={4}>
          <StatusBadge value={pledge.status} size="lg" />
          <Anchor component={Link} to={`/donors/${pledge.donorId}`} size="sm">
            {donor.data?.name ?? t('pledges.donor')}
          </Anchor>
        </Group>
      </PageHeader>
      <Stack>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <Card withBorder>
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
            <Text size="xs" c="dimmed">
              {t(`pledgeKind.${pledge.kind}`)}
              {pledge.focus.length > 0 && ` · ${pledge.focus.map((f) => t(`focus.${f}` as 'focus.africa')).join(', ')}`}
            </Text>
          </Card>
          <Card withBorder component="section" aria-labelledby="move">
            <Title order={2} size="h4" id="move" mb="xs">
              {t('pledges.move')}
            </Title>
            <Transition pledge={pledge} />
          </Card>
          <Card withBorder component="section" aria-labelledby="history">
            <Title order={2} size="h4" id="history" mb="xs">
              {t('pledges.history')}
            </Title>
            <Timeline active={pledge.statusChanges.length - 1} bulletSize={12} lineWidth={2}>
              {pledge.statusChanges.map((c, i) => (
                <Timeline.Item key={i} title={t(`status.${c.to}` as 'status.pledged')}>
                  <Text size="xs">
                    <DateText value={c.at} time />
                  </Text>
                  {c.note && <Text size="xs">{c.note}</Text>}
                </Timeline.Item>
              ))}
            </Timeline>
          </Card>
        </SimpleGrid>
        {pledge.kind === 'in_kind' && <Valuation pledge={pledge} />}
        {pledge.kind === 'in_kind' && <Secondments pledgeId={pledge.id} editable={role === 'secretariat'} />}
        {pledge.kind === 'financial' && (
          <PledgeSplit pledgeId={pledge.id} editable={role === 'secretariat' && pledge.receipts.length === 0} />
        )}
        <ReportingRequirements pledgeId={pledge.id} editable={role === 'secretariat'} />
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
          {pledge.kind === 'financial' && RECEIVING_STATUSES.includes(pledge.status) && (
            <Card withBorder mt="sm">
              <Receipt pledge={pledge} />
            </Card>
          )}
        </section>
      </Stack>
      <Waive pledge={pledge} seq={waiving} onClose={() => setWaiving(null)} />
    </>
  );
}

export function Page() {
  const { id = '' } = useParams();
  const pledge = useApi('/pledges/{id}', { params: { path: { id } } });
  return <QueryState query={pledge}>{(p) => <PledgeView pledge={p} />}</QueryState>;
}
