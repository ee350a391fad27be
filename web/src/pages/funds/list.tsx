// Funds: each fund's received, allocated, disbursed and available (USD), the CSV, and where the
// disbursements went (the Africa and LDC/low-income shares, derived from the cities' countries).
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n, type MessageKey } from '../../i18n';
import { Money } from '../../ui/format';
import { PageHeader } from '../../ui/shell';
import { QueryState } from '../../ui/states';
import { DataTable, type Column } from '../../ui/table';
import { IatiDownload } from './iati-download';

export const fundLabel = (key: string): MessageKey => `fund.${key}` as MessageKey;

export function Reach({ fund }: { fund?: Schemas['Fund']['fund'] }) {
  const { t, f } = useI18n();
  const reach = useApi('/funds/reach', { params: { query: fund ? { fund } : {} } });
  return (
    <Card withBorder component="section" aria-labelledby="reach">
      <Title order={2} size="h4" id="reach" mb={4}>
        {t('funds.reach')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('funds.reachHelp')}
      </Text>
      <QueryState query={reach} rows={2}>
        {(r) => (
          <SimpleGrid cols={{ base: 1, sm: 4 }} component="dl" m={0}>
            {(
              [
                ['funds.reach.disbursed', r.disbursed, null],
                ['funds.reach.africa', r.africa, r.africaShare],
                ['funds.reach.ldc', r.ldcOrLowIncome, r.ldcOrLowIncomeShare],
                ['funds.reach.focus', r.focus, r.focusShare],
              ] as const
            ).map(([k, usd, share]) => (
              <div key={k}>
                <Text component="dt" size="sm">
                  {t(k)}
                </Text>
                <Text component="dd" m={0} fw={600}>
                  <Money value={usd} />
                  {share !== null && (
                    <Text span size="sm" c="dimmed" ml={6}>
                      {t('funds.share', { share: f.percent(Number(share)) })}
                    </Text>
                  )}
                </Text>
              </div>
            ))}
          </SimpleGrid>
        )}
      </QueryState>
    </Card>
  );
}

export function Page() {
  const { t } = useI18n();
  const funds = useApi('/funds', { params: { query: {} } });
  const columns: Column<Schemas['Fund']>[] = [
    {
      key: 'fund',
      header: t('funds.fund'),
      cell: (r) => (
        <Anchor component={Link} to={`/funds/${r.fund}`}>
          {t(fundLabel(r.fund))}
        </Anchor>
      ),
    },
    { key: 'received', header: t('funds.received'), cell: (r) => <Money value={r.received} /> },
    { key: 'allocated', header: t('funds.allocated'), cell: (r) => <Money value={r.allocated} /> },
    { key: 'disbursed', header: t('funds.disbursed'), cell: (r) => <Money value={r.disbursed} /> },
    { key: 'available', header: t('funds.available'), cell: (r) => <Money value={r.available} /> },
  ];
  return (
    <>
      <PageHeader
        title={t('funds.title')}
        actions={
          <Group gap="xs">
            <Button component="a" variant="default" href="/funds?format=csv">
              {t('funds.csv')}
            </Button>
            <IatiDownload />
          </Group>
        }
      >
        <Text size="sm" c="dimmed">
          {t('funds.intro')}
        </Text>
      </PageHeader>
      <Stack>
        <QueryState query={funds}>
          {(d) => <DataTable rows={d.items} columns={columns} rowKey={(r) => r.fund} caption={t('funds.title')} />}
        </QueryState>
        <Reach />
      </Stack>
    </>
  );
}
