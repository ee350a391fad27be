// Paginated tables whose filters and page live in the URL search params (shareable links).
import { Group, Pagination, Table, Text } from '@mantine/core';
import { useCallback, useMemo, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../i18n';
import { EmptyState, QueryState } from './states';

export const PAGE_SIZE = 25;

/** Filters kept in the URL: read as strings, `undefined` when absent; setting one resets the page. */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const out = {} as Record<K, string | undefined>;
    for (const k of keys) out[k] = params.get(k) || undefined;
    return out;
  }, [params, keys.join(',')]);
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const setFilter = useCallback(
    (key: K, value: string | null | undefined) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (value) next.set(key, value);
          else next.delete(key);
          next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const setPage = useCallback(
    (n: number) =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        if (n > 1) next.set('page', String(n));
        else next.delete('page');
        return next;
      }),
    [setParams],
  );
  /** Only the filters that are set, for an API query. */
  const defined = useMemo(
    () => Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as Partial<Record<K, string>>,
    [filters],
  );
  return { filters: defined, all: filters, setFilter, page, setPage, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
}

export interface Column<T> {
  key: string;
  header: string;
  cell: (row: T) => ReactNode;
}

interface PageData<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** A table of one page of an API list, its pagination, and loading/error/empty states. */
export function PagedTable<T>({
  query,
  columns,
  rowKey,
  caption,
  page,
  setPage,
  emptyTitle,
}: {
  query: {
    data: PageData<T> | undefined;
    error: unknown;
    isPending: boolean;
    refetch: () => unknown;
    isPlaceholderData?: boolean;
  };
  columns: Column<T>[];
  rowKey: (row: T) => string;
  caption: string;
  page?: number;
  setPage?: (n: number) => void;
  emptyTitle?: string;
}) {
  const t = useT();
  return (
    <QueryState query={query}>
      {(data) =>
        data.items.length === 0 ? (
          <EmptyState title={emptyTitle} description={t('state.emptyFilters')} />
        ) : (
          <>
            <DataTable
              rows={data.items}
              columns={columns}
              rowKey={rowKey}
              caption={caption}
              busy={query.isPlaceholderData}
            />
            <PageFooter data={data} page={page} setPage={setPage} />
          </>
        )
      }
    </QueryState>
  );
}

/** "1–25 of 60" and, when there is more than one page, the pagination. */
export function PageFooter({
  data,
  page,
  setPage,
}: {
  data: Omit<PageData<unknown>, 'items'> & { items: readonly unknown[] };
  page?: number;
  setPage?: (n: number) => void;
}) {
  const t = useT();
  return (
    <Group justify="space-between" mt="sm" wrap="wrap">
      <Text size="sm" c="dimmed">
        {t('table.range', { from: data.offset + 1, to: data.offset + data.items.length, total: data.total })}
      </Text>
      {page && setPage && data.total > data.limit && (
        <Pagination
          total={Math.ceil(data.total / data.limit)}
          value={page}
          onChange={setPage}
          size="sm"
          getControlProps={(control) => ({ 'aria-label': t(`table.${control}` as 'table.next') })}
          getItemProps={(n) => ({ 'aria-label': t('table.page', { n }) })}
        />
      )}
    </Group>
  );
}

export function DataTable<T>({
  rows,
  columns,
  rowKey,
  caption,
  busy,
}: {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  caption: string;
  busy?: boolean;
}) {
  return (
    // A keyboard-focusable scrolling region: at phone width the table scrolls sideways on its own.
    <div role="region" aria-label={caption} tabIndex={0} style={{ overflowX: 'auto' }}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-busy={busy || undefined} miw={560}>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }} className="visually-hidden">
          {caption}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.key} scope="col">
                {c.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={rowKey(r)}>
              {columns.map((c) => (
                <Table.Td key={c.key}>{c.cell(r)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
