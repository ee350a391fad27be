// Workshops from the network calendar (the API has no workshop list of its own), by year and
// cluster in the URL; schedule one for a cluster.
import { Anchor, Button, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useNavigate } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n, readerTimeZone } from '../../i18n';
import { ClusterSelect, EnumSelect } from '../../ui/fields';
import { FormModal } from '../../ui/form-modal';
import { DateText, StatusBadge } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { FilterBar } from '../../ui/filters';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DataTable, useUrlFilters, type Column } from '../../ui/table';

const KINDS = ['inception', 'thematic', 'advisory_session'] as const;
/** "workshop-<uuid>@gnlc" → the workshop's id. */
export const workshopIdOf = (uid: string) => /^workshop-([0-9a-f-]{36})@gnlc$/.exec(uid)?.[1];
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
}: {
  opened: boolean;
  onClose: () => void;
  cluster?: string;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const form = useProblemForm({
    cluster: (cluster ?? null) as string | null,
    kind: 'thematic' as string | null,
    title: '',
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
      invalidate: ['/calendar', '/workshops'],
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

export function Page() {
  const { t } = useI18n();
  const { all, setFilter } = useUrlFilters(['year', 'cluster'] as const);
  const [opened, { open, close }] = useDisclosure(false);
  const thisYear = new Date().getFullYear();
  const year = Number(all.year ?? thisYear) || thisYear;
  const query: { year: number; cluster?: string } = { year };
  if (all.cluster) query.cluster = all.cluster;
  const calendar = useApi('/calendar', { params: { query } });
  const columns: Column<Schemas['CalendarEvent']>[] = [
    {
      key: 'title',
      header: t('workshops.titleField'),
      cell: (e) => {
        const id = workshopIdOf(e.uid);
        return id ? (
          <Anchor component={Link} to={`/workshops/${id}`}>
            {e.title}
          </Anchor>
        ) : (
          e.title
        );
      },
    },
    { key: 'cluster', header: t('workshops.cluster'), cell: (e) => e.cluster ?? '—' },
    { key: 'start', header: t('workshops.startsAt'), cell: (e) => <DateText value={e.start} time /> },
    {
      key: 'state',
      header: t('workshops.status'),
      cell: (e) => (e.cancelled ? <StatusBadge value="cancelled" /> : ''),
    },
  ];
  return (
    <>
      <PageHeader title={t('workshops.title')} actions={<Button onClick={open}>{t('workshops.schedule')}</Button>} />
      <FilterBar wrap="wrap">
        <Select
          label={t('workshops.year')}
          data={[thisYear - 2, thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map(String)}
          value={String(year)}
          onChange={(v) => setFilter('year', v)}
          allowDeselect={false}
          w={{ base: '100%', sm: 120 }}
        />
        <ClusterSelect
          label={t('workshops.cluster')}
          value={all.cluster}
          onChange={(v) => setFilter('cluster', v)}
          w={{ base: '100%', sm: 260 }}
        />
      </FilterBar>
      <QueryState query={calendar}>
        {(d) => {
          const workshops = d.items.filter((e) => workshopIdOf(e.uid));
          return workshops.length === 0 ? (
            <EmptyState title={t('workshops.none')} />
          ) : (
            <DataTable rows={workshops} columns={columns} rowKey={(e) => e.uid} caption={t('workshops.title')} />
          );
        }}
      </QueryState>
      <ScheduleWorkshop opened={opened} onClose={close} cluster={all.cluster} />
    </>
  );
}
