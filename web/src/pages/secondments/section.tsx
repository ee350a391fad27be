// Seconded staff, one of the in-kind options: each secondment's person, host, dates and monthly value,
// and the months the secretariat has approved (what counts toward the pledge's in-kind total). The
// console adds secondments and approves the next month; the donor portal reads its own.
import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { minorUnitsOf } from '../../lib/money';
import { CitySelect, EnumSelect } from '../../ui/fields';
import { FormModal } from '../../ui/form-modal';
import { DateText, Money } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { RowAction } from '../../ui/row-action';
import { EmptyState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DataTable, type Column } from '../../ui/table';

type Secondment = Schemas['Secondment'];
const HOSTS = ['secretariat', 'city'] as const;

function AddSecondment({ pledgeId, opened, onClose }: { pledgeId: string; opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const form = useProblemForm({
    personName: '',
    host: 'secretariat' as string | null,
    hostCityId: null as string | null,
    startOn: '',
    endOn: '',
    monthly: '',
    currency: 'USD',
  });
  const submit = useSubmit(
    async () => {
      const currency = form.values.currency.trim().toUpperCase();
      return unwrap(
        await api.POST('/pledges/{id}/secondments', {
          params: { path: { id: pledgeId } },
          body: {
            personName: form.values.personName,
            host: (form.values.host ?? 'secretariat') as Secondment['host'],
            ...(form.values.host === 'city' && form.values.hostCityId ? { hostCityId: form.values.hostCityId } : {}),
            startOn: form.values.startOn,
            endOn: form.values.endOn,
            // Not an amount: -1 goes, and the API names the field.
            monthly: { currency, minor: minorUnitsOf(form.values.monthly, currency) ?? -1 },
          },
        }),
      );
    },
    { form, invalidate: ['/pledges'], success: t('secondments.added'), close: onClose },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('secondments.add')}
      submitLabel={t('secondments.add')}
      form={form}
      submit={submit}
    >
      <TextInput label={t('secondments.person')} required {...form.text('personName')} />
      <EnumSelect
        label={t('secondments.host')}
        options={HOSTS}
        prefix="secondments.host"
        allowDeselect={false}
        {...form.field('host')}
      />
      {form.values.host === 'city' && (
        <CitySelect label={t('secondments.hostCity')} required {...form.field('hostCityId')} />
      )}
      <Group grow>
        <TextInput label={t('secondments.startOn')} type="date" required {...form.text('startOn')} />
        <TextInput label={t('secondments.endOn')} type="date" required {...form.text('endOn')} />
      </Group>
      <Group grow>
        <TextInput
          label={t('secondments.monthly')}
          inputMode="decimal"
          required
          {...form.text('monthly')}
          error={form.errors.monthly ?? form.errors['monthly.minor']}
        />
        <TextInput
          label={t('secondments.currency')}
          required
          maxLength={3}
          {...form.text('currency')}
          error={form.errors['monthly.currency']}
        />
      </Group>
    </FormModal>
  );
}

export function Secondments({ pledgeId, editable }: { pledgeId: string; editable: boolean }) {
  const { t } = useI18n();
  const list = useApi('/pledges/{id}/secondments', { params: { path: { id: pledgeId } } });
  const [adding, { open, close }] = useDisclosure(false);
  const columns: Column<Secondment>[] = [
    { key: 'person', header: t('secondments.person'), cell: (s) => s.personName },
    {
      key: 'host',
      header: t('secondments.host'),
      cell: (s) => (s.host === 'city' ? (s.hostCity?.name ?? '—') : t('secondments.host.secretariat')),
    },
    {
      key: 'period',
      header: t('secondments.period'),
      cell: (s) => (
        <>
          <DateText value={s.startOn} /> – <DateText value={s.endOn} />
        </>
      ),
    },
    {
      key: 'monthly',
      header: t('secondments.monthly'),
      cell: (s) => <Money value={s.monthly.value} currency={s.monthly.currency} />,
    },
    {
      key: 'approved',
      header: t('secondments.approved'),
      cell: (s) => {
        const next = s.months.find((m) => !m.approved);
        return (
          <Stack gap={4}>
            <Text size="sm">
              {t('secondments.monthsApproved', {
                n: s.months.filter((m) => m.approved).length,
                of: s.months.length,
              })}{' '}
              · <Money value={s.approvedUsd.value} />
            </Text>
            {editable && next && (
              <RowAction
                run={async () =>
                  unwrap(
                    await api.POST('/pledges/{id}/secondments/{secondmentId}/months/{month}/approve', {
                      params: { path: { id: pledgeId, secondmentId: s.id, month: next.month } },
                      body: {},
                    }),
                  )
                }
                invalidate={['/pledges']}
                success={t('secondments.monthApproved', { month: next.month })}
                label={t('secondments.approveMonth', { month: next.month })}
                ariaLabel={t('secondments.approveMonthOf', { month: next.month, person: s.personName })}
                color="blue"
              />
            )}
          </Stack>
        );
      },
    },
  ];
  return (
    <Card withBorder component="section" aria-labelledby="secondments">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="secondments">
          {t('secondments.title')}
        </Title>
        {editable && (
          <Button size="xs" onClick={open}>
            {t('secondments.add')}
          </Button>
        )}
      </Group>
      <QueryState query={list}>
        {(d) =>
          d.items.length === 0 ? (
            <EmptyState title={t('secondments.none')} />
          ) : (
            <Stack gap="xs">
              <DataTable rows={d.items} columns={columns} rowKey={(s) => s.id} caption={t('secondments.title')} />
              <Text size="sm">
                {t('secondments.total')}: <Money value={d.inKindTotalUsd.value} />
              </Text>
            </Stack>
          )
        }
      </QueryState>
      {editable && <AddSecondment pledgeId={pledgeId} opened={adding} onClose={close} />}
    </Card>
  );
}
