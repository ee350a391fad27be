// My pledges: every pledge of the reader's donor, its stage, what was pledged and received (with
// the USD value) and the next instalment due.
import { Anchor, Button, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { DateText, Money, StatusBadge } from '../../ui/format';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { DataTable, PageFooter, useUrlFilters, type Column } from '../../ui/table';
import { ForDonor } from './donor';
import { optionLabel } from './labels';

type Pledge = Schemas['Pledge'];

function nextDue(p: Pledge) {
  return p.instalments.find((i) => i.status === 'scheduled' || i.status === 'due' || i.status === 'overdue');
}

function Pledges({ donorId }: { donorId: string }) {
  const { t } = useI18n();
  const { page, setPage, limit, offset } = useUrlFilters([]);
  const pledges = useApi('/donors/{id}/pledges', { params: { path: { id: donorId }, query: { limit, offset } } });
  const columns: Column<Pledge>[] = [
    {
      key: 'option',
      header: t('pledges.fundingOption'),
      cell: (p) => (
        <Anchor component={Link} to={`/donor/pledges/${p.id}`}>
          {optionLabel(t, p)}
        </Anchor>
      ),
    },
    { key: 'biennium', header: t('funding.biennium'), cell: (p) => p.biennium },
    { key: 'kind', header: t('pledges.kind'), cell: (p) => t(`pledgeKind.${p.kind}`) },
    { key: 'status', header: t('pledges.status'), cell: (p) => <StatusBadge value={p.status} /> },
    {
      key: 'amount',
      header: t('pledges.amount'),
      cell: (p) =>
        p.amount ? (
          <Money value={p.amount.value} currency={p.amount.currency} usd={p.totals.usd.pledged} />
        ) : p.valuation?.amount ? (
          <Money value={p.valuation.amount.value} currency={p.valuation.amount.currency} />
        ) : (
          '—'
        ),
    },
    {
      key: 'received',
      header: t('funding.received'),
      cell: (p) =>
        p.amount ? <Money value={p.totals.received} currency={p.amount.currency} usd={p.totals.usd.received} /> : '—',
    },
    {
      key: 'next',
      header: t('donor.nextDue'),
      cell: (p) => {
        const i = nextDue(p);
        return i ? (
          <Text size="sm" component="span">
            <DateText value={i.due} /> · <Money value={i.outstanding} currency={p.amount?.currency} />
          </Text>
        ) : (
          '—'
        );
      },
    },
  ];
  return (
    <QueryState query={pledges}>
      {(data) =>
        data.items.length === 0 ? (
          <EmptyState
            title={t('donor.noPledges')}
            action={
              <Button component={Link} to="/donor/offer">
                {t('donor.offer.title')}
              </Button>
            }
          />
        ) : (
          <>
            <DataTable
              rows={data.items}
              columns={columns}
              rowKey={(p) => p.id}
              caption={t('portal.donor.home')}
              busy={pledges.isPlaceholderData}
            />
            <PageFooter data={data} page={page} setPage={setPage} />
          </>
        )
      }
    </QueryState>
  );
}

export function Page() {
  const t = useI18n().t;
  return (
    <>
      <PageHeader
        title={t('portal.donor.home')}
        actions={
          <Group gap="xs">
            <Button component={Link} to="/donor/offer">
              {t('donor.offer.title')}
            </Button>
            <Button component={Link} to="/donor/statement" variant="default">
              {t('donor.statement.title')}
            </Button>
          </Group>
        }
      >
        <Text size="sm">{t('donor.homeIntro')}</Text>
      </PageHeader>
      <ForDonor>{(id) => <Pledges donorId={id} />}</ForDonor>
    </>
  );
}
