// The peer-learning database: full-text search, cluster and kind in the URL; add an entry.
import { Badge, Button, Card, Group, Stack, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { PEER_KINDS, isOneOf } from '../../lib/enums';
import { ClusterSelect, EnumSelect } from '../../ui/fields';
import { FormModal } from '../../ui/form-modal';
import { DateText } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { useUrlFilters } from '../../ui/table';
import { Pagination } from '@mantine/core';

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
      onSuccess: () => {
        form.reset();
        onClose();
      },
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
  const [q, setQ] = useState(all.q ?? '');
  const pushQ = useDebouncedCallback((v: string) => setFilter('q', v), 300);
  return (
    <>
      <PageHeader title={t('peer.title')} actions={<Button onClick={open}>{t('peer.add')}</Button>} />
      <Group mb="md" wrap="wrap" role="search" aria-label={t('filters.label')}>
        <TextInput
          label={t('filters.search')}
          type="search"
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            pushQ(e.currentTarget.value);
          }}
          w={{ base: '100%', sm: 260 }}
        />
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
      </Group>
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
              <Group justify="space-between">
                <Text size="sm" c="dimmed">
                  {t('table.range', { from: d.offset + 1, to: d.offset + d.items.length, total: d.total })}
                </Text>
                {d.total > d.limit && (
                  <Pagination
                    total={Math.ceil(d.total / d.limit)}
                    value={page}
                    onChange={setPage}
                    size="sm"
                    getControlProps={(c) => ({ 'aria-label': t(`table.${c}`) })}
                    getItemProps={(n) => ({ 'aria-label': t('table.page', { n }) })}
                  />
                )}
              </Group>
            </Stack>
          )
        }
      </QueryState>
      <AddEntry opened={opened} onClose={close} />
    </>
  );
}
