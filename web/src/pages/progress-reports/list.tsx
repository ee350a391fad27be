// Biennial progress reports: the cycles with their response rates, opening the next one, and the
// cities flagged for missing two consecutive cycles.
import { Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useNavigate } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useT } from '../../i18n';
import { FormModal } from '../../ui/form-modal';
import { DateText, StatusBadge } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DataTable, type Column } from '../../ui/table';

function OpenCycle({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const form = useProblemForm({ biennium: '', dueAt: '', reminders: 'P14D, P3D' });
  const submit = useSubmit(
    async () => {
      const v = form.values;
      const due = v.dueAt ? new Date(v.dueAt) : null;
      return unwrap(
        await api.POST('/progress-reports/cycles', {
          body: {
            biennium: v.biennium.trim(),
            dueAt: due && !Number.isNaN(due.getTime()) ? due.toISOString() : v.dueAt,
            reminders: v.reminders
              .split(',')
              .map((r) => r.trim())
              .filter(Boolean),
          },
        }),
      );
    },
    {
      form,
      success: t('progress.opened'),
      invalidate: ['/progress-reports/cycles'],
      close: onClose,
      onSuccess: (c) => void navigate(`/progress-reports/${c.biennium}`),
    },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('progress.open')}
      submitLabel={t('progress.open')}
      form={form}
      submit={submit}
    >
      <TextInput label={t('progress.biennium')} placeholder="2023-2025" required {...form.text('biennium')} />
      <TextInput label={t('progress.dueAt')} type="datetime-local" required {...form.text('dueAt')} />
      <TextInput
        label={t('progress.reminders')}
        description={t('progress.remindersHelp')}
        {...form.text('reminders')}
        error={form.errors.reminders ?? form.errors['reminders.0'] ?? form.errors['reminders.1']}
      />
    </FormModal>
  );
}

export function FlaggedTable({ rows }: { rows: Schemas['FlaggedCity'][] }) {
  const t = useT();
  const columns: Column<Schemas['FlaggedCity']>[] = [
    { key: 'name', header: t('progress.city'), cell: (f) => f.name },
    { key: 'n', header: t('progress.missedInARow'), cell: (f) => f.missedInARow },
    { key: 'last', header: t('progress.lastMissed'), cell: (f) => f.lastMissed },
  ];
  return rows.length === 0 ? (
    <Text size="sm">{t('progress.noneFlagged')}</Text>
  ) : (
    <DataTable rows={rows} columns={columns} rowKey={(f) => f.cityId} caption={t('progress.flagged')} />
  );
}

export function Page() {
  const t = useT();
  const [opened, { open, close }] = useDisclosure(false);
  const cycles = useApi('/progress-reports/cycles');
  const flagged = useApi('/progress-reports/flagged');
  const columns: Column<Schemas['ProgressReportCycle']>[] = [
    {
      key: 'biennium',
      header: t('progress.biennium'),
      cell: (c) => (
        <Anchor component={Link} to={`/progress-reports/${c.biennium}`}>
          {c.biennium}
        </Anchor>
      ),
    },
    { key: 'status', header: t('progress.status'), cell: (c) => <StatusBadge value={c.status} /> },
    { key: 'dueAt', header: t('progress.dueAt'), cell: (c) => <DateText value={c.dueAt} time /> },
    {
      key: 'rate',
      header: t('progress.rate'),
      cell: (c) =>
        t('progress.rateValue', { percent: c.responseRatePercent ?? 0, n: c.submitted ?? 0, of: c.requested ?? 0 }),
    },
    { key: 'missed', header: t('progress.missed'), cell: (c) => c.missed ?? 0 },
  ];
  return (
    <>
      <PageHeader title={t('progress.heading')} actions={<Button onClick={open}>{t('progress.open')}</Button>} />
      <OpenCycle opened={opened} onClose={close} />
      <Stack gap="lg">
        <QueryState query={cycles}>
          {(d) =>
            d.items.length === 0 ? (
              <EmptyState title={t('progress.none')} />
            ) : (
              <DataTable rows={d.items} columns={columns} rowKey={(c) => c.biennium} caption={t('progress.heading')} />
            )
          }
        </QueryState>
        <section aria-labelledby="flagged-heading">
          <Title order={2} size="h3" id="flagged-heading">
            {t('progress.flagged')}
          </Title>
          <Text size="sm" mb="xs">
            {t('progress.flaggedHelp')}
          </Text>
          <QueryState query={flagged}>{(d) => <FlaggedTable rows={d.items} />}</QueryState>
        </section>
      </Stack>
    </>
  );
}
