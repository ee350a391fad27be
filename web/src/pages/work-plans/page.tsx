// A cluster's work plan for a biennium: its outputs and targets, version by version; edit it (a
// new version) and compare two versions.
import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { ClusterSelect } from '../../ui/fields';
import { DateText } from '../../ui/format';
import { FilterBar } from '../../ui/filters';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { DataTable, useUrlFilters, type Column } from '../../ui/table';
import type { Schemas } from '../../api/client';
import { EditPlan, useMemberNames } from './editor';
import { Versions } from './versions';

type Output = NonNullable<Schemas['WorkPlan']['current']>['outputs'][number];

function Plan({ code, biennium }: { code: string; biennium: string }) {
  const { t } = useI18n();
  const plan = useApi(
    '/clusters/{code}/phases/{biennium}/workplan',
    { params: { path: { code, biennium } } },
    { retry: false },
  );
  const { names } = useMemberNames(code);
  const [editing, edit] = useDisclosure(false);
  const columns: Column<Output>[] = [
    { key: 'key', header: t('workPlans.key'), cell: (o) => o.key },
    { key: 'title', header: t('workPlans.output'), cell: (o) => o.title },
    { key: 'target', header: t('workPlans.target'), cell: (o) => `${o.target.value} ${o.target.unit}` },
    { key: 'due', header: t('workPlans.due'), cell: (o) => <DateText value={o.due} /> },
    {
      key: 'owner',
      header: t('console.workPlan.owner'),
      cell: (o) => (o.ownerCityId ? (names.get(o.ownerCityId) ?? o.ownerCityId) : '—'),
    },
  ];
  // No phase for this biennium: nothing to plan (phases are opened with their inception workshop).
  if (plan.error?.status === 404) return <EmptyState title={t('console.workPlan.noPhase')} />;
  return (
    <QueryState query={plan}>
      {(p) => (
        <Stack>
          {!p.current ? (
            <EmptyState
              title={t('workPlans.noPlan')}
              action={<Button onClick={edit.open}>{t('console.workPlan.create')}</Button>}
            />
          ) : (
            <section aria-label={t('console.workPlan.current')}>
              <Group justify="space-between" mb="xs" wrap="wrap">
                <Text size="sm">
                  {t('workPlans.version', { n: p.current.version })} · <DateText value={p.current.createdAt} time />
                </Text>
                <Button onClick={edit.open}>{t('console.workPlan.edit')}</Button>
              </Group>
              <DataTable
                rows={p.current.outputs}
                columns={columns}
                rowKey={(o) => o.key}
                caption={t('workPlans.title')}
              />
            </section>
          )}
          {p.versions.length > 0 && <Versions key={p.versions[0]?.version} versions={p.versions} names={names} />}
          {editing && (
            <EditPlan
              code={code}
              biennium={biennium}
              outputs={p.current?.outputs ?? []}
              opened={editing}
              onClose={edit.close}
            />
          )}
        </Stack>
      )}
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
