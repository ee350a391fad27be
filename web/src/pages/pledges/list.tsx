// Pledges by donor (the API lists them per donor), with the status filter in the URL.
import type { Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { PLEDGE_STATUSES, isOneOf } from '../../lib/enums';
import { DonorSelect, EnumSelect } from '../../ui/fields';
import { DateText, Money, StatusBadge } from '../../ui/format';
import { FilterBar } from '../../ui/filters';
import { PageHeader } from '../../ui/shell';
import { EmptyState } from '../../ui/states';
import { PagedTable, useUrlFilters, type Column } from '../../ui/table';
import { PledgeLink } from './link';

function DonorPledgeTable({ donorId, status }: { donorId: string; status?: string }) {
  const { t } = useI18n();
  const { page, setPage, limit, offset } = useUrlFilters([] as const);
  const query: { limit: number; offset: number; status?: Schemas['Pledge']['status'] } = { limit, offset };
  if (isOneOf(PLEDGE_STATUSES, status)) query.status = status;
  const pledges = useApi('/donors/{id}/pledges', { params: { path: { id: donorId }, query } });
  const columns: Column<Schemas['Pledge']>[] = [
    { key: 'pledge', header: t('pledges.pledge'), cell: (p) => <PledgeLink pledge={p} /> },
    { key: 'kind', header: t('pledges.kind'), cell: (p) => t(`pledgeKind.${p.kind}`) },
    { key: 'status', header: t('pledges.status'), cell: (p) => <StatusBadge value={p.status} /> },
    { key: 'since', header: t('pledges.since'), cell: (p) => <DateText value={p.statusSince} time /> },
    {
      key: 'amount',
      header: t('pledges.amount'),
      cell: (p) => <Money value={p.amount?.value} currency={p.amount?.currency} usd={p.totals.usd.pledged} />,
    },
    {
      key: 'received',
      header: t('funding.received'),
      cell: (p) => <Money value={p.totals.received} currency={p.amount?.currency} usd={p.totals.usd.received} />,
    },
  ];
  return (
    <PagedTable
      query={pledges}
      columns={columns}
      rowKey={(p) => p.id}
      caption={t('pledges.title')}
      page={page}
      setPage={setPage}
      emptyTitle={t('pledges.none')}
    />
  );
}

export function Page() {
  const { t } = useI18n();
  const { all, setFilter } = useUrlFilters(['donor', 'status'] as const);
  return (
    <>
      <PageHeader title={t('pledges.title')} />
      <FilterBar wrap="wrap">
        <DonorSelect
          label={t('pledges.donor')}
          value={all.donor}
          onChange={(v) => setFilter('donor', v)}
          w={{ base: '100%', sm: 280 }}
        />
        <EnumSelect
          label={t('pledges.status')}
          options={PLEDGE_STATUSES}
          prefix="status"
          clearable
          value={all.status}
          onChange={(v) => setFilter('status', v)}
          w={{ base: '100%', sm: 220 }}
        />
      </FilterBar>
      {all.donor ? (
        <DonorPledgeTable donorId={all.donor} status={all.status} />
      ) : (
        <EmptyState title={t('pledges.chooseDonor')} />
      )}
    </>
  );
}
