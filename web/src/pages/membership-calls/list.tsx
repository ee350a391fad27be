// Membership calls for the secretariat: the list with applications by state, and opening a call.
import { Anchor, Button, NumberInput, TextInput } from '@mantine/core';
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

function OpenCall({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const form = useProblemForm({ title: '', closesAt: '', perCountryLimit: 3 as number | string, natcomWindow: 'P1M' });
  const submit = useSubmit(
    async () => {
      const v = form.values;
      const closes = v.closesAt ? new Date(v.closesAt) : null;
      return unwrap(
        await api.POST('/membership-calls', {
          body: {
            title: v.title,
            closesAt: closes && !Number.isNaN(closes.getTime()) ? closes.toISOString() : v.closesAt,
            perCountryLimit: Number(v.perCountryLimit),
            natcomWindow: v.natcomWindow,
          },
        }),
      );
    },
    {
      form,
      success: t('membership.opened'),
      invalidate: ['/membership-calls'],
      close: onClose,
      onSuccess: (c) => void navigate(`/membership-calls/${c.id}`),
    },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('membership.open')}
      submitLabel={t('membership.open')}
      form={form}
      submit={submit}
    >
      <TextInput label={t('membership.callTitle')} required {...form.text('title')} />
      <TextInput label={t('membership.closesAt')} type="datetime-local" required {...form.text('closesAt')} />
      <NumberInput label={t('membership.perCountryLimit')} min={1} max={20} {...form.field('perCountryLimit')} />
      <TextInput label={t('membership.natcomWindow')} {...form.text('natcomWindow')} />
    </FormModal>
  );
}

export function Page() {
  const t = useT();
  const [opened, { open, close }] = useDisclosure(false);
  const calls = useApi('/membership-calls');
  const columns: Column<Schemas['MembershipCall']>[] = [
    {
      key: 'title',
      header: t('membership.callTitle'),
      cell: (c) => (
        <Anchor component={Link} to={`/membership-calls/${c.id}`}>
          {c.title}
        </Anchor>
      ),
    },
    { key: 'status', header: t('membership.status'), cell: (c) => <StatusBadge value={c.status} /> },
    { key: 'closesAt', header: t('membership.closesAt'), cell: (c) => <DateText value={c.closesAt} time /> },
    {
      key: 'applications',
      header: t('membership.applications'),
      cell: (c) => Object.values(c.applications).reduce((a, b) => a + b, 0),
    },
  ];
  return (
    <>
      <PageHeader title={t('membership.list')} actions={<Button onClick={open}>{t('membership.open')}</Button>} />
      <OpenCall opened={opened} onClose={close} />
      <QueryState query={calls}>
        {(d) =>
          d.items.length === 0 ? (
            <EmptyState title={t('membership.none')} />
          ) : (
            <DataTable rows={d.items} columns={columns} rowKey={(c) => c.id} caption={t('membership.list')} />
          )
        }
      </QueryState>
    </>
  );
}
