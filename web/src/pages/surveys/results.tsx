// One survey for the secretariat: response rates per cluster, results per question (and per
// cluster where shown), the CSV, and closing or cancelling it.
import { Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useT } from '../../i18n';
import { DateText, StatusBadge } from '../../ui/format';
import { PageHeader } from '../../ui/shell';
import { QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DataTable, type Column } from '../../ui/table';

type Result = Schemas['SurveyResults']['questions'][number];

function ResultBlock({ r, prompt }: { r: Result; prompt: string }) {
  const t = useT();
  return (
    <Card withBorder>
      <Text fw={600}>{prompt}</Text>
      <Text size="sm" c="dimmed">
        {t('surveys.answeredBy', { n: r.answered })}
        {r.mean ? ` — ${t('surveys.mean', { mean: r.mean })}` : ''}
      </Text>
      {r.counts && (
        <Table mt="xs" aria-label={prompt}>
          <Table.Tbody>
            {r.counts.map((c) => (
              <Table.Tr key={c.option}>
                <Table.Td>{c.option}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{c.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {r.texts && (
        <Stack gap={4} mt="xs">
          {r.texts.map((x, i) => (
            <Text key={i} size="sm">
              “{x}”
            </Text>
          ))}
        </Stack>
      )}
    </Card>
  );
}

export function Page() {
  const t = useT();
  const { id = '' } = useParams();
  const survey = useApi('/surveys/{id}', { params: { path: { id } } });
  const results = useApi('/surveys/{id}/results', { params: { path: { id }, query: { format: 'json' } } });
  const close = useSubmit(async () => unwrap(await api.POST('/surveys/{id}/close', { params: { path: { id } } })), {
    success: t('surveys.closed'),
    invalidate: ['/surveys', '/surveys/{id}', '/surveys/{id}/results'],
  });
  const rateColumns: Column<{ cluster: string; addressees: number; respondents: number }>[] = [
    { key: 'cluster', header: t('surveys.cluster'), cell: (r) => r.cluster },
    {
      key: 'rate',
      header: t('surveys.responses'),
      cell: (r) => t('surveys.rate', { n: r.respondents, of: r.addressees }),
    },
  ];
  return (
    <QueryState query={survey}>
      {(s) => (
        <>
          <PageHeader
            title={s.title}
            actions={
              <Group>
                <Anchor href={`/surveys/${s.id}/results?format=csv`} download>
                  {t('surveys.csv')}
                </Anchor>
                {s.status === 'open' && (
                  <Button variant="light" loading={close.isPending} onClick={() => close.mutate(undefined)}>
                    {t('surveys.close')}
                  </Button>
                )}
              </Group>
            }
          >
            <Group gap="xs" mt={4}>
              <StatusBadge value={s.status} />
              <Text size="sm">
                {t('surveys.closesAt')}: <DateText value={s.closesAt} time />
              </Text>
              <Text size="sm">{t('surveys.rate', { n: s.respondents ?? 0, of: s.addressees ?? 0 })}</Text>
              {s.anonymous && <Text size="sm">{t('surveys.anonymousNote')}</Text>}
            </Group>
          </PageHeader>
          <Title order={2} size="h4" mb="xs">
            {t('surveys.rates')}
          </Title>
          <DataTable
            rows={s.rates ?? []}
            columns={rateColumns}
            rowKey={(r) => r.cluster}
            caption={t('surveys.rates')}
          />
          <Title order={2} size="h4" mt="lg" mb="xs">
            {t('surveys.results')}
          </Title>
          <QueryState query={results}>
            {(r) => (
              <Stack>
                {r.questions.map((q) => (
                  <ResultBlock key={q.id} r={q} prompt={s.questions.find((x) => x.id === q.id)?.prompt ?? q.id} />
                ))}
                {r.clusters.map((c) => (
                  <Stack key={c.cluster} gap="xs">
                    <Title order={3} size="h5">
                      {c.cluster}
                    </Title>
                    {c.questions ? (
                      c.questions.map((q) => (
                        <ResultBlock key={q.id} r={q} prompt={s.questions.find((x) => x.id === q.id)?.prompt ?? q.id} />
                      ))
                    ) : (
                      <Text size="sm">{t('surveys.suppressed')}</Text>
                    )}
                  </Stack>
                ))}
              </Stack>
            )}
          </QueryState>
        </>
      )}
    </QueryState>
  );
}
