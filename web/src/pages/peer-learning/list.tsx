// The peer-learning database: full-text search, cluster and kind in the URL; add an entry.
import { Badge, Button, Card, Group, Stack, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { PEER_KINDS, isOneOf } from '../../lib/enums';
import { ClusterSelect, EnumSelect } from '../../ui/fields';
import { FormModal } from '../../ui/form-modal';
import { DateText } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { FilterBar, SearchFilter } from '../../ui/filters';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { PageFooter, useUrlFilters } from '../../ui/table';

function AddEntry({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const form = useProblemForm({
    cluster: null as string | null,
    kind: 'practice' as string | null,
    title: '',
    body: '',
    tags: [] as string[],
  });
  const submit = useSubmit(
    async () =>
      unwrap(
        await api.POST('/peer-learning', {
          body: {
            cluster: form.values.cluster ?? '',
            kind: (form.values.kind ?? 'practice') as Schemas['PeerLearningEntry']['kind'],
            title: form.values.title,
            body: form.values.body,
            tags: form.values.tags,
          },
        }),
      ),
    {
      form,
      invalidate: ['/peer-learning'],
      success: t('peer.added'),
      close: onClose,
    },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('peer.add')}
      size="lg"
      submitLabel={t('peer.add')}
      form={form}
      submit={submit}
    >
      <ClusterSelect label={t('workshops.cluster')} activeOnly required {...form.field('cluster')} />
      <EnumSelect
        label={t('peer.kind')}
        options={PEER_KINDS}
        prefix="peerKind"
        allowDeselect={false}
        {...form.field('kind')}
      />
      <TextInput label={t('peer.titleField')} required {...form.text('title')} />
      <Textarea label={t('peer.body')} required autosize minRows={4} {...form.text('body')} />
      <TagsInput label={t('peer.tags')} description={t('clusters.expertiseHelp')} {...form.field('tags')} />
    </FormModal>
  );
}

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
                <Card withBorder key={e.id} component="article" aria-labelledby={`entry-${e.id}`}>
                  <Group justify="space-between" wrap="wrap">
                    <Text fw={700} id={`entry-${e.id}`}>
                      {e.title}
                    </Text>
                    <Group gap={4}>
                      <Badge variant="light">{t(`peerKind.${e.kind}`)}</Badge>
                      <Badge variant="outline" color="gray">
                        {e.cluster}
                      </Badge>
                    </Group>
                  </Group>
                  <Text size="sm" mt={4} lineClamp={4}>
                    {e.body}
                  </Text>
                  <Text size="xs" c="dimmed" mt={4}>
                    <DateText value={e.createdAt} /> {e.tags.length > 0 && `· ${e.tags.join(', ')}`}
                  </Text>
                </Card>
              ))}
              <PageFooter data={d} page={page} setPage={setPage} />
            </Stack>
          )
        }
      </QueryState>
      <AddEntry opened={opened} onClose={close} />
    </>
  );
}
