// Every cluster's work plan outputs for a biennium on one page, by due date: status, progress toward
// the target, a link to the cluster's work plan and each output's history (its progress entries).
// A list of cards, so it reads the same at phone width (no sideways scroll). Filters in the URL.
import { Anchor, Badge, Group, Select, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { currentBiennium } from '../../lib/biennium';
import { ClusterSelect } from '../../ui/fields';
import { OutputCard } from '../../ui/output-history';
import { FilterBar } from '../../ui/filters';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { useUrlFilters } from '../../ui/table';

type Output = Schemas['WorkPlanOutput'];
const STATUSES = ['late', 'at_risk', 'on_track', 'done'] as const;

/** Every biennium a phase may have, newest first: one starting each year from 2019 to next year. */
function biennia(): string[] {
  const out: string[] = [];
  for (let y = new Date().getUTCFullYear() + 1; y >= 2019; y--) out.push(`${y}-${y + 2}`);
  return out;
}

function TimelineOutput({ output, clusterName }: { output: Output; clusterName: string | undefined }) {
  const { t, f } = useI18n();
  return (
    <OutputCard
      output={output}
      details={
        <Group gap="xs" wrap="wrap">
          <Badge variant="outline" color="gray" title={clusterName}>
            {output.cluster}
          </Badge>
          <Text size="sm">{t('outputs.due', { date: f.date(output.due) })}</Text>
        </Group>
      }
      actions={
        <Anchor
          component={Link}
          to={`/work-plans?cluster=${encodeURIComponent(output.cluster)}&biennium=${encodeURIComponent(output.biennium)}`}
          size="sm"
        >
          {t('outputs.workPlan', { cluster: output.cluster })}
        </Anchor>
      }
    />
  );
}

export function Page() {
  const { t } = useI18n();
  const { all, setFilter } = useUrlFilters(['biennium', 'cluster', 'status'] as const);
  const biennium = all.biennium ?? currentBiennium();
  const status = STATUSES.find((s) => s === all.status);
  const timeline = useApi('/work-plans/outputs/timeline', {
    params: {
      query: { biennium, ...(all.cluster ? { cluster: all.cluster } : {}), ...(status ? { status } : {}) },
    },
  });
  const clusters = useApi('/clusters', { params: { query: { status: 'active' } } }, { staleTime: 3_600_000 });
  const names = new Map((clusters.data?.items ?? []).map((c) => [c.code, c.name]));
  return (
    <>
      <PageHeader title={t('outputs.title')}>
        <Text size="sm" c="dimmed">
          {t('outputs.intro')}
        </Text>
      </PageHeader>
      <FilterBar wrap="wrap">
        <Select
          label={t('outputs.biennium')}
          data={biennia()}
          value={biennium}
          allowDeselect={false}
          onChange={(v) => setFilter('biennium', v)}
          w={{ base: '100%', sm: 180 }}
        />
        <ClusterSelect
          label={t('outputs.cluster')}
          placeholder={t('outputs.allClusters')}
          activeOnly
          value={all.cluster}
          onChange={(v) => setFilter('cluster', v)}
          w={{ base: '100%', sm: 260 }}
        />
        <Select
          label={t('outputs.status')}
          placeholder={t('outputs.allStatuses')}
          clearable
          data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={status ?? null}
          onChange={(v) => setFilter('status', v)}
          w={{ base: '100%', sm: 200 }}
        />
      </FilterBar>
      <QueryState query={timeline}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('outputs.none')} description={t('outputs.noneHint')} />
          ) : (
            <section aria-label={t('outputs.list')}>
              <Text size="sm" c="dimmed" mb="xs" aria-live="polite">
                {t('outputs.count', { n: data.items.length })}
              </Text>
              <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
                {data.items.map((o) => (
                  <TimelineOutput
                    key={`${o.cluster}:${o.biennium}:${o.key}`}
                    output={o}
                    clusterName={names.get(o.cluster)}
                  />
                ))}
              </Stack>
            </section>
          )
        }
      </QueryState>
    </>
  );
}
