// An election's results, the same for the console and the city portal: who was elected, quorum,
// the tallies; the console (`audit`) also shows the flags and the lot's seed and tickets, which
// let anyone check a tie-break.
import { Badge, Card, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { Schemas } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { DateText } from '../../ui/format';
import { DataTable, type Column } from '../../ui/table';

type Election = Schemas['Election'];

export function ElectionResults({
  election,
  names,
  audit = false,
}: {
  election: Election;
  names: Map<string, string>;
  audit?: boolean;
}) {
  const { t } = useI18n();
  const r = election.results;
  if (!r) return null;
  const elected = new Set(r.elected);
  const columns: Column<{ cityId: string; approvals: number }>[] = [
    { key: 'city', header: t('elections.candidate'), cell: (x) => names.get(x.cityId) ?? x.cityId },
    { key: 'approvals', header: t('elections.approvals'), cell: (x) => x.approvals },
    {
      key: 'elected',
      header: t('elections.outcome'),
      cell: (x) =>
        elected.has(x.cityId) ? (
          <Badge color="green" variant="light">
            {t('elections.elected')}
          </Badge>
        ) : (
          ''
        ),
    },
  ];
  return (
    <Card withBorder component="section" aria-labelledby="results">
      <Title order={2} size="h4" id="results" mb="xs">
        {t('elections.results')}
      </Title>
      <Stack gap="sm">
        <Text size="sm">
          {t('elections.electedCities')}: <strong>{r.elected.map((c) => names.get(c) ?? c).join(', ') || '—'}</strong>
        </Text>
        <Group gap="xs">
          <Badge color={r.quorumMet ? 'green' : 'orange'} variant="light">
            {r.quorumMet ? t('elections.quorumMet') : t('elections.quorumNotMet')}
          </Badge>
          {audit &&
            r.flags.map((f) => (
              <Badge key={f} variant="outline">
                {t(`elections.flag.${f}` as MessageKey)}
              </Badge>
            ))}
          <Text size="sm" c="dimmed">
            {t('elections.decidedAt')} <DateText value={r.decidedAt} time />
          </Text>
        </Group>
        {r.tallies.length > 0 && (
          <DataTable
            rows={[...r.tallies].sort((a, b) => b.approvals - a.approvals)}
            columns={columns}
            rowKey={(x) => x.cityId}
            caption={t('elections.tallies')}
          />
        )}
        {audit && r.lot && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('elections.lot')}
            </Text>
            <Text size="sm">
              {t('elections.lotMethod')}: <Code>{r.lot.method}</Code>
            </Text>
            <Text size="sm" style={{ wordBreak: 'break-all' }}>
              {t('elections.lotSeed')}: <Code>{r.lot.seed}</Code>
            </Text>
            <Table withTableBorder fz="xs" aria-label={t('elections.lotTickets')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('elections.candidate')}</Table.Th>
                  <Table.Th scope="col">{t('elections.ticket')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.lot.tickets.map((x) => (
                  <Table.Tr key={x.cityId}>
                    <Table.Td>{names.get(x.cityId) ?? x.cityId}</Table.Td>
                    <Table.Td style={{ wordBreak: 'break-all' }}>
                      <Code>{x.hash}</Code>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
