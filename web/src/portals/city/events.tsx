// The city's schedule (GET /calendar answers a city its own events only): upcoming events, each
// linking to its page in the portal.
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n, type MessageKey } from '../../i18n';
import { DateText } from '../../ui/format';
import { EmptyState, QueryState } from '../../ui/states';
import { portalPath } from './context';

export function eventKindKey(kind: string): MessageKey {
  if (kind === 'workshop.rsvp_by') return 'calendar.kind.rsvpBy';
  if (kind === 'workshop.outcomes_due') return 'calendar.kind.outcomesDue';
  if (kind.startsWith('workshop.')) return 'calendar.kind.workshop';
  if (kind.startsWith('election.')) return 'calendar.kind.election';
  if (kind === 'coordinator_meeting') return 'calendar.kind.coordinatorMeeting';
  if (kind === 'report_due') return 'calendar.kind.reportDue';
  return 'calendar.kind.other';
}

const today = () => new Date().toISOString().slice(0, 10);

export function EventRow({ e }: { e: Schemas['CalendarEvent'] }) {
  const { t } = useI18n();
  const to = portalPath(e.url);
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" style={{ minWidth: 150 }}>
        <DateText value={e.allDay ? e.start.slice(0, 10) : e.start} time={!e.allDay} />
      </Text>
      <Stack gap={0}>
        <Group gap={6}>
          <Badge size="sm" variant="outline">
            {t(eventKindKey(e.kind))}
          </Badge>
          {e.cancelled && (
            <Badge size="sm" color="gray">
              {t('status.cancelled')}
            </Badge>
          )}
        </Group>
        {to ? (
          <Anchor component={Link} to={to} size="sm">
            {e.title}
          </Anchor>
        ) : (
          <Text size="sm">{e.title}</Text>
        )}
        {e.location && (
          <Text size="xs" c="dimmed">
            {e.location}
          </Text>
        )}
      </Stack>
    </Group>
  );
}

export function EventList({ cluster, limit = 50 }: { cluster?: string; limit?: number }) {
  const { t } = useI18n();
  const query: { from: string; limit: number; cluster?: string } = { from: today(), limit };
  if (cluster) query.cluster = cluster;
  const events = useApi('/calendar', { params: { query } });
  return (
    <QueryState query={events}>
      {(d) =>
        d.items.length === 0 ? (
          <EmptyState title={t('overview.nothingUpcoming')} />
        ) : (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {d.items.map((e) => (
              <li key={e.uid}>
                <EventRow e={e} />
              </li>
            ))}
          </Stack>
        )
      }
    </QueryState>
  );
}
