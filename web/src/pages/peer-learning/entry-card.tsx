// One peer-learning entry in a list, the same in the console and the city portal: title (a link to
// the entry where the reader has a page for it), kind, cluster, the start of its text, date and tags.
import { Anchor, Badge, Card, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { DateText } from '../../ui/format';

export function PeerEntryCard({ entry: e, href }: { entry: Schemas['PeerLearningEntry']; href?: string }) {
  const { t } = useI18n();
  return (
    <Card withBorder component="article" aria-labelledby={`entry-${e.id}`}>
      <Group justify="space-between" wrap="wrap">
        {href ? (
          <Anchor component={Link} to={href} fw={700} id={`entry-${e.id}`}>
            {e.title}
          </Anchor>
        ) : (
          <Text fw={700} id={`entry-${e.id}`}>
            {e.title}
          </Text>
        )}
        <Group gap={4}>
          <Badge variant="light">{t(`peerKind.${e.kind}`)}</Badge>
          <Badge variant="outline" color="gray">
            {e.cluster}
          </Badge>
        </Group>
      </Group>
      <Text size="sm" mt={4} lineClamp={href ? 3 : 4}>
        {e.body}
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        <DateText value={e.createdAt} /> {e.tags.length > 0 && `· ${e.tags.join(', ')}`}
      </Text>
    </Card>
  );
}
