// A pledge's split across funds (console and donor portal): each part's share, amount and what the
// pledge's receipts credited it; the secretariat sets it in basis points before the first receipt.
import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { FormModal } from '../../ui/form-modal';
import { Money } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DataTable } from '../../ui/table';
import { fundLabel } from './list';

type FundKey = Schemas['Fund']['fund'];
const FUNDS: FundKey[] = [
  'mdfm',
  'capacity_building_ldc',
  'thematic_study',
  'communication_exchange',
  'communication_exchange.host_event',
  'communication_exchange.fund_publication',
  'communication_exchange.fund_peer_learning_database',
  'communication_exchange.seconded_staff',
];

function EditSplit({
  split,
  opened,
  onClose,
}: {
  split: Schemas['PledgeSplit'];
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const initial: Record<string, string> = Object.fromEntries(
    FUNDS.map((f) => [f, String(split.parts.find((p) => p.fund === f)?.basisPoints ?? '')]),
  );
  const form = useProblemForm(initial);
  const submit = useSubmit(
    async () =>
      unwrap(
        await api.PUT('/pledges/{id}/split', {
          params: { path: { id: split.pledgeId } },
          body: {
            parts: FUNDS.filter((f) => form.values[f]?.trim()).map((f) => ({
              fund: f,
              basisPoints: /^\d{1,5}$/.test(form.values[f]!.trim()) ? Number(form.values[f]!.trim()) : -1,
            })),
          },
        }),
      ),
    { form, invalidate: ['/pledges'], success: t('split.saved'), close: onClose },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('split.edit')}
      submitLabel={t('action.save')}
      form={form}
      submit={submit}
      before={
        <Text size="sm" c="dimmed">
          {t('split.help')}
        </Text>
      }
    >
      {FUNDS.map((f, i) => (
        <TextInput
          key={f}
          label={t('split.basisPoints', { fund: t(fundLabel(f)) })}
          inputMode="numeric"
          {...form.text(f)}
          error={form.errors[f] ?? form.errors[`parts.${i}.basisPoints`] ?? (i === 0 ? form.errors.parts : undefined)}
        />
      ))}
    </FormModal>
  );
}

export function PledgeSplit({ pledgeId, editable }: { pledgeId: string; editable: boolean }) {
  const { t, f } = useI18n();
  const split = useApi('/pledges/{id}/split', { params: { path: { id: pledgeId } } });
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <Card withBorder component="section" aria-labelledby="split">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="split">
          {t('split.title')}
        </Title>
        {editable && (
          <Button size="xs" variant="default" onClick={open}>
            {t('split.edit')}
          </Button>
        )}
      </Group>
      <QueryState query={split} rows={2}>
        {(s) => (
          <Stack gap="xs">
            {!s.split && (
              <Text size="sm" c="dimmed">
                {t('split.none')}
              </Text>
            )}
            <DataTable
              rows={s.parts}
              rowKey={(p) => p.fund}
              caption={t('split.title')}
              columns={[
                { key: 'fund', header: t('funds.fund'), cell: (p) => t(fundLabel(p.fund)) },
                {
                  key: 'share',
                  header: t('split.share'),
                  cell: (p) => (p.basisPoints === null ? '' : f.percent(p.basisPoints / 10_000)),
                },
                {
                  key: 'amount',
                  header: t('funds.amount'),
                  cell: (p) => <Money value={p.amount} currency={s.currency ?? 'USD'} />,
                },
                { key: 'received', header: t('funds.received'), cell: (p) => <Money value={p.received} /> },
              ]}
            />
            {editable && opened && <EditSplit split={s} opened={opened} onClose={close} />}
          </Stack>
        )}
      </QueryState>
    </Card>
  );
}
