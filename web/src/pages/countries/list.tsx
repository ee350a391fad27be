import type { Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { INCOME_GROUPS, REGIONS, isOneOf } from '../../lib/enums';
import { EnumSelect } from '../../ui/fields';
import { FilterBar } from '../../ui/filters';
import { PageHeader } from '../../ui/shell';
import { PagedTable, useUrlFilters, type Column } from '../../ui/table';

export function Page() {
  const { t } = useI18n();
  const { filters, all, setFilter, page, setPage, limit, offset } = useUrlFilters([
    'region',
    'incomeGroup',
    'ldc',
  ] as const);
  const query: {
    limit: number;
    offset: number;
    region?: Schemas['Country']['region'];
    incomeGroup?: Schemas['Country']['incomeGroup'];
    ldc?: 'true' | 'false';
  } = { limit, offset };
  if (isOneOf(REGIONS, filters.region)) query.region = filters.region;
  if (isOneOf(INCOME_GROUPS, filters.incomeGroup)) query.incomeGroup = filters.incomeGroup;
  if (filters.ldc === 'true' || filters.ldc === 'false') query.ldc = filters.ldc;
  const countries = useApi('/countries', { params: { query } });
  const columns: Column<Schemas['Country']>[] = [
    { key: 'code', header: t('countries.code'), cell: (c) => c.code },
    { key: 'name', header: t('countries.name'), cell: (c) => c.name },
    { key: 'region', header: t('countries.region'), cell: (c) => t(`region.${c.region}`) },
    { key: 'income', header: t('countries.incomeGroup'), cell: (c) => t(`income.${c.incomeGroup}`) },
    { key: 'ldc', header: t('countries.ldc'), cell: (c) => (c.ldc ? t('common.yes') : t('common.no')) },
  ];
  return (
    <>
      <PageHeader title={t('countries.title')} />
      <FilterBar wrap="wrap">
        <EnumSelect
          label={t('countries.region')}
          options={REGIONS}
          prefix="region"
          clearable
          value={all.region}
          onChange={(v) => setFilter('region', v)}
          w={{ base: '100%', sm: 220 }}
        />
        <EnumSelect
          label={t('countries.incomeGroup')}
          options={INCOME_GROUPS}
          prefix="income"
          clearable
          value={all.incomeGroup}
          onChange={(v) => setFilter('incomeGroup', v)}
          w={{ base: '100%', sm: 200 }}
        />
        <EnumSelect
          label={t('countries.ldc')}
          options={['true', 'false']}
          prefix="common.bool"
          clearable
          value={all.ldc}
          onChange={(v) => setFilter('ldc', v)}
          w={{ base: '100%', sm: 160 }}
        />
      </FilterBar>
      <PagedTable
        query={countries}
        columns={columns}
        rowKey={(c) => c.code}
        caption={t('countries.title')}
        page={page}
        setPage={setPage}
      />
    </>
  );
}
