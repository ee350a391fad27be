// Who was invited and who answered (the secretariat may answer for a city), who attended, and the
// outcomes once recorded.
import { Anchor, Badge, Button, Card, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { DateText } from '../../ui/format';
import { EmptyState } from '../../ui/states';
import { DataTable, type Column } from '../../ui/table';
import { RsvpFor } from './actions';

type Workshop = Schemas['Workshop'];
type Invitation = NonNullable<Workshop['invitations']>[number];
const ANSWER_COLOURS = { yes: 'green', maybe: 'yellow', no: 'gray' } as const;

export function Invitations({ workshop: w }: { workshop: Workshop }) {
  const { t } = useI18n();
  const [answering, setAnswering] = useState<Invitation | null>(null);
  const open = w.status === 'invitations_open';
  const rows = w.invitations ?? [];
  const columns: Column<Invitation>[] = [
    { key: 'city', header: t('clusters.city'), cell: (i) => i.cityName },
    {
      key: 'answer',
      header: t('console.workshop.answer'),
      cell: (i) =>
        i.response ? (
          <Badge variant="light" color={ANSWER_COLOURS[i.response]}>
            {t(`console.rsvp.${i.response}`)}
          </Badge>
        ) : (
          <Badge variant="light" color="orange">
            {t('console.workshop.notAnswered')}
          </Badge>
        ),
    },
    { key: 'attendees', header: t('console.workshop.attendees'), cell: (i) => i.attendees.join(', ') || '—' },
    { key: 'at', header: t('console.workshop.answeredAt'), cell: (i) => <DateText value={i.respondedAt} time /> },
    ...(open
      ? [
          {
            key: 'act',
            header: t('elections.actions'),
            cell: (i: Invitation) => (
              <Button
                size="compact-xs"
                variant="light"
                onClick={() => setAnswering(i)}
                aria-label={t('console.workshop.answerFor', { city: i.cityName })}
              >
                {t('console.workshop.answerShort')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <section aria-labelledby="invitations">
      <Title order={2} size="h4" id="invitations" mb="xs">
        {t('console.workshop.invitations')}
      </Title>
      {rows.length === 0 ? (
        <EmptyState title={t('console.workshop.noInvitations')} />
      ) : (
        <DataTable rows={rows} columns={columns} rowKey={(i) => i.cityId} caption={t('console.workshop.invitations')} />
      )}
      {answering && <RsvpFor workshop={w} invitation={answering} onClose={() => setAnswering(null)} />}
    </section>
  );
}

interface Outcomes {
  conceptualDefinition?: string;
  summary?: string;
  successes?: string[];
  challenges?: string[];
  documents?: { title: string; url: string }[];
}

export function OutcomesView({ workshop: w }: { workshop: Workshop }) {
  const { t } = useI18n();
  if (!w.outcomes) return null;
  const o = w.outcomes as Outcomes;
  const names = new Map((w.invitations ?? []).map((i) => [i.cityId, i.cityName]));
  const attendance = w.attendance ?? [];
  const listed = (title: string, items: string[] | undefined) =>
    items && items.length > 0 ? (
      <div>
        <Text fw={500} size="sm">
          {title}
        </Text>
        <List size="sm">
          {items.map((s, n) => (
            <List.Item key={n}>{s}</List.Item>
          ))}
        </List>
      </div>
    ) : null;
  return (
    <Card withBorder component="section" aria-labelledby="outcomes">
      <Title order={2} size="h4" id="outcomes" mb="xs">
        {t('console.workshop.outcomes')}
      </Title>
      <Stack gap="sm">
        <div>
          <Text fw={500} size="sm">
            {t('console.workshop.conceptualDefinition')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {o.conceptualDefinition}
          </Text>
        </div>
        <div>
          <Text fw={500} size="sm">
            {t('console.workshop.summary')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {o.summary}
          </Text>
        </div>
        {listed(t('console.workshop.successes'), o.successes)}
        {listed(t('console.workshop.challenges'), o.challenges)}
        {o.documents && o.documents.length > 0 && (
          <div>
            <Text fw={500} size="sm">
              {t('console.workshop.documents')}
            </Text>
            <List size="sm">
              {o.documents.map((d, n) => (
                <List.Item key={n}>
                  <Anchor href={d.url} target="_blank" rel="noreferrer">
                    {d.title}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </div>
        )}
        <div>
          <Text fw={500} size="sm">
            {t('console.workshop.attendance')}
          </Text>
          {attendance.length === 0 ? (
            <Text size="sm">{t('console.workshop.nobodyAttended')}</Text>
          ) : (
            <List size="sm" aria-label={t('console.workshop.attendance')}>
              {attendance.map((a) => (
                <List.Item key={a.cityId}>
                  {names.get(a.cityId) ?? a.cityId}
                  {a.attendees.length > 0 && `: ${a.attendees.join(', ')}`}
                </List.Item>
              ))}
            </List>
          )}
        </div>
      </Stack>
    </Card>
  );
}
