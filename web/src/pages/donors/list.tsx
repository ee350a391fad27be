import { Anchor, Button, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useNavigate } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { DONOR_TYPES, isOneOf } from '../../lib/enums';
import { EnumSelect, useCountries } from '../../ui/fields';
import { useProblemForm } from '../../ui/problem-form';
import { FilterBar } from '../../ui/filters';
import { PageHeader } from '../../ui/shell';
import { useSubmit } from '../../ui/submit';
import { PagedTable, useUrlFilters, type Column } from '../../ui/table';
import { DonorFields, donorBody, donorFormValues } from './form';

function CreateDonor({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const form = useProblemForm(donorFormValues());
  const submit = useSubmit(async () => unwrap(await api.POST('/donors', { body: donorBody(form.values) })), {
    form,
    invalidate: ['/donors'],
    success: t('donors.created'),
    close: onClose,
    onSuccess: (d) => void navigate(`/donors/${d.id}`),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('donors.create')}>
      <DonorFields
        form={form}
        submitting={submit.isPending}
        submitLabel={t('action.create')}
        onCancel={onClose}
        onSubmit={() => submit.mutate(undefined)}
      />
    </Modal>
  );
}

export function Page() {
  const { t } = useI18n();
  const { filters, all, setFilter, page, setPage, limit, offset } = useUrlFilters(['type'] as const);
  const [opened, { open, close }] = useDisclosure(false);
  const { names } = useCountries();
  const query: { limit: number; offset: number; type?: Schemas['Donor']['type'] } = { limit, offset };
  if (isOneOf(DONOR_TYPES, filters.type)) query.type = filters.type;
  const donors = useApi('/donors', { params: { query } });
  const columns: Column<Schemas['Donor']>[] = [
    {
      key: 'name',
      header: t('donors.name'),
      cell: (d) => (
        <Anchor component={Link} to={`/donors/${d.id}`}>
          {d.name}
        </Anchor>
      ),
    },
    { key: 'type', header: t('donors.type'), cell: (d) => t(`donorType.${d.type}`) },
    {
      key: 'country',
      header: t('donors.country'),
      cell: (d) => (d.country ? (names.get(d.country) ?? d.country) : '—'),
    },
    {
      key: 'contact',
      header: t('donors.contact'),
      cell: (d) => [d.contact.name, d.contact.email].filter(Boolean).join(' · ') || '—',
    },
  ];
  return (
    <>
      <PageHeader title={t('donors.title')} actions={<Button onClick={open}>{t('donors.create')}</Button>} />
      <FilterBar>
        <EnumSelect
          label={t('donors.type')}
          options={DONOR_TYPES}
          prefix="donorType"
          clearable
          value={all.type}
          onChange={(v) => setFilter('type', v)}
          w={{ base: '100%', sm: 260 }}
        />
      </FilterBar>
      <PagedTable
        query={donors}
        columns={columns}
        rowKey={(d) => d.id}
        caption={t('donors.title')}
        page={page}
        setPage={setPage}
        emptyTitle={t('donors.none')}
      />
      <CreateDonor opened={opened} onClose={close} />
    </>
  );
}
