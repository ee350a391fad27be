// One workshop invitation: when and where (venue or online link), the experts, the city's answer
// (yes / no / maybe with attendee names, changeable until the RSVP deadline), and afterwards the
// materials and outcomes. A coordinator of the cluster also sees who has not answered and submits
// the outcomes.
import {
  Alert,
  Anchor,
  Group,
  List,
  Radio,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { ApiForm, FormActions } from '../../ui/form-modal';
import { DateText, StatusBadge } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { PageHeader } from '../../ui/shell';
import { QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { useCoordinates, useMemberNames, useMyCity } from './context';
import { Fact, Section } from './facts';

type Workshop = Schemas['Workshop'];
type Outcomes = {
  conceptualDefinition?: string;
  summary?: string;
  successes?: string[];
  challenges?: string[];
  documents?: { title: string; url: string }[];
};

function Rsvp({ workshop, mine }: { workshop: Workshop; mine: NonNullable<Workshop['rsvps']>[number] | undefined }) {
  const { t } = useI18n();
  const form = useProblemForm({
    response: (mine?.response ?? null) as 'yes' | 'no' | 'maybe' | null,
    attendees: mine?.attendees ?? ([] as string[]),
  });
  const submit = useSubmit(
    async () =>
      unwrap(
        await api.POST('/workshops/{id}/rsvp', {
          params: { path: { id: workshop.id } },
          body: {
            response: form.values.response ?? ('' as 'yes'),
            attendees: form.values.response === 'no' ? [] : form.values.attendees,
          },
        }),
      ),
    { form, invalidate: ['/workshops', '/calendar'], success: t('city.rsvp.saved') },
  );
  return (
    <ApiForm form={form} submit={submit} label={t('city.rsvp.title')} gap="sm">
      <Radio.Group
        label={t('city.rsvp.question')}
        required
        value={form.values.response ?? ''}
        onChange={(v) => form.setValue('response', v as 'yes' | 'no' | 'maybe')}
        error={form.errors.response}
      >
        <Group mt={4}>
          {(['yes', 'maybe', 'no'] as const).map((r) => (
            <Radio key={r} value={r} label={t(`city.rsvp.${r}`)} />
          ))}
        </Group>
      </Radio.Group>
      {form.values.response !== 'no' && (
        <TagsInput
          label={t('city.rsvp.attendees')}
          description={t('city.rsvp.attendeesHelp')}
          value={form.values.attendees}
          onChange={(v) => form.setValue('attendees', v)}
          error={form.errors.attendees}
        />
      )}
      <FormActions submitLabel={mine ? t('city.rsvp.change') : t('city.rsvp.send')} loading={submit.isPending} />
    </ApiForm>
  );
}

function OutcomesView({
  o,
  attendance,
  names,
}: {
  o: Outcomes;
  attendance: Workshop['attendance'];
  names: Map<string, string>;
}) {
  const { t } = useI18n();
  return (
    <Stack gap="xs">
      {o.conceptualDefinition && (
        <>
          <Text size="sm" fw={600}>
            {t('city.outcomes.definition')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {o.conceptualDefinition}
          </Text>
        </>
      )}
      {o.summary && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {o.summary}
        </Text>
      )}
      {(['successes', 'challenges'] as const).map(
        (k) =>
          (o[k]?.length ?? 0) > 0 && (
            <div key={k}>
              <Text size="sm" fw={600}>
                {t(`city.outcomes.${k}`)}
              </Text>
              <List size="sm">
                {o[k]!.map((s, i) => (
                  <List.Item key={i}>{s}</List.Item>
                ))}
              </List>
            </div>
          ),
      )}
      {(o.documents?.length ?? 0) > 0 && (
        <div>
          <Text size="sm" fw={600}>
            {t('city.outcomes.documents')}
          </Text>
          <List size="sm">
            {o.documents!.map((d) => (
              <List.Item key={d.url}>
                <Anchor href={d.url} target="_blank" rel="noreferrer">
                  {d.title}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </div>
      )}
      {attendance && attendance.length > 0 && (
        <Text size="sm">
          {t('city.outcomes.attendance')}: {attendance.map((a) => names.get(a.cityId) ?? a.cityId).join(', ')}
        </Text>
      )}
    </Stack>
  );
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function SubmitOutcomes({ workshop }: { workshop: Workshop }) {
  const { t } = useI18n();
  const form = useProblemForm({
    conceptualDefinition: '',
    summary: '',
    successes: '',
    challenges: '',
    docTitle: '',
    docUrl: '',
  });
  const [done, setDone] = useState(false);
  const submit = useSubmit(
    async () => {
      const v = form.values;
      return unwrap(
        await api.POST('/workshops/{id}/outcomes', {
          params: { path: { id: workshop.id } },
          body: {
            conceptualDefinition: v.conceptualDefinition,
            summary: v.summary,
            successes: lines(v.successes),
            challenges: lines(v.challenges),
            documents: v.docUrl.trim() ? [{ title: v.docTitle.trim() || v.docUrl.trim(), url: v.docUrl.trim() }] : [],
          },
        }),
      );
    },
    {
      form,
      invalidate: ['/workshops', '/peer-learning'],
      success: t('city.outcomes.submitted'),
      onSuccess: () => setDone(true),
    },
  );
  if (done) return null;
  return (
    <Section id="submit-outcomes" title={t('city.outcomes.submit')}>
      <ApiForm form={form} submit={submit} label={t('city.outcomes.submit')} gap="xs">
        <Textarea
          label={t('city.outcomes.definition')}
          required
          autosize
          minRows={2}
          {...form.text('conceptualDefinition')}
        />
        <Textarea label={t('city.outcomes.summary')} required autosize minRows={2} {...form.text('summary')} />
        <Textarea
          label={t('city.outcomes.successes')}
          description={t('city.outcomes.oneALine')}
          autosize
          minRows={2}
          {...form.text('successes')}
        />
        <Textarea
          label={t('city.outcomes.challenges')}
          description={t('city.outcomes.oneALine')}
          autosize
          minRows={2}
          {...form.text('challenges')}
        />
        <Group grow align="flex-start">
          <TextInput
            label={t('city.outcomes.docTitle')}
            {...form.text('docTitle')}
            error={form.errors['documents.0.title']}
          />
          <TextInput
            label={t('city.outcomes.docUrl')}
            {...form.text('docUrl')}
            error={form.errors['documents.0.url']}
          />
        </Group>
        <FormActions submitLabel={t('city.outcomes.submit')} loading={submit.isPending} />
      </ApiForm>
    </Section>
  );
}

function WorkshopPage({ w }: { w: Workshop }) {
  const { t } = useI18n();
  const { cityId } = useMyCity();
  const coordinator = useCoordinates(w.cluster);
  const { names } = useMemberNames(w.cluster);
  const mine = w.rsvps?.find((r) => r.cityId === cityId);
  const open = w.status === 'invitations_open' && !!w.rsvpBy && new Date(w.rsvpBy).getTime() > Date.now();
  const outcomes = (w.outcomes ?? null) as Outcomes | null;
  const after =
    w.status === 'awaiting_outcomes' || (w.status === 'rsvp_closed' && !!w.endsAt && new Date(w.endsAt) < new Date());
  return (
    <>
      <PageHeader title={w.title}>
        <Group gap="xs" mt={4}>
          <StatusBadge value={w.status} />
          <Text size="sm">{t(`workshopKind.${w.kind}`)}</Text>
          <Anchor component={Link} to="/city/workshops" size="sm">
            {t('city.workshops.back')}
          </Anchor>
        </Group>
      </PageHeader>
      <Stack>
        {w.cancelReason && (
          <Alert color="gray" title={t('status.cancelled')}>
            {w.cancelReason}
          </Alert>
        )}
        <Section id="when" title={t('city.workshop.when')}>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} component="dl" m={0}>
            <Fact label={t('workshops.startsAt')}>
              <DateText value={w.startsAt} time zone={w.timezone} />
            </Fact>
            <Fact label={t('workshops.endsAt')}>
              <DateText value={w.endsAt} time zone={w.timezone} />
            </Fact>
            <Fact label={t('workshops.rsvpBy')}>
              <DateText value={w.rsvpBy} time />
            </Fact>
            <Fact label={t('workshops.venue')}>{w.venue ?? '—'}</Fact>
            <Fact label={t('workshops.onlineUrl')}>
              {w.onlineUrl ? (
                <Anchor href={w.onlineUrl} target="_blank" rel="noreferrer" style={{ wordBreak: 'break-all' }}>
                  {w.onlineUrl}
                </Anchor>
              ) : (
                '—'
              )}
            </Fact>
            <Fact label={t('city.workshop.experts')}>
              {w.experts.map((e) => [e.name, e.organisation].filter(Boolean).join(', ')).join('; ') || '—'}
            </Fact>
          </SimpleGrid>
        </Section>
        <Section id="rsvp" title={t('city.rsvp.title')}>
          <Stack gap="sm">
            {mine ? (
              <Text size="sm" role="status">
                {t('city.rsvp.yours', { response: t(`city.rsvp.${mine.response}`) })}
                {mine.attendees.length > 0 && ` — ${mine.attendees.join(', ')}`}
              </Text>
            ) : (
              <Text size="sm">{t('city.rsvp.none')}</Text>
            )}
            {open ? (
              <>
                <Text size="sm" c="dimmed">
                  {t('city.rsvp.until')} <DateText value={w.rsvpBy} time />
                </Text>
                <Rsvp key={mine?.respondedAt ?? 'new'} workshop={w} mine={mine} />
              </>
            ) : (
              <Text size="sm" c="dimmed">
                {t('city.rsvp.closed')}
              </Text>
            )}
          </Stack>
        </Section>
        {!!coordinator && w.unanswered && (
          <Section id="unanswered" title={t('city.workshop.unanswered')}>
            {w.unanswered.length === 0 ? (
              <Text size="sm">{t('city.workshop.allAnswered')}</Text>
            ) : (
              <List size="sm">
                {w.unanswered.map((c) => (
                  <List.Item key={c}>{names.get(c) ?? c}</List.Item>
                ))}
              </List>
            )}
          </Section>
        )}
        <Section id="outcomes" title={t('city.outcomes.title')}>
          {outcomes ? (
            <OutcomesView o={outcomes} attendance={w.attendance} names={names} />
          ) : (
            <Text size="sm">{t('city.outcomes.none')}</Text>
          )}
        </Section>
        {!!coordinator && !outcomes && after && <SubmitOutcomes workshop={w} />}
      </Stack>
    </>
  );
}

export function Page() {
  const { id = '' } = useParams();
  const workshop = useApi('/workshops/{id}', { params: { path: { id } } }, { refetchInterval: 10_000 });
  return <QueryState query={workshop}>{(w) => <WorkshopPage w={w} />}</QueryState>;
}
