// The audit trail: every write through the API, filtered by path (in the URL).
import { Code } from '@mantine/core';
import type { Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { DateText } from '../../ui/format';
import { FilterBar, SearchFilter } from '../../ui/filters';
import { PageHeader } from '../../ui/shell';
import { PagedTable, useUrlFilters, type Column } from '../../ui/table';

export function Page() {
  const { t } = useI18n();
  const { filters, all, setFilter, page, setPage, limit, offset } = useUrlFilters(['path'] as const);
  const events = useApi('/audit-events', { params: { query: { ...filters, limit, offset } } });
  const columns: Column<Schemas['AuditEvent']>[] = [
    { key: 'at', header: t('audit.at'), cell: (e) => <DateText value={e.at} time /> },
    { key: 'actor', header: t('audit.actor'), cell: (e) => t(`role.${e.actorRole}` as 'role.viewer') },
    { key: 'request', header: t('audit.request'), cell: (e) => <Code>{`${e.method} ${e.path}`}</Code> },
    { key: 'status', header: t('audit.status'), cell: (e) => e.status },
  ];
  return (
    <>
      <PageHeader title={t('audit.title')} />
      <FilterBar>
        <SearchFilter
          label={t('audit.path')}
          value={all.path}
          onChange={(v) => setFilter('path', v)}
          description={t('audit.pathHelp')}
          type="text"
          w={{ base: '100%', sm: 320 }}
        />
      </FilterBar>
      <PagedTable
        query={events}
        columns={columns}
        rowKey={(e) => e.id}
        caption={t('audit.title')}
        page={page}
        setPage={setPage}
        emptyTitle={t('audit.none')}
      />
    </>
  );
}
