// One biennium's progress-report cycle: its response rate, who has not reported, the reports and
// the cities it flagged.
import { Group, Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import type { Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useT } from '../../i18n';
import { DateText, StatusBadge } from '../../ui/format';
import { PageHeader } from '../../ui/shell';
import { QueryState } from '../../ui/states';
import { DataTable, type Column } from '../../ui/table';
import { FlaggedTable } from './list';

export function Page() {
  const t = useT();
  const { biennium = '' } = useParams();
  const cycle = useApi('/progress-reports/cycles/{biennium}', { params: { path: { biennium } } });
  const reports = useApi('/progress-reports/cycles/{biennium}/reports', {
    params: { path: { biennium }, query: { limit: '500' } },
  });
  const columns: Column<Schemas['ProgressReport']>[] = [
    { key: 'city', header: t('progress.city'), cell: (r) => r.cityName },
    { key: 'status', header: t('progress.status'), cell: (r) => <StatusBadge value={r.status} /> },
    { key: 'learners', header: t('progress.learnersReached'), cell: (r) => r.learnersReached ?? '—' },
    { key: 'partnerships', header: t('progress.partnerships'), cell: (r) => r.partnerships ?? '—' },
    { key: 'activities', header: t('progress.activities'), cell: (r) => r.activities ?? '—' },
  ];
  return (
    <QueryState query={cycle}>
      {(c) => (
        <>
          <PageHeader title={`${t('progress.heading')} ${c.biennium}`}>
            <Group gap="xs" mt={4}>
              <StatusBadge value={c.status} />
              <Text size="sm">
                {t('progress.dueAt')}: <DateText value={c.dueAt} time />
              </Text>
              <Text size="sm">
                {t('progress.rate')}:{' '}
                {t('progress.rateValue', {
                  percent: c.responseRatePercent ?? 0,
                  n: c.submitted ?? 0,
                  of: c.requested ?? 0,
                })}
              </Text>
            </Group>
          </PageHeader>
          <Stack gap="lg">
            <section aria-labelledby="flagged-heading">
              <Title order={2} size="h3" id="flagged-heading" mb="xs">
                {t('progress.flagged')}
              </Title>
              <FlaggedTable rows={c.flagged ?? []} />
            </section>
            <section aria-labelledby="reports-heading">
              <Title order={2} size="h3" id="reports-heading" mb="xs">
                {t('progress.reports')}
              </Title>
              <QueryState query={reports}>
                {(d) => (
                  <DataTable
                    rows={d.items}
                    columns={columns}
                    rowKey={(r) => r.cityId}
                    caption={t('progress.reports')}
                  />
                )}
              </QueryState>
            </section>
          </Stack>
        </>
      )}
    </QueryState>
  );
}
