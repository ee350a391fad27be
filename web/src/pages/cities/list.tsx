import { Anchor, Button, NumberInput, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useNavigate } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { CITY_STATUSES, REGIONS, isOneOf } from '../../lib/enums';
import { ClusterSelect, CountrySelect, EnumSelect, useCountries } from '../../ui/fields';
import { FormModal } from '../../ui/form-modal';
import { StatusBadge } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { FilterBar, SearchFilter } from '../../ui/filters';
import { PageHeader } from '../../ui/shell';
import { useSubmit } from '../../ui/submit';
import { PagedTable, useUrlFilters, type Column } from '../../ui/table';

const FILTERS = ['q', 'country', 'region', 'cluster', 'status'] as const;

function CreateCity({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const form = useProblemForm({
    name: '',
    country: null as string | null,
    status: 'member' as string | null,
    yearJoined: '' as string | number,
  });
  const submit = useSubmit(
    async () => {
      const v = form.values;
      const body: { name: string; country: string; status?: Schemas['City']['status']; yearJoined?: number } = {
        name: v.name,
        country: v.country ?? '',
      };
      if (isOneOf(CITY_STATUSES, v.status ?? undefined)) body.status = v.status as Schemas['City']['status'];
      if (v.yearJoined !== '') body.yearJoined = Number(v.yearJoined);
      return unwrap(await api.POST('/cities', { body }));
    },
    {
      form,
      invalidate: ['/cities'],
      success: t('cities.created'),
      close: onClose,
      onSuccess: (city) => void navigate(`/cities/${city.id}`),
    },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('cities.create')}
      submitLabel={t('action.create')}
      form={form}
      submit={submit}
    >
      <TextInput label={t('cities.name')} required {...form.text('name')} data-autofocus />
      <CountrySelect label={t('cities.country')} required {...form.field('country')} />
      <EnumSelect label={t('cities.status')} options={CITY_STATUSES} prefix="status" {...form.field('status')} />
      <NumberInput
        label={t('cities.yearJoined')}
        min={2013}
        max={2100}
        allowDecimal={false}
        {...form.field('yearJoined')}
      />
    </FormModal>
  );
}

export function Page() {
  const { t } = useI18n();
  const { filters, all, setFilter, page, setPage, limit, offset } = useUrlFilters(FILTERS);
  const [opened, { open, close }] = useDisclosure(false);
  const { names } = useCountries();
  const query: Record<string, unknown> = { ...filters, limit, offset };
  if (!isOneOf(REGIONS, filters.region)) delete query.region;
  if (!isOneOf(CITY_STATUSES, filters.status)) delete query.status;
  const cities = useApi('/cities', { params: { query: query as never } });

  const columns: Column<Schemas['City']>[] = [
    {
      key: 'name',
      header: t('cities.name'),
      cell: (c) => (
        <Anchor component={Link} to={`/cities/${c.id}`}>
          {c.name}
        </Anchor>
      ),
    },
    { key: 'country', header: t('cities.country'), cell: (c) => names.get(c.country) ?? c.country },
    { key: 'status', header: t('cities.status'), cell: (c) => <StatusBadge value={c.status} /> },
    { key: 'year', header: t('cities.yearJoined'), cell: (c) => c.yearJoined ?? '—' },
  ];

  return (
    <>
      <PageHeader title={t('cities.title')} actions={<Button onClick={open}>{t('cities.create')}</Button>} />
      <FilterBar align="flex-end" wrap="wrap" gap="sm">
        <SearchFilter value={all.q} onChange={(v) => setFilter('q', v)} w={{ base: '100%', sm: 220 }} />
        <CountrySelect
          label={t('cities.country')}
          value={all.country}
          onChange={(v) => setFilter('country', v)}
          w={{ base: '100%', sm: 200 }}
        />
        <EnumSelect
          label={t('countries.region')}
          options={REGIONS}
          prefix="region"
          clearable
          value={all.region}
          onChange={(v) => setFilter('region', v)}
          w={{ base: '100%', sm: 200 }}
        />
        <ClusterSelect
          label={t('cities.cluster')}
          value={all.cluster}
          onChange={(v) => setFilter('cluster', v)}
          w={{ base: '100%', sm: 200 }}
        />
        <EnumSelect
          label={t('cities.status')}
          options={CITY_STATUSES}
          prefix="status"
          clearable
          value={all.status}
          onChange={(v) => setFilter('status', v)}
          w={{ base: '100%', sm: 160 }}
        />
      </FilterBar>
      <PagedTable
        query={cities}
        columns={columns}
        rowKey={(c) => c.id}
        caption={t('cities.title')}
        page={page}
        setPage={setPage}
        emptyTitle={t('cities.none')}
      />
      <CreateCity opened={opened} onClose={close} />
    </>
  );
}
