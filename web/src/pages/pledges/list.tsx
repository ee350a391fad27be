// All pledges across donors (GET /pledges), every filter and the order in the URL (shareable).
import { Anchor, Badge, Select } from '@mantine/core';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { useApi, type GetQuery } from '../../api/query';
import { useI18n } from '../../i18n';
import { bienniaAround, currentBiennium } from '../../lib/biennium';
import { DONOR_TYPES, FUNDING_OPTIONS, PLEDGE_STATUSES, isOneOf } from '../../lib/enums';
import { DonorSelect, EnumSelect } from '../../ui/fields';
import { DateText, Money, StatusBadge } from '../../ui/format';
import { FilterBar } from '../../ui/filters';
import { PageHeader } from '../../ui/shell';
import { PagedTable, useUrlFilters, type Column } from '../../ui/table';

type Item = Schemas['PledgeListItem'];

const FILTERS = ['status', 'fundingOption', 'biennium', 'donor', 'donorType', 'overdue', 'sort'] as const;
const SORTS = ['newest', 'next_due'] as const;
const FLAGS = ['true', 'false'] as const;
const BIENNIUM = /^\d{4}-\d{4}$/;

export function Page() {
  const { t } = useI18n();
  const { all, setFilter, page, setPage, limit, offset } = useUrlFilters(FILTERS);
  // Only well-formed values reach the API: a hand-edited URL shows the unfiltered list, not an error.
  const query: GetQuery<'/pledges'> = { limit, offset };
  if (isOneOf(PLEDGE_STATUSES, all.status)) query.status = all.status;
  if (isOneOf(FUNDING_OPTIONS, all.fundingOption)) query.fundingOption = all.fundingOption;
  if (all.biennium && BIENNIUM.test(all.biennium)) query.biennium = all.biennium;
  if (all.donor) query.donorId = all.donor;
  if (isOneOf(DONOR_TYPES, all.donorType)) query.donorType = all.donorType;
  if (isOneOf(FLAGS, all.overdue)) query.overdue = all.overdue;
  if (isOneOf(SORTS, all.sort)) query.sort = all.sort;
  const pledges = useApi('/pledges', { params: { query } });

  const columns: Column<Item>[] = [
    {
      key: 'pledge',
      header: t('pledges.pledge'),
      cell: (p) => (
        <Anchor component={Link} to={`/pledges/${p.id}`}>
          {t(`fundingOption.${p.fundingOption}`)} · {p.biennium}
        </Anchor>
      ),
    },
    {
      key: 'donor',
      header: t('pledges.donor'),
      cell: (p) => (
        <Anchor component={Link} to={`/donors/${p.donor.id}`}>
          {p.donor.name}
        </Anchor>
      ),
    },
    { key: 'status', header: t('pledges.status'), cell: (p) => <StatusBadge value={p.status} /> },
    {
      key: 'amount',
      header: t('pledges.amount'),
      cell: (p) => <Money value={p.amount?.value} currency={p.amount?.currency} usd={p.usd.pledged} />,
    },
    {
      key: 'received',
      header: t('funding.received'),
      cell: (p) => <Money value={p.received?.value} currency={p.received?.currency} usd={p.usd.received} />,
    },
    {
      key: 'outstanding',
      header: t('funding.outstanding'),
      cell: (p) => <Money value={p.outstanding?.value} currency={p.outstanding?.currency} usd={p.usd.outstanding} />,
    },
    {
      key: 'nextDue',
      header: t('lists.pledges.nextDue'),
      cell: (p) =>
        p.nextDue ? (
          <>
            <DateText value={p.nextDue} />{' '}
            {p.overdue && (
              <Badge color="red" variant="light">
                {t('status.overdue')}
              </Badge>
            )}
          </>
        ) : (
          '—'
        ),
    },
  ];
  const w = { base: '100%', sm: 200 } as const;
  return (
    <>
      <PageHeader title={t('pledges.title')} />
      <FilterBar wrap="wrap">
        <EnumSelect
          label={t('pledges.status')}
          options={PLEDGE_STATUSES}
          prefix="status"
          clearable
          value={all.status}
          onChange={(v) => setFilter('status', v)}
          w={w}
        />
        <EnumSelect
          label={t('pledges.fundingOption')}
          options={FUNDING_OPTIONS}
          prefix="fundingOption"
          clearable
          value={all.fundingOption}
          onChange={(v) => setFilter('fundingOption', v)}
          w={w}
        />
        <Select
          label={t('lists.pledges.biennium')}
          data={bienniaAround(currentBiennium(), 3, 1)}
          clearable
          value={all.biennium ?? null}
          onChange={(v) => setFilter('biennium', v)}
          w={{ base: '100%', sm: 150 }}
        />
        <DonorSelect
          label={t('pledges.donor')}
          value={all.donor}
          onChange={(v) => setFilter('donor', v)}
          w={{ base: '100%', sm: 240 }}
        />
        <EnumSelect
          label={t('lists.pledges.donorType')}
          options={DONOR_TYPES}
          prefix="donorType"
          clearable
          value={all.donorType}
          onChange={(v) => setFilter('donorType', v)}
          w={w}
        />
        <EnumSelect
          label={t('lists.pledges.overdue')}
          options={FLAGS}
          prefix="lists.pledges.overdue"
          clearable
          value={all.overdue}
          onChange={(v) => setFilter('overdue', v)}
          w={{ base: '100%', sm: 170 }}
        />
        <EnumSelect
          label={t('lists.pledges.sort')}
          options={SORTS}
          prefix="lists.pledges.sort"
          allowDeselect={false}
          value={all.sort ?? 'newest'}
          onChange={(v) => setFilter('sort', v === 'newest' ? null : v)}
          w={w}
        />
      </FilterBar>
      <PagedTable
        query={pledges}
        columns={columns}
        rowKey={(p) => p.id}
        caption={t('pledges.title')}
        page={page}
        setPage={setPage}
        emptyTitle={t('lists.pledges.none')}
      />
    </>
  );
}
