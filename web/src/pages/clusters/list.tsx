import { Anchor, Button } from '@mantine/core';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { CLUSTER_STATUSES, isOneOf } from '../../lib/enums';
import { EnumSelect } from '../../ui/fields';
import { StatusBadge } from '../../ui/format';
import { FilterBar } from '../../ui/filters';
import { PageHeader } from '../../ui/shell';
import { PagedTable, useUrlFilters, type Column } from '../../ui/table';

export function Page() {
  const { t } = useI18n();
  const { filters, all, setFilter, page, setPage, limit, offset } = useUrlFilters(['status'] as const);
  const query: { limit: number; offset: number; status?: 'active' | 'retired' } = { limit, offset };
  if (isOneOf(CLUSTER_STATUSES, filters.status)) query.status = filters.status;
  const clusters = useApi('/clusters', { params: { query } });
  const columns: Column<Schemas['Cluster']>[] = [
    { key: 'code', header: t('clusters.code'), cell: (c) => c.code },
    {
      key: 'name',
      header: t('clusters.name'),
      cell: (c) => (
        <Anchor component={Link} to={`/clusters/${c.code}`}>
          {c.name}
        </Anchor>
      ),
    },
    { key: 'period', header: t('clusters.period'), cell: (c) => c.period },
    { key: 'status', header: t('clusters.status'), cell: (c) => <StatusBadge value={c.status} /> },
    { key: 'members', header: t('clusters.members'), cell: (c) => c.members },
    {
      key: 'lineage',
      header: t('clusters.lineage'),
      cell: (c) => (c.successor ? t('clusters.succeededBy', { code: c.successor }) : c.predecessors.join(', ') || '—'),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('clusters.title')}
        actions={
          <Button component={Link} to="/clusters/restructure" variant="default">
            {t('restructuring.open')}
          </Button>
        }
      />
      <FilterBar>
        <EnumSelect
          label={t('clusters.status')}
          options={CLUSTER_STATUSES}
          prefix="status"
          clearable
          value={all.status}
          onChange={(v) => setFilter('status', v)}
          w={200}
        />
      </FilterBar>
      <PagedTable
        query={clusters}
        columns={columns}
        rowKey={(c) => c.code}
        caption={t('clusters.title')}
        page={page}
        setPage={setPage}
      />
    </>
  );
}
