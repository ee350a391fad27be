import { Button, Card, Group, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { Money, StatusBadge } from '../../ui/format';
import { PagedTable, useUrlFilters, type Column } from '../../ui/table';
import { PledgeLink } from './link';
import { CreatePledge } from './create';

export function DonorPledges({ donorId }: { donorId: string }) {
  const { t } = useI18n();
  const { page, setPage, limit, offset } = useUrlFilters([] as const);
  const [opened, { open, close }] = useDisclosure(false);
  const pledges = useApi('/donors/{id}/pledges', { params: { path: { id: donorId }, query: { limit, offset } } });
  const columns: Column<Schemas['Pledge']>[] = [
    { key: 'pledge', header: t('pledges.pledge'), cell: (p) => <PledgeLink pledge={p} /> },
    { key: 'status', header: t('pledges.status'), cell: (p) => <StatusBadge value={p.status} /> },
    {
      key: 'amount',
      header: t('pledges.amount'),
      cell: (p) =>
        p.amount ? (
          <Money value={p.amount.value} currency={p.amount.currency} usd={p.totals.usd.pledged} />
        ) : (
          t(`pledgeKind.${p.kind}`)
        ),
    },
  ];
  return (
    <Card withBorder component="section" aria-labelledby="donor-pledges">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="donor-pledges">
          {t('pledges.title')}
        </Title>
        <Button size="xs" onClick={open}>
          {t('pledges.record')}
        </Button>
      </Group>
      <PagedTable
        query={pledges}
        columns={columns}
        rowKey={(p) => p.id}
        caption={t('pledges.title')}
        page={page}
        setPage={setPage}
        emptyTitle={t('pledges.none')}
      />
      <CreatePledge donorId={donorId} opened={opened} onClose={close} />
    </Card>
  );
}
