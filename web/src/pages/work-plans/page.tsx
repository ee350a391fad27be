// A cluster's work plan for a biennium: its outputs and targets, version by version.
import { Select, Text } from '@mantine/core';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { ClusterSelect } from '../../ui/fields';
import { DateText } from '../../ui/format';
import { FilterBar } from '../../ui/filters';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { DataTable, useUrlFilters, type Column } from '../../ui/table';
import type { Schemas } from '../../api/client';

type Output = NonNullable<Schemas['WorkPlan']['current']>['outputs'][number];

function Plan({ code, biennium }: { code: string; biennium: string }) {
  const { t } = useI18n();
  const plan = useApi(
    '/clusters/{code}/phases/{biennium}/workplan',
    { params: { path: { code, biennium } } },
    { retry: false },
  );
  const columns: Column<Output>[] = [
    { key: 'key', header: t('workPlans.key'), cell: (o) => o.key },
    { key: 'title', header: t('workPlans.output'), cell: (o) => o.title },
    { key: 'target', header: t('workPlans.target'), cell: (o) => `${o.target.value} ${o.target.unit}` },
    { key: 'due', header: t('workPlans.due'), cell: (o) => <DateText value={o.due} /> },
  ];
  if (plan.error?.status === 404) return <EmptyState title={t('workPlans.noPlan')} />;
  return (
    <QueryState query={plan}>
      {(p) =>
        !p.current ? (
          <EmptyState title={t('workPlans.noPlan')} />
        ) : (
          <>
            <Text size="sm" mb="xs">
              {t('workPlans.version', { n: p.current.version })} · <DateText value={p.current.createdAt} time />
            </Text>
            <DataTable
              rows={p.current.outputs}
              columns={columns}
              rowKey={(o) => o.key}
              caption={t('workPlans.title')}
            />
          </>
        )
      }
    </QueryState>
  );
}

export function Page() {
  const { t } = useI18n();
  const { all, setFilter } = useUrlFilters(['cluster', 'biennium'] as const);
  const phases = useApi(
    '/clusters/{code}/phases',
    { params: { path: { code: all.cluster ?? '' } } },
    { enabled: !!all.cluster },
  );
  const biennia = (phases.data?.items ?? []).map((p) => p.biennium);
  return (
    <>
      <PageHeader title={t('workPlans.title')} />
      <FilterBar wrap="wrap">
        <ClusterSelect
          label={t('workshops.cluster')}
          activeOnly
          value={all.cluster}
          onChange={(v) => setFilter('cluster', v)}
          w={{ base: '100%', sm: 260 }}
        />
        <Select
          label={t('funding.biennium')}
          data={biennia}
          value={all.biennium ?? null}
          onChange={(v) => setFilter('biennium', v)}
          disabled={!all.cluster}
          w={{ base: '100%', sm: 180 }}
        />
      </FilterBar>
      {all.cluster && all.biennium ? (
        <Plan code={all.cluster} biennium={all.biennium} />
      ) : (
        <EmptyState title={t('workPlans.choose')} />
      )}
    </>
  );
}
