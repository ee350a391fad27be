// The partner's statement of contributions: a printable page (print CSS hides the frame and the
// buttons) and the same rows as a CSV file to download. Amounts in the original currency and in
// USD at the rate recorded with each receipt.
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { DateText, Money } from '../../ui/format';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { DataTable, type Column } from '../../ui/table';
import '../../ui/print.css';
import { ForDonor } from './donor';
import { optionLabel } from './labels';

type Statement = Schemas['DonorStatement'];
type Row = Statement['rows'][number];

function StatementView({ donorId }: { donorId: string }) {
  const { t } = useI18n();
  const statement = useApi('/donors/{id}/statement', { params: { path: { id: donorId }, query: { format: 'json' } } });
  const columns: Column<Row>[] = [
    { key: 'date', header: t('donor.statement.date'), cell: (r) => <DateText value={r.date} /> },
    { key: 'option', header: t('pledges.fundingOption'), cell: (r) => optionLabel(t, r) },
    { key: 'kind', header: t('pledges.kind'), cell: (r) => t(`donor.statement.kind.${r.kind}`) },
    { key: 'reference', header: t('pledges.receiptNumber'), cell: (r) => r.reference ?? '—' },
    {
      key: 'amount',
      header: t('donor.originalAmount'),
      cell: (r) => <Money value={r.amount} currency={r.currency} />,
    },
    { key: 'rate', header: t('donor.recordedRate'), cell: (r) => r.fxRateToUsd ?? '—' },
    { key: 'usd', header: t('donor.usdValue'), cell: (r) => (r.usd === null ? '—' : <Money value={r.usd} />) },
  ];
  return (
    <QueryState query={statement}>
      {(s) => (
        <Stack>
          <div>
            <Text fw={600}>{s.donor.name}</Text>
            <Text size="sm">
              {t('donor.statement.generated')} <DateText value={s.generatedAt} time />
            </Text>
          </div>
          {s.rows.length === 0 ? (
            <EmptyState title={t('donor.statement.empty')} />
          ) : (
            <DataTable
              rows={s.rows}
              columns={columns}
              rowKey={(r) => `${r.pledgeId}:${r.kind}:${r.date}:${r.reference ?? ''}:${r.amount}`}
              caption={t('donor.statement.title')}
            />
          )}
          <Card withBorder component="section" aria-labelledby="statement-totals" maw={480}>
            <Title order={2} size="h4" id="statement-totals" mb="xs">
              {t('donor.totals')}
            </Title>
            <dl style={{ margin: 0 }}>
              {s.totals.byCurrency.map((c) => (
                <Group key={c.currency} justify="space-between" py={2}>
                  <Text component="dt" size="sm">
                    {c.currency}
                  </Text>
                  <Text component="dd" m={0}>
                    <Money value={c.amount} currency={c.currency} />
                  </Text>
                </Group>
              ))}
              <Group justify="space-between" py={2}>
                <Text component="dt" size="sm" fw={600}>
                  {t('donor.statement.totalUsd')}
                </Text>
                <Text component="dd" m={0} fw={600}>
                  <Money value={s.totals.usd} />
                </Text>
              </Group>
            </dl>
            {s.totals.rowsWithoutRate > 0 && (
              <Text size="xs">{t('donor.statement.withoutRate', { n: s.totals.rowsWithoutRate })}</Text>
            )}
          </Card>
          <Text size="xs">{t('donor.statement.note')}</Text>
        </Stack>
      )}
    </QueryState>
  );
}

export function Page() {
  const { t } = useI18n();
  return (
    <ForDonor>
      {(id) => (
        <div className="printable">
          <PageHeader
            title={t('donor.statement.title')}
            actions={
              <Group gap="xs" className="no-print">
                <Button component="a" href={`/donors/${id}/statement?format=csv`} download>
                  {t('donor.statement.download')}
                </Button>
                <Button variant="default" onClick={() => window.print()}>
                  {t('donor.statement.print')}
                </Button>
              </Group>
            }
          />
          <StatementView donorId={id} />
        </div>
      )}
    </ForDonor>
  );
}
