// The surveys the representative's city is asked, with whether it has answered.
import { Anchor, Badge } from '@mantine/core';
import { Link } from 'react-router';
import type { Schemas } from '../../../api/client';
import { useApi } from '../../../api/query';
import { useT } from '../../../i18n';
import { DateText, StatusBadge } from '../../../ui/format';
import { PageHeader } from '../../../ui/shell';
import { EmptyState, QueryState } from '../../../ui/states';
import { DataTable, type Column } from '../../../ui/table';

export function Page() {
  const t = useT();
  const surveys = useApi('/surveys');
  const columns: Column<Schemas['Survey']>[] = [
    {
      key: 'title',
      header: t('surveys.title'),
      cell: (s) => (
        <Anchor component={Link} to={`/city/surveys/${s.id}`}>
          {s.title}
        </Anchor>
      ),
    },
    { key: 'status', header: t('surveys.status'), cell: (s) => <StatusBadge value={s.status} /> },
    { key: 'closesAt', header: t('surveys.closesAt'), cell: (s) => <DateText value={s.closesAt} time /> },
    {
      key: 'answered',
      header: t('surveys.yourAnswer'),
      cell: (s) => (
        <Badge variant="light" color={s.answered ? 'green' : 'yellow'}>
          {s.answered ? t('surveys.answered') : t('surveys.notAnswered')}
        </Badge>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t('surveys.heading')} />
      <QueryState query={surveys}>
        {(d) =>
          d.items.length === 0 ? (
            <EmptyState title={t('surveys.none')} />
          ) : (
            <DataTable rows={d.items} columns={columns} rowKey={(s) => s.id} caption={t('surveys.heading')} />
          )
        }
      </QueryState>
    </>
  );
}
