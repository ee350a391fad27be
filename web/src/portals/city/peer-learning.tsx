// Peer learning as a member city uses it: search (words, cluster, kind, the own city's entries),
// read an entry, and submit one (success, challenge, practice, material) for the own city.
import { Anchor, Badge, Button, Card, Checkbox, Group, Select, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useParams } from 'react-router';
import { type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { PEER_KINDS, isOneOf } from '../../lib/enums';
import { EnumSelect } from '../../ui/fields';
import { FilterBar, SearchFilter } from '../../ui/filters';
import { DateText } from '../../ui/format';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { PageFooter, useUrlFilters } from '../../ui/table';
import { useMyCity } from './context';
import { AddEntry } from '../../pages/peer-learning/add-entry';
import { PeerEntryCard } from '../../pages/peer-learning/entry-card';

type Kind = Schemas['PeerLearningEntry']['kind'];

export function Page() {
  const { t } = useI18n();
  const { cityId, clusters } = useMyCity();
  const { filters, all, setFilter, page, setPage, limit, offset } = useUrlFilters([
    'q',
    'cluster',
    'kind',
    'mine',
  ] as const);
  const [opened, { open, close }] = useDisclosure(false);
  const query: { limit: number; offset: number; q?: string; cluster?: string; kind?: Kind; city?: string } = {
    limit,
    offset,
  };
  if (filters.q) query.q = filters.q;
  if (filters.cluster) query.cluster = filters.cluster;
  if (isOneOf(PEER_KINDS, filters.kind)) query.kind = filters.kind;
  if (filters.mine && cityId) query.city = cityId;
  const entries = useApi('/peer-learning', { params: { query } });
  return (
    <>
      <PageHeader
        title={t('peer.title')}
        actions={clusters.length > 0 && <Button onClick={open}>{t('city.peer.add')}</Button>}
      />
      <FilterBar wrap="wrap">
        <SearchFilter value={all.q} onChange={(v) => setFilter('q', v)} />
        <Select
          label={t('workshops.cluster')}
          data={clusters}
          clearable
          value={all.cluster ?? null}
          onChange={(v) => setFilter('cluster', v)}
          w={{ base: '100%', sm: 200 }}
        />
        <EnumSelect
          label={t('peer.kind')}
          options={PEER_KINDS}
          prefix="peerKind"
          clearable
          value={all.kind}
          onChange={(v) => setFilter('kind', v)}
          w={{ base: '100%', sm: 180 }}
        />
        <Checkbox
          label={t('city.peer.mine')}
          checked={!!all.mine}
          onChange={(e) => setFilter('mine', e.currentTarget.checked ? '1' : null)}
          mt={24}
        />
      </FilterBar>
      <QueryState query={entries}>
        {(d) =>
          d.items.length === 0 ? (
            <EmptyState title={t('peer.none')} description={t('state.emptyFilters')} />
          ) : (
            <Stack>
              {d.items.map((e) => (
                <PeerEntryCard key={e.id} entry={e} href={`/city/peer-learning/${e.id}`} />
              ))}
              <PageFooter data={d} page={page} setPage={setPage} />
            </Stack>
          )
        }
      </QueryState>
      <AddEntry opened={opened} onClose={close} title={t('city.peer.add')} clusters={clusters} />
    </>
  );
}

/** One entry, in full. */
export function EntryPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const entry = useApi('/peer-learning/{id}', { params: { path: { id } } });
  return (
    <QueryState query={entry}>
      {(e) => (
        <>
          <PageHeader title={e.title}>
            <Group gap="xs" mt={4}>
              <Badge variant="light">{t(`peerKind.${e.kind}`)}</Badge>
              <Badge variant="outline" color="gray">
                {e.cluster}
              </Badge>
              <Anchor component={Link} to="/city/peer-learning" size="sm">
                {t('city.peer.back')}
              </Anchor>
            </Group>
          </PageHeader>
          <Card withBorder>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {e.body}
            </Text>
            <Text size="xs" c="dimmed" mt="sm">
              <DateText value={e.createdAt} /> {e.tags.length > 0 && `· ${e.tags.join(', ')}`}
            </Text>
          </Card>
        </>
      )}
    </QueryState>
  );
}
