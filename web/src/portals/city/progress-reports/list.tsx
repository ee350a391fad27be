// The progress-report cycles that ask the representative's city, with its own report's status.
import { Anchor } from '@mantine/core';
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
  const cycles = useApi('/progress-reports/cycles');
  const columns: Column<Schemas['ProgressReportCycle']>[] = [
    {
      key: 'biennium',
      header: t('progress.biennium'),
      cell: (c) => (
        <Anchor component={Link} to={`/city/progress-reports/${c.biennium}`}>
          {c.biennium}
        </Anchor>
      ),
    },
    { key: 'dueAt', header: t('progress.dueAt'), cell: (c) => <DateText value={c.dueAt} time /> },
    {
      key: 'own',
      header: t('progress.yourReport'),
      cell: (c) => (c.ownStatus ? <StatusBadge value={c.ownStatus} /> : null),
    },
  ];
  return (
    <>
      <PageHeader title={t('progress.cityHeading')} />
      <QueryState query={cycles}>
        {(d) =>
          d.items.length === 0 ? (
            <EmptyState title={t('progress.none')} />
          ) : (
            <DataTable
              rows={d.items}
              columns={columns}
              rowKey={(c) => c.biennium}
              caption={t('progress.cityHeading')}
            />
          )
        }
      </QueryState>
    </>
  );
}
