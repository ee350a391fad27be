// One workshop: when (the reader's time and the workshop's own zone), RSVPs, cancel with a reason;
// reschedule, answer for a city, record outcomes and attendance (actions.tsx, invitations.tsx).
import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { DateText, StatusBadge } from '../../ui/format';
import { PageHeader } from '../../ui/shell';
import { ReasonModal } from '../../ui/reason-modal';
import { QueryState } from '../../ui/states';
import { RecordOutcomes, Reschedule } from './actions';
import { Invitations, OutcomesView } from './invitations';

const MOVABLE = ['planning', 'invitations_open', 'rsvp_closed'];

function Cancel({
  workshop,
  opened,
  onClose,
}: {
  workshop: Schemas['Workshop'];
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <ReasonModal
      opened={opened}
      onClose={onClose}
      title={t('workshops.cancel')}
      run={async (reason) =>
        unwrap(await api.POST('/workshops/{id}/cancel', { params: { path: { id: workshop.id } }, body: { reason } }))
      }
      invalidate={['/workshops', '/calendar']}
      success={t('workshops.cancelled')}
    />
  );
}

export function Page() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const workshop = useApi('/workshops/{id}', { params: { path: { id } } }, { refetchInterval: 10_000 });
  const [cancelling, cancelModal] = useDisclosure(false);
  const [moving, moveModal] = useDisclosure(false);
  const [recording, recordModal] = useDisclosure(false);
  return (
    <QueryState query={workshop}>
      {(w) => (
        <>
          <PageHeader
            title={w.title}
            actions={
              <>
                {w.status === 'awaiting_outcomes' && (
                  <Button onClick={recordModal.open}>{t('console.workshop.recordOutcomes')}</Button>
                )}
                {MOVABLE.includes(w.status) && (
                  <Button variant="default" onClick={moveModal.open}>
                    {t('console.workshop.reschedule')}
                  </Button>
                )}
                {w.status !== 'cancelled' && w.status !== 'completed' && (
                  <Button color="red" variant="light" onClick={cancelModal.open}>
                    {t('workshops.cancel')}
                  </Button>
                )}
              </>
            }
          >
            <Group gap="xs" mt={4}>
              <StatusBadge value={w.status} />
              <Text size="sm">{t(`workshopKind.${w.kind}`)}</Text>
              <Anchor component={Link} to={`/clusters/${w.cluster}`} size="sm">
                {w.cluster}
              </Anchor>
            </Group>
          </PageHeader>
          <Stack>
            {w.cancelReason && (
              <Alert color="gray" title={t('status.cancelled')}>
                {w.cancelReason}
              </Alert>
            )}
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Card withBorder>
                <dl style={{ margin: 0 }}>
                  {(
                    [
                      ['workshops.startsAt', w.startsAt],
                      ['workshops.endsAt', w.endsAt],
                      ['workshops.rsvpBy', w.rsvpBy],
                      ['workshops.outcomesDue', w.outcomesDueAt],
                    ] as const
                  ).map(([k, v]) => (
                    <div key={k}>
                      <Text component="dt" size="xs" c="dimmed">
                        {t(k)}
                      </Text>
                      <Text component="dd" m={0} size="sm" mb="xs">
                        <DateText value={v} time zone={w.timezone} />
                      </Text>
                    </div>
                  ))}
                </dl>
                <Text size="sm">{[w.venue, w.onlineUrl].filter(Boolean).join(' · ') || '—'}</Text>
              </Card>
              <Card withBorder component="section" aria-labelledby="rsvps">
                <Title order={2} size="h4" id="rsvps" mb="xs">
                  {t('workshops.rsvps')}
                </Title>
                <Text size="sm">
                  {t('workshops.rsvpSummary', {
                    invited: w.invited,
                    yes: w.rsvpCounts.yes,
                    maybe: w.rsvpCounts.maybe,
                    no: w.rsvpCounts.no,
                    pending: w.rsvpCounts.pending,
                  })}
                </Text>
              </Card>
            </SimpleGrid>
            <OutcomesView workshop={w} />
            {w.invitations && <Invitations workshop={w} />}
          </Stack>
          <Cancel workshop={w} opened={cancelling} onClose={cancelModal.close} />
          {moving && <Reschedule workshop={w} onClose={moveModal.close} />}
          {recording && <RecordOutcomes workshop={w} onClose={recordModal.close} />}
        </>
      )}
    </QueryState>
  );
}
