// One coordinator meeting: each cluster's progress against its work plan outputs.
import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import type { Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { DateText, StatusBadge } from '../../ui/format';
import { PageHeader } from '../../ui/shell';
import { QueryState } from '../../ui/states';
import { DataTable, type Column } from '../../ui/table';

type Output = Schemas['CoordinatorMeeting']['clusters'][number]['outputs'][number];

export function Page() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const meeting = useApi('/coordinator-meetings/{id}', { params: { path: { id } } });
  const columns: Column<Output>[] = [
    { key: 'title', header: t('workPlans.output'), cell: (o) => o.title },
    { key: 'target', header: t('workPlans.target'), cell: (o) => `${o.target.value} ${o.target.unit}` },
    { key: 'value', header: t('meetings.value'), cell: (o) => o.value ?? '—' },
    { key: 'status', header: t('meetings.status'), cell: (o) => <StatusBadge value={o.status} /> },
  ];
  return (
    <QueryState query={meeting}>
      {(m) => (
        <>
          <PageHeader title={m.title}>
            <Group gap="xs" mt={4}>
              <StatusBadge value={m.status} />
              <Text size="sm">
                <DateText value={m.at} time />
              </Text>
              {m.escalated && <Badge color="orange">{t('meetings.escalated')}</Badge>}
            </Group>
          </PageHeader>
          <Stack>
            {m.clusters.map((c) => (
              <Card withBorder key={c.cluster} component="section" aria-labelledby={`cluster-${c.cluster}`}>
                <Group justify="space-between" mb="xs">
                  <Title order={2} size="h4" id={`cluster-${c.cluster}`}>
                    {c.cluster}
                  </Title>
                  <StatusBadge value={c.status} />
                </Group>
                <DataTable rows={c.outputs} columns={columns} rowKey={(o) => o.key} caption={c.cluster} />
              </Card>
            ))}
          </Stack>
        </>
      )}
    </QueryState>
  );
}
