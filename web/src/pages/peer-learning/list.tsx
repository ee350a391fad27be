// The peer-learning database: full-text search, cluster and kind in the URL; add an entry.
import { Button, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { PEER_KINDS, isOneOf } from '../../lib/enums';
import { ClusterSelect, EnumSelect } from '../../ui/fields';
import { FilterBar, SearchFilter } from '../../ui/filters';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { PageFooter, useUrlFilters } from '../../ui/table';
import { AddEntry } from './add-entry';
import { PeerEntryCard } from './entry-card';

export function Page() {
  const { t } = useI18n();
  const { filters, all, setFilter, page, setPage, limit, offset } = useUrlFilters(['q', 'cluster', 'kind'] as const);
  const [opened, { open, close }] = useDisclosure(false);
  const query: {
    limit: number;
    offset: number;
    q?: string;
    cluster?: string;
    kind?: Schemas['PeerLearningEntry']['kind'];
  } = { limit, offset };
  if (filters.q) query.q = filters.q;
  if (filters.cluster) query.cluster = filters.cluster;
  if (isOneOf(PEER_KINDS, filters.kind)) query.kind = filters.kind;
  const entries = useApi('/peer-learning', { params: { query } });
  return (
    <>
      <PageHeader title={t('peer.title')} actions={<Button onClick={open}>{t('peer.add')}</Button>} />
      <FilterBar wrap="wrap">
        <SearchFilter value={all.q} onChange={(v) => setFilter('q', v)} />
        <ClusterSelect
          label={t('workshops.cluster')}
          value={all.cluster}
          onChange={(v) => setFilter('cluster', v)}
          w={{ base: '100%', sm: 240 }}
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
      </FilterBar>
      <QueryState query={entries}>
        {(d) =>
          d.items.length === 0 ? (
            <EmptyState title={t('peer.none')} description={t('state.emptyFilters')} />
          ) : (
            <Stack>
              {d.items.map((e) => (
                <PeerEntryCard key={e.id} entry={e} />
              ))}
              <PageFooter data={d} page={page} setPage={setPage} />
            </Stack>
          )
        }
      </QueryState>
      <AddEntry opened={opened} onClose={close} title={t('peer.add')} />
    </>
  );
}
