// The city portal's first page: the clusters the city is represented in, each with its
// coordinators and anything open now (an election), and links to the cluster's page.
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useApi } from '../../api/query';
import { useT } from '../../i18n';
import { DateText, StatusBadge } from '../../ui/format';
import { PageHeader } from '../../ui/shell';
import { EmptyState, LoadingState } from '../../ui/states';
import { useMemberNames, useMyCity } from './context';

function ClusterCard({ code, cityId }: { code: string; cityId: string | null }) {
  const t = useT();
  const cluster = useApi('/clusters/{code}', { params: { path: { code } } });
  const terms = useApi('/clusters/{code}/coordinators', { params: { path: { code } } });
  const elections = useApi('/elections', { params: { query: { cluster: code, limit: 5 } } });
  const { names } = useMemberNames(code);
  const current = (terms.data?.items ?? []).filter((x) => x.current);
  const open = (elections.data?.items ?? []).filter((e) =>
    ['nominating', 'voting', 'awaiting_tie_break'].includes(e.status),
  );
  return (
    <Card withBorder component="article" aria-labelledby={`cluster-${code}`}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={`cluster-${code}`}>
          <Anchor component={Link} to={`/city/clusters/${code}`}>
            {cluster.data?.name ?? code}
          </Anchor>
        </Title>
        <Text size="sm" c="dimmed">
          {code} · {t('clusters.memberCount', { count: cluster.data?.members ?? 0 })}
        </Text>
        <Text size="sm" fw={600}>
          {t('clusters.coordinators')}
        </Text>
        {current.length === 0 ? (
          <Text size="sm">{t('clusters.noCoordinators')}</Text>
        ) : (
          current.map((c) => (
            <Group key={c.cityId} gap="xs">
              <Text size="sm">{names.get(c.cityId) ?? c.cityId}</Text>
              {c.cityId === cityId && <Badge variant="light">{t('city.you')}</Badge>}
              <Text size="xs" c="dimmed">
                {t('overview.termEnds')} <DateText value={c.termEnd} />
              </Text>
            </Group>
          ))
        )}
        {open.map((e) => (
          <Group key={e.id} gap="xs">
            <StatusBadge value={e.status} />
            <Anchor component={Link} to={`/city/elections/${e.id}`} size="sm">
              {t('elections.name', { cluster: e.cluster, term: e.termStart.slice(0, 4) })}
            </Anchor>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

export function Page() {
  const t = useT();
  const { cityId, clusters, ready } = useMyCity();
  const city = useApi('/cities/{id}', { params: { path: { id: cityId ?? '' } } }, { enabled: !!cityId });
  return (
    <>
      <PageHeader title={t('portal.city.home')}>
        {city.data && (
          <Text size="sm" c="dimmed">
            {t('city.actingFor', { city: city.data.name })}
          </Text>
        )}
      </PageHeader>
      {!ready ? (
        <LoadingState />
      ) : clusters.length === 0 ? (
        <EmptyState title={t('city.noClusters')} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {clusters.map((code) => (
            <ClusterCard key={code} code={code} cityId={cityId} />
          ))}
        </SimpleGrid>
      )}
    </>
  );
}
