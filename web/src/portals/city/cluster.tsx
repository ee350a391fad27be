// One of the city's clusters: its members, coordinators and their terms, the work plan in force
// (with what its last version changed), the cluster's calendar and its expert group.
import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import type { Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { currentBiennium } from '../../lib/biennium';
import { DateText } from '../../ui/format';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { DataTable, type Column } from '../../ui/table';
import { useCoordinates, useMemberNames, useMyCity } from './context';
import { Section } from './facts';
import { EventList } from './events';
import { WorkPlanDiff, diffOutputs } from './work-plan-diff';

type Output = NonNullable<Schemas['WorkPlan']['current']>['outputs'][number];

/** The biennium whose plan is in force: the current one when its phase is open, else the latest phase. */
export function usePlanBiennium(code: string) {
  const phases = useApi('/clusters/{code}/phases', { params: { path: { code } } });
  const list = (phases.data?.items ?? []).map((p) => p.biennium).sort();
  const now = currentBiennium();
  return { biennium: list.includes(now) ? now : list[list.length - 1], phases };
}

function WorkPlan({ code, names, coordinator }: { code: string; names: Map<string, string>; coordinator: boolean }) {
  const { t } = useI18n();
  const { biennium, phases } = usePlanBiennium(code);
  const plan = useApi(
    '/clusters/{code}/phases/{biennium}/workplan',
    { params: { path: { code, biennium: biennium ?? '' } } },
    { enabled: !!biennium, retry: false },
  );
  const columns: Column<Output>[] = [
    { key: 'title', header: t('workPlans.output'), cell: (o) => o.title },
    { key: 'target', header: t('workPlans.target'), cell: (o) => `${o.target.value} ${o.target.unit}` },
    { key: 'due', header: t('workPlans.due'), cell: (o) => <DateText value={o.due} /> },
    {
      key: 'owner',
      header: t('city.plan.owner'),
      cell: (o) => (o.ownerCityId ? (names.get(o.ownerCityId) ?? o.ownerCityId) : '—'),
    },
  ];
  const edit = coordinator && biennium && (
    <Button component={Link} to={`/city/clusters/${code}/work-plan/${biennium}`} variant="light" size="xs">
      {t('city.plan.edit')}
    </Button>
  );
  return (
    <Section id="work-plan" title={t('city.plan.title')}>
      {phases.isPending ? null : !biennium ? (
        <EmptyState title={t('workPlans.noPlan')} />
      ) : (
        <QueryState query={plan}>
          {(p) =>
            !p.current ? (
              <Stack>
                <EmptyState title={t('workPlans.noPlan')} />
                {edit}
              </Stack>
            ) : (
              <Stack gap="sm">
                <Group justify="space-between">
                  <Text size="sm">
                    {biennium} · {t('workPlans.version', { n: p.current.version })} ·{' '}
                    <DateText value={p.current.createdAt} time />
                  </Text>
                  {edit}
                </Group>
                <DataTable
                  rows={p.current.outputs}
                  columns={columns}
                  rowKey={(o) => o.key}
                  caption={t('city.plan.title')}
                />
                {p.versions[1] && (
                  <>
                    <Text size="sm" fw={600}>
                      {t('city.plan.changesSince', { n: p.versions[1].version })}
                    </Text>
                    <WorkPlanDiff
                      changes={diffOutputs(p.versions[1].outputs, p.current.outputs, names)}
                      label={t('city.plan.changesSince', { n: p.versions[1].version })}
                    />
                  </>
                )}
              </Stack>
            )
          }
        </QueryState>
      )}
    </Section>
  );
}

function Experts({ code }: { code: string }) {
  const { t } = useI18n();
  const experts = useApi('/clusters/{code}/experts', { params: { path: { code } } });
  const columns: Column<Schemas['Expert']>[] = [
    { key: 'name', header: t('city.expert.name'), cell: (e) => e.name },
    { key: 'org', header: t('city.expert.organisation'), cell: (e) => e.organisation ?? '—' },
    { key: 'areas', header: t('clusters.expertise'), cell: (e) => e.expertiseAreas.join(', ') || '—' },
    {
      key: 'support',
      header: t('city.expert.support'),
      cell: (e) => e.support.map((s) => t(`city.support.${s}`)).join(', '),
    },
  ];
  return (
    <Section id="experts" title={t('city.expert.title')}>
      <QueryState query={experts}>
        {(d) =>
          d.items.length === 0 ? (
            <EmptyState title={t('city.expert.none')} />
          ) : (
            <DataTable rows={d.items} columns={columns} rowKey={(e) => e.id} caption={t('city.expert.title')} />
          )
        }
      </QueryState>
    </Section>
  );
}

export function Page() {
  const { t } = useI18n();
  const { code = '' } = useParams();
  const { cityId } = useMyCity();
  const cluster = useApi('/clusters/{code}', { params: { path: { code } } });
  const { names, current, query: members } = useMemberNames(code);
  const terms = useApi('/clusters/{code}/coordinators', { params: { path: { code } } });
  const coordinator = useCoordinates(code);
  const memberColumns: Column<(typeof current)[number]>[] = [
    {
      key: 'city',
      header: t('clusters.city'),
      cell: (m) => (
        <Group gap={6}>
          {m.cityName}
          {m.cityId === cityId && <Badge variant="light">{t('city.you')}</Badge>}
        </Group>
      ),
    },
    { key: 'rep', header: t('clusters.representative'), cell: (m) => m.representative.name },
    { key: 'expertise', header: t('clusters.expertise'), cell: (m) => m.representative.expertise.join(', ') || '—' },
    { key: 'since', header: t('clusters.since'), cell: (m) => <DateText value={m.since} /> },
  ];
  const termColumns: Column<Schemas['CoordinatorTerm']>[] = [
    { key: 'city', header: t('clusters.city'), cell: (x) => names.get(x.cityId) ?? x.cityId },
    { key: 'start', header: t('clusters.termStart'), cell: (x) => <DateText value={x.termStart} /> },
    { key: 'end', header: t('clusters.termEnd'), cell: (x) => <DateText value={x.termEnd} /> },
    {
      key: 'how',
      header: t('clusters.how'),
      cell: (x) => (x.appointed ? t('clusters.appointed') : t('clusters.elected')),
    },
    {
      key: 'current',
      header: t('clusters.current'),
      cell: (x) =>
        x.current ? (
          <Badge color="green" variant="light">
            {t('clusters.current')}
          </Badge>
        ) : (
          ''
        ),
    },
  ];
  return (
    <>
      <PageHeader title={cluster.data?.name ?? code}>
        <Group gap="xs" mt={4}>
          <Text size="sm" c="dimmed">
            {code}
          </Text>
          {coordinator && <Badge>{t('city.coordinatorBadge')}</Badge>}
          <Anchor component={Link} to="/city" size="sm">
            {t('city.back')}
          </Anchor>
        </Group>
      </PageHeader>
      <Stack>
        <Section id="coordinators" title={t('city.coordinatorsAndTerms')}>
          <QueryState query={terms}>
            {(d) =>
              d.items.length === 0 ? (
                <EmptyState title={t('clusters.noCoordinators')} />
              ) : (
                <DataTable
                  rows={d.items}
                  columns={termColumns}
                  rowKey={(x) => `${x.cityId}-${x.termStart}`}
                  caption={t('city.coordinatorsAndTerms')}
                />
              )
            }
          </QueryState>
        </Section>
        <WorkPlan code={code} names={names} coordinator={!!coordinator} />
        <Section id="members" title={t('clusters.members')}>
          <QueryState query={members}>
            {() =>
              current.length === 0 ? (
                <EmptyState title={t('clusters.noMembers')} />
              ) : (
                <DataTable
                  rows={current}
                  columns={memberColumns}
                  rowKey={(m) => m.cityId}
                  caption={t('clusters.members')}
                />
              )
            }
          </QueryState>
        </Section>
        <Section id="cluster-calendar" title={t('city.calendar.cluster')}>
          <EventList cluster={code} />
        </Section>
        <Experts code={code} />
      </Stack>
    </>
  );
}
