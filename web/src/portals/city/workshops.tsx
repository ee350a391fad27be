// The workshops the city is invited to (from its schedule: GET /calendar answers a city its own),
// upcoming first, each linking to its invitation page.
import { Anchor, Badge } from '@mantine/core';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { DateText } from '../../ui/format';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { DataTable, type Column } from '../../ui/table';

const KINDS = 'workshop.inception,workshop.thematic,workshop.advisory_session';

export function Page() {
  const { t } = useI18n();
  const events = useApi('/calendar', { params: { query: { kinds: KINDS } } });
  const now = new Date().toISOString();
  const columns: Column<Schemas['CalendarEvent']>[] = [
    { key: 'when', header: t('workshops.startsAt'), cell: (e) => <DateText value={e.start} time /> },
    {
      key: 'title',
      header: t('workshops.titleField'),
      cell: (e) =>
        e.url ? (
          <Anchor component={Link} to={`/city${e.url}`}>
            {e.title}
          </Anchor>
        ) : (
          e.title
        ),
    },
    { key: 'cluster', header: t('workshops.cluster'), cell: (e) => e.cluster ?? '—' },
    {
      key: 'state',
      header: t('workshops.status'),
      cell: (e) =>
        e.cancelled ? (
          <Badge color="gray">{t('status.cancelled')}</Badge>
        ) : e.start < now ? (
          <Badge variant="light" color="gray">
            {t('city.workshop.past')}
          </Badge>
        ) : (
          <Badge variant="light">{t('city.workshop.upcoming')}</Badge>
        ),
    },
  ];
  return (
    <>
      <PageHeader title={t('city.workshops.title')} />
      <QueryState query={events}>
        {(d) => {
          const rows = [...d.items].sort((a, b) =>
            a.start < now !== b.start < now ? (a.start < now ? 1 : -1) : a.start < b.start ? -1 : 1,
          );
          return rows.length === 0 ? (
            <EmptyState title={t('city.workshops.none')} />
          ) : (
            <DataTable rows={rows} columns={columns} rowKey={(e) => e.uid} caption={t('city.workshops.title')} />
          );
        }}
      </QueryState>
    </>
  );
}
