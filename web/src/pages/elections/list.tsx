import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { ELECTION_STATUSES, isOneOf } from '../../lib/enums';
import { ClusterSelect, EnumSelect } from '../../ui/fields';
import { DateText, StatusBadge } from '../../ui/format';
import { FilterBar } from '../../ui/filters';
import { PageHeader } from '../../ui/shell';
import { PagedTable, useUrlFilters, type Column } from '../../ui/table';
import { nextDeadline } from './deadline';

export function Page() {
  const { t } = useI18n();
  const { filters, all, setFilter, page, setPage, limit, offset } = useUrlFilters(['cluster', 'status'] as const);
  const query: { limit: number; offset: number; cluster?: string; status?: Schemas['Election']['status'] } = {
    limit,
    offset,
  };
  if (filters.cluster) query.cluster = filters.cluster;
  if (isOneOf(ELECTION_STATUSES, filters.status)) query.status = filters.status;
  const elections = useApi('/elections', { params: { query } }, { refetchInterval: 10_000 });
  const columns: Column<Schemas['Election']>[] = [
    {
      key: 'name',
      header: t('elections.election'),
      cell: (e) => (
        <Anchor component={Link} to={`/elections/${e.id}`}>
          {t('elections.name', { cluster: e.cluster, term: e.termStart.slice(0, 4) })}
        </Anchor>
      ),
    },
    { key: 'status', header: t('elections.status'), cell: (e) => <StatusBadge value={e.status} /> },
    { key: 'seats', header: t('elections.seats'), cell: (e) => e.seats },
    {
      key: 'term',
      header: t('elections.term'),
      cell: (e) => (
        <>
          <DateText value={e.termStart} /> – <DateText value={e.termEnd} />
        </>
      ),
    },
    { key: 'deadline', header: t('elections.nextDeadline'), cell: (e) => <DateText value={nextDeadline(e)} time /> },
    {
      key: 'turnout',
      header: t('elections.turnoutLabel'),
      cell: (e) => (e.turnout ? t('elections.turnout', { cast: e.turnout.cast, eligible: e.turnout.eligible }) : '—'),
    },
  ];
  return (
    <>
      <PageHeader title={t('elections.title')} />
      <FilterBar wrap="wrap">
        <ClusterSelect
          label={t('elections.cluster')}
          value={all.cluster}
          onChange={(v) => setFilter('cluster', v)}
          w={{ base: '100%', sm: 240 }}
        />
        <EnumSelect
          label={t('elections.status')}
          options={ELECTION_STATUSES}
          prefix="status"
          clearable
          value={all.status}
          onChange={(v) => setFilter('status', v)}
          w={{ base: '100%', sm: 200 }}
        />
      </FilterBar>
      <PagedTable
        query={elections}
        columns={columns}
        rowKey={(e) => e.id}
        caption={t('elections.title')}
        page={page}
        setPage={setPage}
        emptyTitle={t('elections.none')}
      />
    </>
  );
}
