// Workshops across clusters (GET /workshops), cluster, status and start dates in the URL; schedule
// one for a cluster. The secretariat also sees the advisory sessions proposed for new coordinator
// terms (GET /advisory-session-proposals): Schedule opens the form prefilled, Dismiss drops one.
import { Anchor, Button, Group, Paper, Select, SimpleGrid, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi, type GetQuery } from '../../api/query';
import { useI18n, readerTimeZone } from '../../i18n';
import { ClusterSelect, EnumSelect } from '../../ui/fields';
import { FormModal } from '../../ui/form-modal';
import { DateText, StatusBadge } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { FilterBar } from '../../ui/filters';
import { PageHeader } from '../../ui/shell';
import { useSubmit } from '../../ui/submit';
import { DataTable, PagedTable, useUrlFilters, type Column } from '../../ui/table';
import { isOneOf } from '../../lib/enums';
import { RowAction } from '../../ui/row-action';
import { useMe } from '../../ui/session';

const KINDS = ['inception', 'thematic', 'advisory_session'] as const;
const STATUSES = [
  'planning',
  'invitations_open',
  'rsvp_closed',
  'awaiting_outcomes',
  'completed',
  'cancelled',
] as const satisfies readonly Schemas['WorkshopListItem']['status'][];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A datetime-local value ("2026-03-04T09:30") in `zone` → an ISO instant. */
export function zonedToIso(local: string, zone: string): string {
  const guess = new Date(`${local}:00Z`);
  const inZone = new Date(guess.toLocaleString('en-US', { timeZone: zone }));
  const utc = new Date(guess.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(guess.getTime() - (inZone.getTime() - utc.getTime())).toISOString();
}
export const TIME_ZONES: string[] = (
  Intl as unknown as { supportedValuesOf?: (k: string) => string[] }
).supportedValuesOf?.('timeZone') ?? ['UTC', 'Europe/Paris'];

export function ScheduleWorkshop({
  opened,
  onClose,
  cluster,
  kind,
  title,
}: {
  opened: boolean;
  onClose: () => void;
  cluster?: string;
  /** Prefilled (an advisory session proposal: `advisory_session` and a title). */
  kind?: (typeof KINDS)[number];
  title?: string;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const form = useProblemForm({
    cluster: (cluster ?? null) as string | null,
    kind: (kind ?? 'thematic') as string | null,
    title: title ?? '',
    startsAt: '',
    endsAt: '',
    rsvpBy: '',
    timezone: readerTimeZone() as string | null,
    venue: '',
    onlineUrl: '',
  });
  const submit = useSubmit(
    async () => {
      const v = form.values;
      const zone = v.timezone ?? 'UTC';
      const at = (x: string) => (x ? zonedToIso(x, zone) : '');
      const body: {
        kind: (typeof KINDS)[number];
        title: string;
        startsAt: string;
        endsAt: string;
        rsvpBy: string;
        timezone: string;
        venue?: string;
        onlineUrl?: string;
      } = {
        kind: (v.kind ?? 'thematic') as (typeof KINDS)[number],
        title: v.title,
        startsAt: at(v.startsAt),
        endsAt: at(v.endsAt),
        rsvpBy: at(v.rsvpBy),
        timezone: zone,
      };
      if (v.venue.trim()) body.venue = v.venue.trim();
      if (v.onlineUrl.trim()) body.onlineUrl = v.onlineUrl.trim();
      return unwrap(
        await api.POST('/clusters/{code}/workshops', { params: { path: { code: v.cluster ?? '' } }, body }),
      );
    },
    {
      form,
      invalidate: ['/calendar', '/workshops', '/advisory-session-proposals'],
      success: t('workshops.scheduled'),
      close: onClose,
      onSuccess: (w) => void navigate(`/workshops/${w.id}`),
    },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('workshops.schedule')}
      size="lg"
      submitLabel={t('workshops.schedule')}
      form={form}
      submit={submit}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <ClusterSelect label={t('workshops.cluster')} activeOnly required {...form.field('cluster')} />
        <EnumSelect
          label={t('workshops.kind')}
          options={KINDS}
          prefix="workshopKind"
          allowDeselect={false}
          required
          {...form.field('kind')}
        />
      </SimpleGrid>
      <TextInput label={t('workshops.titleField')} required {...form.text('title')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('workshops.startsAt')} type="datetime-local" required {...form.text('startsAt')} />
        <TextInput label={t('workshops.endsAt')} type="datetime-local" required {...form.text('endsAt')} />
        <TextInput label={t('workshops.rsvpBy')} type="datetime-local" required {...form.text('rsvpBy')} />
        <Select
          label={t('workshops.timezone')}
          description={t('workshops.timezoneHelp')}
          searchable
          data={TIME_ZONES}
          allowDeselect={false}
          required
          {...form.field('timezone')}
        />
        <TextInput label={t('workshops.venue')} {...form.text('venue')} />
        <TextInput label={t('workshops.onlineUrl')} type="url" {...form.text('onlineUrl')} />
      </SimpleGrid>
    </FormModal>
  );
}

/** The advisory sessions proposed for new coordinator terms, with Schedule and Dismiss (secretariat). */
function AdvisoryProposals() {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<Schemas['AdvisorySessionProposal'] | null>(null);
  const proposals = useApi('/advisory-session-proposals', { params: { query: { status: 'proposed', limit: 200 } } });
  const items = proposals.data?.items ?? [];
  // Nothing to schedule (or still loading): the section stays out of the way.
  if (items.length === 0) return null;
  const columns: Column<Schemas['AdvisorySessionProposal']>[] = [
    { key: 'cluster', header: t('advisory.cluster'), cell: (p) => p.cluster },
    { key: 'termStart', header: t('advisory.termStart'), cell: (p) => <DateText value={p.termStart} /> },
    { key: 'dueBy', header: t('advisory.dueBy'), cell: (p) => <DateText value={p.dueBy} /> },
    {
      key: 'actions',
      header: t('advisory.actions'),
      cell: (p) => (
        <Group gap="xs" wrap="wrap">
          <Button
            size="compact-xs"
            onClick={() => setChosen(p)}
            aria-label={t('advisory.scheduleFor', { cluster: p.cluster })}
          >
            {t('advisory.schedule')}
          </Button>
          <RowAction
            label={t('advisory.dismiss')}
            ariaLabel={t('advisory.dismissFor', { cluster: p.cluster })}
            color="gray"
            success={t('advisory.dismissed')}
            invalidate={['/advisory-session-proposals']}
            run={async () =>
              unwrap(
                await api.POST('/advisory-session-proposals/{id}/dismiss', {
                  params: { path: { id: p.id } },
                  body: {},
                }),
              )
            }
          />
        </Group>
      ),
    },
  ];
  return (
    <Paper withBorder p="md" mb="md" component="section" aria-labelledby="advisory-proposals">
      <Title order={2} size="h4" id="advisory-proposals">
        {t('advisory.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('advisory.intro')}
      </Text>
      <DataTable rows={items} columns={columns} rowKey={(p) => p.id} caption={t('advisory.title')} />
      {chosen && (
        <ScheduleWorkshop
          key={chosen.id}
          opened
          onClose={() => setChosen(null)}
          cluster={chosen.cluster}
          kind="advisory_session"
          title={t('advisory.defaultTitle', { cluster: chosen.cluster })}
        />
      )}
    </Paper>
  );
}

export function Page() {
  const { t } = useI18n();
  const { all, setFilter, page, setPage, limit, offset } = useUrlFilters(['cluster', 'status', 'from', 'to'] as const);
  const [opened, { open, close }] = useDisclosure(false);
  const role = useMe().data?.role;
  // Only well-formed values reach the API: a hand-edited URL shows the unfiltered list, not an error.
  const query: GetQuery<'/workshops'> = { limit, offset };
  if (all.cluster) query.cluster = all.cluster;
  if (isOneOf(STATUSES, all.status)) query.status = all.status;
  if (all.from && DATE.test(all.from)) query.from = all.from;
  if (all.to && DATE.test(all.to)) query.to = all.to;
  const workshops = useApi('/workshops', { params: { query } });
  const columns: Column<Schemas['WorkshopListItem']>[] = [
    {
      key: 'title',
      header: t('workshops.titleField'),
      cell: (w) => (
        <Anchor component={Link} to={`/workshops/${w.id}`}>
          {w.title}
        </Anchor>
      ),
    },
    { key: 'cluster', header: t('workshops.cluster'), cell: (w) => w.cluster },
    { key: 'kind', header: t('workshops.kind'), cell: (w) => t(`workshopKind.${w.kind}`) },
    {
      key: 'start',
      header: t('workshops.startsAt'),
      cell: (w) => (w.startsAt ? <DateText value={w.startsAt} time zone={w.timezone} /> : '—'),
    },
    { key: 'status', header: t('workshops.status'), cell: (w) => <StatusBadge value={w.status} /> },
    {
      key: 'answers',
      header: t('workshops.rsvps'),
      cell: (w) => t('lists.workshops.answers', { ...w.rsvpCounts }),
    },
  ];
  return (
    <>
      <PageHeader title={t('workshops.title')} actions={<Button onClick={open}>{t('workshops.schedule')}</Button>} />
      {role === 'secretariat' && <AdvisoryProposals />}
      <FilterBar wrap="wrap">
        <ClusterSelect
          label={t('workshops.cluster')}
          value={all.cluster}
          onChange={(v) => setFilter('cluster', v)}
          w={{ base: '100%', sm: 260 }}
        />
        <EnumSelect
          label={t('workshops.status')}
          options={STATUSES}
          prefix="status"
          clearable
          value={all.status}
          onChange={(v) => setFilter('status', v)}
          w={{ base: '100%', sm: 200 }}
        />
        <TextInput
          label={t('lists.workshops.from')}
          type="date"
          value={all.from ?? ''}
          onChange={(e) => setFilter('from', e.currentTarget.value)}
          w={{ base: '100%', sm: 180 }}
        />
        <TextInput
          label={t('lists.workshops.to')}
          type="date"
          value={all.to ?? ''}
          onChange={(e) => setFilter('to', e.currentTarget.value)}
          w={{ base: '100%', sm: 180 }}
        />
      </FilterBar>
      <PagedTable
        query={workshops}
        columns={columns}
        rowKey={(w) => w.id}
        caption={t('workshops.title')}
        page={page}
        setPage={setPage}
        emptyTitle={t('lists.workshops.none')}
      />
      <ScheduleWorkshop opened={opened} onClose={close} cluster={all.cluster} />
    </>
  );
}
