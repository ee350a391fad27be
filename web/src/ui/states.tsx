// Page states: loading skeleton, empty state, error state with the problem's detail.
import { Alert, Button, EmptyState as MantineEmptyState, Skeleton, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useT } from '../i18n';

export function LoadingState({ rows = 4 }: { rows?: number }) {
  const t = useT();
  return (
    <Stack gap="sm" aria-busy="true" aria-label={t('state.loading')} role="status">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={28} radius="sm" />
      ))}
    </Stack>
  );
}

export function EmptyState({
  title,
  description,
  action,
}: {
  title?: string;
  description?: string;
  action?: ReactNode;
}) {
  const t = useT();
  return (
    <MantineEmptyState title={title ?? t('state.empty')} description={description} my="xl">
      {action}
    </MantineEmptyState>
  );
}

export function problemText(error: unknown, fallback: string): string {
  if (error instanceof ApiError) return error.problem.detail ?? error.problem.title ?? fallback;
  return fallback;
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const t = useT();
  const status = error instanceof ApiError ? error.status : undefined;
  const title = status === 404 ? t('state.notFound') : status === 403 ? t('state.forbidden') : t('state.error');
  return (
    <Alert color="red" title={title} role="alert" my="md">
      <Stack gap="xs" align="flex-start">
        <span>{problemText(error, t('state.errorDetail'))}</span>
        {retry && (
          <Button size="xs" variant="light" color="red" onClick={retry}>
            {t('action.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** Loading, error, or the children rendered with the data. */
export function QueryState<D>({
  query,
  children,
  rows,
}: {
  query: { data: D | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  children: (data: D) => ReactNode;
  rows?: number;
}) {
  if (query.error && query.data === undefined)
    return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  if (query.isPending || query.data === undefined) return <LoadingState rows={rows} />;
  return <>{children(query.data)}</>;
}
