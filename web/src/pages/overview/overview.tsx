// The secretariat's first page: clusters and coordinators, live elections, what comes next, the
// MDFM against its target, and messages not yet delivered.
import { Anchor, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n, type MessageKey } from '../../i18n';

export function calendarKindKey(kind: string): MessageKey {
  if (kind === 'workshop.rsvp_by') return 'calendar.kind.rsvpBy';
  if (kind === 'workshop.outcomes_due') return 'calendar.kind.outcomesDue';
  if (kind.startsWith('workshop.')) return 'calendar.kind.workshop';
  if (kind.startsWith('election.')) return 'calendar.kind.election';
  if (kind === 'coordinator_meeting') return 'calendar.kind.coordinatorMeeting';
  if (kind === 'report_due') return 'calendar.kind.reportDue';
  if (kind === 'instalment_due') return 'calendar.kind.instalmentDue';
  return 'calendar.kind.other';
}
import { currentBiennium } from '../../lib/biennium';
import { DateText, StatusBadge } from '../../ui/format';
import { nextDeadline } from '../elections/deadline';
import { usePipeline } from '../funding-summary/pipeline';
import { PageHeader } from '../../ui/shell';
import { EmptyState, ErrorState, LoadingState, QueryState } from '../../ui/states';

const FundingChart = lazy(() => import('../funding-summary/chart'));
const PipelineChart = lazy(() => import('../funding-summary/pipeline-chart'));

function Section({
  title,
  children,
  link,
}: {
  title: string;
  children: React.ReactNode;
  link?: { to: string; label: string };
}) {
  return (
    <Card withBorder padding="md" radius="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {link && (
          <Anchor component={Link} to={link.to} size="sm">
            {link.label}
          </Anchor>
        )}
      </Group>
      {children}
    </Card>
  );
}

function ClusterCoordinators({ cluster }: { cluster: Schemas['Cluster'] }) {
  const { t } = useI18n();
  const coordinators = useApi('/clusters/{code}/coordinators', { params: { path: { code: cluster.code } } });
  const members = useApi('/clusters/{code}/members', {
    params: { path: { code: cluster.code }, query: { limit: 200 } },
  });
  const names = new Map((members.data?.items ?? []).map((m) => [m.cityId, m.cityName]));
  const current = (coordinators.data?.items ?? []).filter((c) => c.current);
  return (
    <List.Item>
      <Anchor component={Link} to={`/clusters/${cluster.code}`} fw={600}>
        {cluster.name}
      </Anchor>{' '}
      <Text span size="sm" c="dimmed">
        ({t('clusters.memberCount', { count: cluster.members })})
      </Text>
      <Text size="sm">
        {coordinators.isPending
          ? t('state.loading')
          : current.length === 0
            ? t('overview.noCoordinator')
            : current.map((c, i) => (
                <span key={c.cityId}>
                  {i > 0 && ', '}
                  {names.get(c.cityId) ?? t('cities.unknown')} — {t('overview.termEnds')} <DateText value={c.termEnd} />
                </span>
              ))}
      </Text>
    </List.Item>
  );
}

function Clusters() {
  const { t } = useI18n();
  const clusters = useApi('/clusters', { params: { query: { status: 'active' } } });
  return (
    <Section title={t('overview.clusters')} link={{ to: '/clusters', label: t('action.seeAll') }}>
      <QueryState query={clusters}>
        {(d) => (
          <List spacing="sm" listStyleType="none" ml={0} pl={0}>
            {d.items.map((c) => (
              <ClusterCoordinators key={c.code} cluster={c} />
            ))}
          </List>
        )}
      </QueryState>
    </Section>
  );
}

function Elections() {
  const { t } = useI18n();
  // One query per open status, refreshed while the secretariat watches.
  const live = { refetchInterval: 15_000 };
  const nominating = useApi('/elections', { params: { query: { status: 'nominating', limit: 50 } } }, live);
  const voting = useApi('/elections', { params: { query: { status: 'voting', limit: 50 } } }, live);
  const tied = useApi('/elections', { params: { query: { status: 'awaiting_tie_break', limit: 50 } } }, live);
  const queries = [tied, voting, nominating];
  const failed = queries.find((q) => q.error);
  const pending = queries.some((q) => q.isPending);
  const open = queries.flatMap((q) => q.data?.items ?? []);
  return (
    <Section title={t('overview.elections')} link={{ to: '/elections', label: t('action.seeAll') }}>
      {failed ? (
        <ErrorState error={failed.error} retry={() => queries.forEach((q) => void q.refetch())} />
      ) : pending ? (
        <LoadingState />
      ) : open.length === 0 ? (
        <EmptyState title={t('overview.noElections')} />
      ) : (
        <Stack gap="xs">
          {open.map((e) => {
            const deadline = nextDeadline(e);
            return (
              <Group key={e.id} justify="space-between" wrap="wrap" gap="xs">
                <Anchor component={Link} to={`/elections/${e.id}`}>
                  {t('elections.name', { cluster: e.cluster, term: e.termStart.slice(0, 4) })}
                </Anchor>
                <Group gap="xs">
                  <StatusBadge value={e.status} />
                  {deadline && (
                    <Text size="sm">
                      {t('elections.nextDeadline')} <DateText value={deadline} time />
                    </Text>
                  )}
                  {e.turnout && e.status === 'voting' && (
                    <Text size="sm">
                      {t('elections.turnout', { cast: e.turnout.cast, eligible: e.turnout.eligible })}
                    </Text>
                  )}
                </Group>
              </Group>
            );
          })}
        </Stack>
      )}
    </Section>
  );
}

function Upcoming() {
  const { t } = useI18n();
  const year = new Date().getFullYear();
  const thisYear = useApi('/calendar', { params: { query: { year } } });
  const nextYear = useApi('/calendar', { params: { query: { year: year + 1 } } });
  const now = Date.now();
  return (
    <Section title={t('overview.upcoming')}>
      <QueryState query={thisYear}>
        {(d) => {
          const events = [...d.items, ...(nextYear.data?.items ?? [])]
            .filter((e) => !e.cancelled && Date.parse(e.end ?? e.start) >= now)
            .sort((a, b) => a.start.localeCompare(b.start))
            .slice(0, 8);
          if (events.length === 0) return <EmptyState title={t('overview.nothingUpcoming')} />;
          return (
            <List spacing="xs" listStyleType="none" ml={0} pl={0}>
              {events.map((e) => (
                <List.Item key={e.uid}>
                  <Text size="sm" fw={600}>
                    {e.title}
                  </Text>
                  <Text size="sm" c="dimmed">
                    <DateText value={e.start} time={!e.allDay} /> · {t(calendarKindKey(e.kind))}
                    {e.cluster ? ` · ${e.cluster}` : ''}
                  </Text>
                </List.Item>
              ))}
            </List>
          );
        }}
      </QueryState>
    </Section>
  );
}

function Funding() {
  const { t } = useI18n();
  const biennium = currentBiennium();
  const summary = useApi('/funding/summary', { params: { query: { biennium } } });
  return (
    <Section
      title={t('overview.funding', { biennium })}
      link={{ to: `/funding-summary?biennium=${biennium}`, label: t('action.details') }}
    >
      <QueryState query={summary}>
        {(s) => (
          <Suspense fallback={<LoadingState />}>
            <FundingChart summary={s} />
          </Suspense>
        )}
      </QueryState>
    </Section>
  );
}

function Pipeline() {
  const { t } = useI18n();
  const biennium = currentBiennium();
  const pipeline = usePipeline(biennium);
  return (
    <Section title={t('overview.pipeline', { biennium })} link={{ to: '/pledges', label: t('action.seeAll') }}>
      {pipeline.error ? (
        <ErrorState error={pipeline.error} retry={pipeline.refetch} />
      ) : pipeline.isPending ? (
        <LoadingState />
      ) : (
        <Suspense fallback={<LoadingState />}>
          <PipelineChart counts={pipeline.counts} />
        </Suspense>
      )}
    </Section>
  );
}

function Undelivered() {
  const { t } = useI18n();
  const notifications = useApi('/notifications', { params: { query: { limit: 100 } } });
  return (
    <Section title={t('overview.notifications')}>
      <QueryState query={notifications}>
        {(d) => {
          const pending = d.items.filter((n) => !n.deliveredAt);
          if (pending.length === 0) return <EmptyState title={t('overview.allDelivered')} />;
          return (
            <Stack gap={4}>
              <Text size="sm">{t('overview.pendingCount', { count: pending.length })}</Text>
              <List size="sm" spacing={2}>
                {pending.slice(0, 6).map((n) => (
                  <List.Item key={n.id}>
                    {n.subject} — <DateText value={n.createdAt} time />
                  </List.Item>
                ))}
              </List>
            </Stack>
          );
        }}
      </QueryState>
    </Section>
  );
}

export function Page() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('overview.title')} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Clusters />
        <Elections />
        <Funding />
        <Pipeline />
        <Upcoming />
        <Undelivered />
      </SimpleGrid>
    </>
  );
}
