// The messages sent to the city (GET /notifications answers a city its own), each linking to the
// portal page where it acts.
import { Anchor, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { DateText } from '../../ui/format';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { PageFooter, useUrlFilters } from '../../ui/table';
import { portalPath } from './context';

export function Page() {
  const { t } = useI18n();
  const { limit, offset, page, setPage } = useUrlFilters([] as const);
  const messages = useApi('/notifications', { params: { query: { limit, offset } } });
  return (
    <>
      <PageHeader title={t('city.notifications.title')} />
      <QueryState query={messages}>
        {(d) =>
          d.items.length === 0 ? (
            <EmptyState title={t('city.notifications.none')} />
          ) : (
            <Stack gap="sm">
              {d.items.map((n) => {
                const to = portalPath(n.resource);
                return (
                  <Card withBorder key={n.id} component="article" aria-label={n.subject}>
                    <Group justify="space-between" align="flex-start" wrap="wrap">
                      <Text fw={600} size="sm">
                        {to ? (
                          <Anchor component={Link} to={to}>
                            {n.subject}
                          </Anchor>
                        ) : (
                          n.subject
                        )}
                      </Text>
                      <Text size="xs" c="dimmed">
                        <DateText value={n.createdAt} time />
                      </Text>
                    </Group>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>
                      {n.body}
                    </Text>
                  </Card>
                );
              })}
              <PageFooter data={d} page={page} setPage={setPage} />
            </Stack>
          )
        }
      </QueryState>
    </>
  );
}
