// The elections of the city's clusters, open ones first, each linking to its page (nominate,
// accept, vote, results).
import { Anchor, Stack } from '@mantine/core';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { DateText, StatusBadge } from '../../ui/format';
import { PageHeader } from '../../ui/shell';
import { EmptyState, LoadingState } from '../../ui/states';
import { DataTable, type Column } from '../../ui/table';
import { isOpen, nextDeadline } from '../../pages/elections/deadline';
import { useMyCity } from './context';
import { Section } from './facts';

type Election = Schemas['Election'];

function ClusterElections({ code }: { code: string }) {
  const { t } = useI18n();
  const elections = useApi('/elections', { params: { query: { cluster: code, limit: 20 } } });
  const columns: Column<Election>[] = [
    {
      key: 'name',
      header: t('elections.election'),
      cell: (e) => (
        <Anchor component={Link} to={`/city/elections/${e.id}`}>
          {t('elections.name', { cluster: e.cluster, term: e.termStart.slice(0, 4) })}
        </Anchor>
      ),
    },
    { key: 'status', header: t('elections.status'), cell: (e) => <StatusBadge value={e.status} /> },
    { key: 'next', header: t('elections.nextDeadline'), cell: (e) => <DateText value={nextDeadline(e)} time /> },
    {
      key: 'ballot',
      header: t('city.ballot.mine'),
      cell: (e) => (e.status === 'voting' ? (e.ownBallot ? t('city.ballot.cast') : t('city.ballot.notCast')) : '—'),
    },
  ];
  const rows = [...(elections.data?.items ?? [])].sort((a, b) => Number(isOpen(b)) - Number(isOpen(a)));
  return (
    <Section id={`elections-${code}`} title={code}>
      {elections.isPending ? (
        <LoadingState rows={2} />
      ) : rows.length === 0 ? (
        <EmptyState title={t('elections.none')} />
      ) : (
        <DataTable rows={rows} columns={columns} rowKey={(e) => e.id} caption={t('elections.title')} />
      )}
    </Section>
  );
}

export function Page() {
  const { t } = useI18n();
  const { clusters, ready } = useMyCity();
  return (
    <>
      <PageHeader title={t('elections.title')} />
      {!ready ? (
        <LoadingState />
      ) : (
        <Stack>
          {clusters.map((c) => (
            <ClusterElections key={c} code={c} />
          ))}
        </Stack>
      )}
      {ready && clusters.length === 0 && <EmptyState title={t('city.noClusters')} />}
    </>
  );
}
