// The coordinator meetings the city is asked to report to (GET /coordinator-meetings answers a city
// those whose expected reporters include it), each linking to its report page.
import { Anchor, Badge } from '@mantine/core';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { DateText, StatusBadge } from '../../ui/format';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { DataTable, type Column } from '../../ui/table';
import { useMyCity } from './context';

export function Page() {
  const { t } = useI18n();
  const { cityId } = useMyCity();
  const meetings = useApi('/coordinator-meetings', { params: { query: { limit: 50 } } });
  const columns: Column<Schemas['CoordinatorMeetingSummary']>[] = [
    {
      key: 'title',
      header: t('meetings.titleField'),
      cell: (m) => (
        <Anchor component={Link} to={`/city/coordinator-meetings/${m.id}`}>
          {m.title}
        </Anchor>
      ),
    },
    { key: 'at', header: t('meetings.date'), cell: (m) => <DateText value={m.at} time /> },
    { key: 'due', header: t('meetings.reportsDue'), cell: (m) => <DateText value={m.reportDueAt} time /> },
    { key: 'status', header: t('meetings.status'), cell: (m) => <StatusBadge value={m.status} /> },
    {
      key: 'mine',
      header: t('city.meeting.myReport'),
      cell: (m) =>
        m.missing.some((x) => x.cityId === cityId) ? (
          <Badge color="yellow" variant="light">
            {t('city.meeting.toSubmit')}
          </Badge>
        ) : (
          <Badge color="green" variant="light">
            {t('city.meeting.submitted')}
          </Badge>
        ),
    },
  ];
  return (
    <>
      <PageHeader title={t('meetings.title')} />
      <QueryState query={meetings}>
        {(d) =>
          d.items.length === 0 ? (
            <EmptyState title={t('city.meeting.none')} />
          ) : (
            <DataTable rows={d.items} columns={columns} rowKey={(m) => m.id} caption={t('meetings.title')} />
          )
        }
      </QueryState>
    </>
  );
}
