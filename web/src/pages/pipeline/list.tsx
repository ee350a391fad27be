// The partner pipeline (GET /partner-inquiries, confirmation in the URL): inquiries from the public
// page, in discussion, with whether their contact confirmed the e-mail and the prospect donor's log.
import { Anchor, Badge, Card, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { useApi, type GetQuery } from '../../api/query';
import { useI18n, type MessageKey } from '../../i18n';
import { DateText, StatusBadge } from '../../ui/format';
import { EnumSelect } from '../../ui/fields';
import { FilterBar } from '../../ui/filters';
import { PageHeader } from '../../ui/shell';
import { PagedTable, useUrlFilters, type Column } from '../../ui/table';

type Item = Schemas['PartnerInquiry'];
const CONFIRMED = ['true', 'false'] as const;
const COLOURS = { confirmed: 'green', pending: 'yellow', expired: 'gray' } as const;

export function Page() {
  const { t } = useI18n();
  const { all, setFilter, page, setPage, limit, offset } = useUrlFilters(['confirmed'] as const);
  const query: GetQuery<'/partner-inquiries'> = { limit, offset, status: 'in_discussion' };
  if (all.confirmed === 'true' || all.confirmed === 'false') query.confirmed = all.confirmed;
  const inquiries = useApi('/partner-inquiries', { params: { query } });
  const columns: Column<Item>[] = [
    {
      key: 'organisation',
      header: t('pipeline.organisation'),
      cell: (i) => (
        <>
          <Text size="sm" fw={500}>
            {i.organisation}
          </Text>
          <Text size="xs">
            {t(`donorType.${i.donorType}` as MessageKey)} · {i.country}
          </Text>
        </>
      ),
    },
    {
      key: 'contact',
      header: t('pipeline.contact'),
      cell: (i) => (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {i.contact.name} ({i.contact.email})
        </Text>
      ),
    },
    {
      key: 'interest',
      header: t('pipeline.interest'),
      cell: (i) => i.interest.map((o) => t(`fundingOption.${o}` as MessageKey)).join(', '),
    },
    {
      key: 'status',
      header: t('lists.status'),
      cell: (i) => <StatusBadge value={i.status} style={{ minWidth: 'max-content' }} />,
    },
    {
      key: 'confirmation',
      header: t('pipeline.confirmation'),
      cell: (i) => (
        <Badge variant="light" color={COLOURS[i.confirmation]} style={{ minWidth: 'max-content' }}>
          {t(`pipeline.confirmation.${i.confirmation}` as MessageKey)}
        </Badge>
      ),
    },
    { key: 'received', header: t('pipeline.received'), cell: (i) => <DateText value={i.createdAt} /> },
    {
      key: 'donor',
      header: t('pipeline.donor'),
      cell: (i) =>
        i.donorId ? (
          <Anchor
            component={Link}
            to={`/donors/${i.donorId}`}
            aria-label={`${t('pipeline.openDonor')}: ${i.organisation}`}
          >
            {t('pipeline.openDonor')}
          </Anchor>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <>
      <PageHeader title={t('pipeline.title')} />
      <Card withBorder mb="md">
        <Text size="sm">{t('pipeline.intro')}</Text>
      </Card>
      <FilterBar wrap="wrap">
        <EnumSelect
          label={t('pipeline.filter.confirmed')}
          options={CONFIRMED}
          prefix="pipeline.filter"
          clearable
          value={all.confirmed}
          onChange={(v) => setFilter('confirmed', v)}
          w={{ base: '100%', sm: 200 }}
        />
      </FilterBar>
      <PagedTable
        query={inquiries}
        columns={columns}
        rowKey={(i) => i.id}
        caption={t('pipeline.all')}
        page={page}
        setPage={setPage}
        emptyTitle={t('pipeline.none')}
      />
    </>
  );
}
