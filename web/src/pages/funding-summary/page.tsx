// The funding summary of a biennium: the MDFM against its target, and the figures by funding
// option, donor type and focus (biennium and date in the URL); the same figures as a CSV download.
import { Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useApi } from '../../api/query';
import { useI18n, type MessageKey } from '../../i18n';
import { bienniaAround, currentBiennium } from '../../lib/biennium';
import { Money } from '../../ui/format';
import { FilterBar } from '../../ui/filters';
import { PageHeader } from '../../ui/shell';
import { LoadingState, QueryState } from '../../ui/states';
import { DataTable, useUrlFilters, type Column } from '../../ui/table';
import { asSummary, type Figures } from './summary';

const FundingChart = lazy(() => import('./chart'));

function Breakdown({ title, group, prefix }: { title: string; group: Record<string, Figures>; prefix: string }) {
  const { t } = useI18n();
  const label = (k: string) => {
    const key = `${prefix}.${k}` as MessageKey;
    const text = t(key);
    return text === key ? k.replace(/_/g, ' ') : text;
  };
  const rows = Object.entries(group).map(([key, f]) => ({ key, ...f }));
  const columns: Column<(typeof rows)[number]>[] = [
    { key: 'key', header: title, cell: (r) => label(r.key) },
    { key: 'pledged', header: t('funding.pledged'), cell: (r) => <Money value={r.pledged} /> },
    { key: 'received', header: t('funding.received'), cell: (r) => <Money value={r.received} /> },
    { key: 'outstanding', header: t('funding.outstanding'), cell: (r) => <Money value={r.outstanding} /> },
    { key: 'overdue', header: t('funding.overdue'), cell: (r) => <Money value={r.overdue} /> },
    { key: 'inKind', header: t('funding.inKind'), cell: (r) => <Money value={r.inKind} /> },
  ];
  return (
    <section aria-label={title}>
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm">{t('funding.nothingYet')}</Text>
      ) : (
        <DataTable rows={rows} columns={columns} rowKey={(r) => r.key} caption={title} />
      )}
    </section>
  );
}

export function Page() {
  const { t } = useI18n();
  const { all, setFilter } = useUrlFilters(['biennium', 'asOf'] as const);
  const biennium = all.biennium ?? currentBiennium();
  const query: { biennium: string; asOf?: string } = { biennium };
  if (all.asOf) query.asOf = all.asOf;
  const summary = useApi('/funding/summary', { params: { query } });
  // A plain link on the API's own origin: the session (or token) goes with it, and the answer's
  // Content-Disposition: attachment makes the browser save the file and stay on the page.
  const csv = `/funding/summary?${new URLSearchParams({ ...query, format: 'csv' }).toString()}`;
  return (
    <>
      <PageHeader
        title={t('funding.title')}
        actions={
          <Button component="a" href={csv} variant="default">
            {t('console.funding.downloadCsv')}
          </Button>
        }
      />
      <FilterBar wrap="wrap">
        <Select
          label={t('funding.biennium')}
          data={bienniaAround(currentBiennium())}
          value={biennium}
          onChange={(v) => setFilter('biennium', v)}
          allowDeselect={false}
          w={{ base: '100%', sm: 180 }}
        />
        <TextInput
          label={t('funding.asOf')}
          type="date"
          value={all.asOf ?? ''}
          onChange={(e) => setFilter('asOf', e.currentTarget.value)}
          w={{ base: '100%', sm: 180 }}
        />
      </FilterBar>
      <QueryState query={summary}>
        {(raw) => {
          const s = asSummary(raw);
          return (
            <Stack>
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <Card withBorder>
                  <Suspense fallback={<LoadingState />}>
                    <FundingChart summary={s} />
                  </Suspense>
                </Card>
                <Card withBorder>
                  <dl style={{ margin: 0 }}>
                    {(['target', 'pledged', 'received', 'outstanding', 'overdue', 'inKind'] as const).map((k) => (
                      <Group key={k} justify="space-between" py={4}>
                        <Text component="dt" size="sm">
                          {t(`funding.${k}`)}
                        </Text>
                        <Text component="dd" m={0} fw={600}>
                          <Money value={s[k]} />
                        </Text>
                      </Group>
                    ))}
                  </dl>
                  <Text size="xs" c="dimmed" mt="xs">
                    {s.inKindCountsTowardTarget ? t('funding.inKindCounts') : t('funding.inKindDoesNotCount')}
                  </Text>
                </Card>
              </SimpleGrid>
              <Breakdown title={t('funding.byFundingOption')} group={s.byFundingOption} prefix="fundingOption" />
              <Breakdown title={t('funding.byDonorType')} group={s.byDonorType} prefix="donorType" />
              <Breakdown title={t('funding.byFocus')} group={s.byFocus} prefix="focus" />
            </Stack>
          );
        }}
      </QueryState>
    </>
  );
}
