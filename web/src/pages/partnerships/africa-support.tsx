// Support to African cities: partnerships by region and country (active and completed, as a chart
// and tables) and the African cities that joined the network after their support began.
import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Suspense, lazy } from 'react';
import type { Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useT, type MessageKey } from '../../i18n';
import { DateText } from '../../ui/format';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { DataTable, type Column } from '../../ui/table';

const SupportChart = lazy(() => import('./support-chart'));
type Support = Schemas['AfricaSupport'];

export function Page() {
  const t = useT();
  const support = useApi('/partnerships/africa-support');
  const count = (label: string, n: number) => (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz="xl" fw={700}>
        {n}
      </Text>
    </div>
  );
  const regionColumns: Column<Support['byRegion'][number]>[] = [
    { key: 'region', header: t('africa.region'), cell: (r) => t(`region.${r.region}` as MessageKey) },
    { key: 'active', header: t('africa.active'), cell: (r) => r.active },
    { key: 'completed', header: t('africa.completed'), cell: (r) => r.completed },
  ];
  const countryColumns: Column<Support['byCountry'][number]>[] = [
    { key: 'country', header: t('africa.country'), cell: (c) => `${c.name} (${c.country})` },
    { key: 'active', header: t('africa.active'), cell: (c) => c.active },
    { key: 'completed', header: t('africa.completed'), cell: (c) => c.completed },
  ];
  const joinedColumns: Column<Support['joinedAfterSupport'][number]>[] = [
    { key: 'name', header: t('partnerships.african'), cell: (c) => `${c.name} (${c.country})` },
    { key: 'since', header: t('africa.supportSince'), cell: (c) => <DateText value={c.supportSince} /> },
    { key: 'joined', header: t('africa.yearJoined'), cell: (c) => c.yearJoined },
  ];
  return (
    <>
      <PageHeader title={t('africa.heading')} />
      <QueryState query={support}>
        {(s) => (
          <Stack gap="xl">
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              {count(t('africa.partnerships'), s.totals.active + s.totals.completed)}
              {count(t('africa.active'), s.totals.active)}
              {count(t('africa.completed'), s.totals.completed)}
              {count(t('africa.cities'), s.totals.cities)}
            </SimpleGrid>
            {s.byCountry.length > 0 && (
              <Suspense fallback={null}>
                <SupportChart rows={s.byCountry} />
              </Suspense>
            )}
            <section>
              <Title order={2} size="h4" mb="xs">
                {t('africa.byRegion')}
              </Title>
              <DataTable
                rows={s.byRegion}
                columns={regionColumns}
                rowKey={(r) => r.region}
                caption={t('africa.byRegion')}
              />
            </section>
            <section>
              <Title order={2} size="h4" mb="xs">
                {t('africa.byCountry')}
              </Title>
              <DataTable
                rows={s.byCountry}
                columns={countryColumns}
                rowKey={(c) => c.country}
                caption={t('africa.byCountry')}
              />
            </section>
            <section>
              <Title order={2} size="h4" mb="xs">
                {t('africa.joined')}
              </Title>
              {s.joinedAfterSupport.length === 0 ? (
                <EmptyState title={t('africa.noneJoined')} />
              ) : (
                <DataTable
                  rows={s.joinedAfterSupport}
                  columns={joinedColumns}
                  rowKey={(c) => c.cityId}
                  caption={t('africa.joined')}
                />
              )}
            </section>
          </Stack>
        )}
      </QueryState>
    </>
  );
}
