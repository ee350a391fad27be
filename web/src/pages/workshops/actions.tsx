// A workshop's actions for the secretariat: reschedule it, answer the invitation for a city, record
// its outcomes and attendance. The API's field errors show beside their fields.
import {
  Button,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { EnumSelect } from '../../ui/fields';
import { FormModal } from '../../ui/form-modal';
import { useProblemForm, type FieldErrors } from '../../ui/problem-form';
import { useSubmit } from '../../ui/submit';
import { TIME_ZONES, zonedToIso } from './list';

type Workshop = Schemas['Workshop'];
type Invitation = NonNullable<Workshop['invitations']>[number];
const INVALIDATE = ['/workshops', '/calendar', '/peer-learning'];
const RESPONSES = ['yes', 'no', 'maybe'] as const;

/** An ISO instant as a datetime-local value ("2026-03-04T09:30") in `zone`. */
export function isoToZoned(iso: string | null, zone: string): string {
  if (!iso) return '';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The first error at `name` or below it (successes.3 → shown under "successes"). */
const errorUnder = (errors: FieldErrors, name: string) =>
  Object.entries(errors).find(([k]) => k === name || k.startsWith(`${name}.`))?.[1];

export function Reschedule({ workshop: w, onClose }: { workshop: Workshop; onClose: () => void }) {
  const { t } = useI18n();
  const zone = w.timezone ?? 'UTC';
  const form = useProblemForm({
    startsAt: isoToZoned(w.startsAt, zone),
    endsAt: isoToZoned(w.endsAt, zone),
    rsvpBy: isoToZoned(w.rsvpBy, zone),
    timezone: zone as string | null,
    venue: w.venue ?? '',
    onlineUrl: w.onlineUrl ?? '',
  });
  const submit = useSubmit(
    async () => {
      const v = form.values;
      const tz = v.timezone ?? 'UTC';
      const at = (x: string) => (x ? zonedToIso(x, tz) : '');
      const body: {
        startsAt: string;
        endsAt: string;
        rsvpBy: string;
        timezone: string;
        venue?: string;
        onlineUrl?: string;
      } = { startsAt: at(v.startsAt), endsAt: at(v.endsAt), rsvpBy: at(v.rsvpBy), timezone: tz };
      if (v.venue.trim()) body.venue = v.venue.trim();
      if (v.onlineUrl.trim()) body.onlineUrl = v.onlineUrl.trim();
      return unwrap(await api.POST('/workshops/{id}/reschedule', { params: { path: { id: w.id } }, body }));
    },
    { form, invalidate: INVALIDATE, success: t('console.workshop.rescheduled'), onSuccess: onClose },
  );
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('console.workshop.reschedule')}
      size="lg"
      submitLabel={t('console.workshop.reschedule')}
      form={form}
      submit={submit}
      before={
        <Text size="sm" c="dimmed">
          {t('console.workshop.rescheduleHelp')}
        </Text>
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('workshops.startsAt')} type="datetime-local" required {...form.text('startsAt')} />
        <TextInput label={t('workshops.endsAt')} type="datetime-local" required {...form.text('endsAt')} />
        <TextInput label={t('workshops.rsvpBy')} type="datetime-local" required {...form.text('rsvpBy')} />
        <Select
          label={t('workshops.timezone')}
          description={t('workshops.timezoneHelp')}
          searchable
          data={TIME_ZONES}
          allowDeselect={false}
          required
          {...form.field('timezone')}
        />
        <TextInput label={t('workshops.venue')} {...form.text('venue')} />
        <TextInput label={t('workshops.onlineUrl')} type="url" {...form.text('onlineUrl')} />
      </SimpleGrid>
    </FormModal>
  );
}

export function RsvpFor({
  workshop: w,
  invitation,
  onClose,
}: {
  workshop: Workshop;
  invitation: Invitation;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const form = useProblemForm({
    response: (invitation.response ?? 'yes') as string | null,
    attendees: invitation.attendees,
  });
  const submit = useSubmit(
    async () =>
      unwrap(
        await api.POST('/workshops/{id}/rsvp', {
          params: { path: { id: w.id } },
          body: {
            cityId: invitation.cityId,
            response: (form.values.response ?? '') as (typeof RESPONSES)[number],
            attendees: form.values.attendees,
          },
        }),
      ),
    { form, invalidate: INVALIDATE, success: t('console.workshop.answered'), onSuccess: onClose },
  );
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('console.workshop.answerFor', { city: invitation.cityName })}
      submitLabel={t('console.workshop.recordAnswer')}
      form={form}
      submit={submit}
    >
      <EnumSelect
        label={t('console.workshop.answer')}
        options={RESPONSES}
        prefix="console.rsvp"
        allowDeselect={false}
        required
        {...form.field('response')}
      />
      <TagsInput
        label={t('console.workshop.attendees')}
        description={t('console.workshop.attendeesHelp')}
        {...form.field('attendees')}
      />
    </FormModal>
  );
}

interface Doc {
  title: string;
  url: string;
}
const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function RecordOutcomes({ workshop: w, onClose }: { workshop: Workshop; onClose: () => void }) {
  const { t } = useI18n();
  const invitations = w.invitations ?? [];
  const form = useProblemForm({
    conceptualDefinition: '',
    summary: '',
    successes: '',
    challenges: '',
    documents: [] as Doc[],
    // Attendance starts from the answers: the cities that said yes, with the names they gave.
    attended: Object.fromEntries(
      invitations.map((i) => [i.cityId, { present: i.response === 'yes', attendees: i.attendees }]),
    ) as Record<string, { present: boolean; attendees: string[] }>,
  });
  const v = form.values;
  const setDoc = (n: number, patch: Partial<Doc>) =>
    form.setValue(
      'documents',
      v.documents.map((d, j) => (j === n ? { ...d, ...patch } : d)),
    );
  const setAttended = (cityId: string, patch: Partial<{ present: boolean; attendees: string[] }>) =>
    form.setValue('attended', { ...v.attended, [cityId]: { ...v.attended[cityId]!, ...patch } });
  const submit = useSubmit(
    async () => {
      const attendance = invitations
        .filter((i) => v.attended[i.cityId]?.present)
        .map((i) => ({ cityId: i.cityId, attendees: v.attended[i.cityId]?.attendees ?? [] }));
      return unwrap(
        await api.POST('/workshops/{id}/outcomes', {
          params: { path: { id: w.id } },
          body: {
            conceptualDefinition: v.conceptualDefinition,
            summary: v.summary,
            successes: lines(v.successes),
            challenges: lines(v.challenges),
            documents: v.documents.map((d) => ({ title: d.title, url: d.url.trim() })),
            ...(invitations.length ? { attendance } : {}),
          },
        }),
      );
    },
    { form, invalidate: INVALIDATE, success: t('console.workshop.outcomesRecorded'), onSuccess: onClose },
  );
  const e = form.errors;
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('console.workshop.recordOutcomes')}
      size="xl"
      submitLabel={t('console.workshop.recordOutcomes')}
      form={form}
      submit={submit}
    >
      <Textarea
        label={t('console.workshop.conceptualDefinition')}
        required
        autosize
        minRows={3}
        {...form.text('conceptualDefinition')}
      />
      <Textarea label={t('console.workshop.summary')} required autosize minRows={3} {...form.text('summary')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Textarea
          label={t('console.workshop.successes')}
          description={t('console.workshop.onePerLine')}
          autosize
          minRows={3}
          {...form.text('successes')}
          error={errorUnder(e, 'successes')}
        />
        <Textarea
          label={t('console.workshop.challenges')}
          description={t('console.workshop.onePerLine')}
          autosize
          minRows={3}
          {...form.text('challenges')}
          error={errorUnder(e, 'challenges')}
        />
      </SimpleGrid>
      <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
        <Text component="legend" fw={500} size="sm">
          {t('console.workshop.documents')}
        </Text>
        {v.documents.map((d, n) => (
          <SimpleGrid key={n} cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('console.workshop.documentTitle', { n: n + 1 })}
              required
              value={d.title}
              onChange={(ev) => setDoc(n, { title: ev.currentTarget.value })}
              error={e[`documents.${n}.title`]}
            />
            <TextInput
              label={t('console.workshop.documentUrl', { n: n + 1 })}
              type="url"
              required
              value={d.url}
              onChange={(ev) => setDoc(n, { url: ev.currentTarget.value })}
              error={e[`documents.${n}.url`]}
            />
          </SimpleGrid>
        ))}
        <Group>
          <Button
            variant="light"
            size="xs"
            onClick={() => form.setValue('documents', [...v.documents, { title: '', url: '' }])}
          >
            {t('console.workshop.addDocument')}
          </Button>
        </Group>
      </Stack>
      {invitations.length > 0 && (
        <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Text component="legend" fw={500} size="sm">
            {t('console.workshop.attendance')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('console.workshop.attendanceHelp')}
          </Text>
          {errorUnder(e, 'attendance') && (
            <Text size="sm" c="red" role="alert">
              {errorUnder(e, 'attendance')}
            </Text>
          )}
          {invitations.map((i) => (
            <SimpleGrid key={i.cityId} cols={{ base: 1, sm: 2 }}>
              <Checkbox
                label={i.cityName}
                checked={v.attended[i.cityId]?.present ?? false}
                onChange={(ev) => setAttended(i.cityId, { present: ev.currentTarget.checked })}
              />
              <TagsInput
                label={t('console.workshop.attendeesOf', { city: i.cityName })}
                value={v.attended[i.cityId]?.attendees ?? []}
                onChange={(a) => setAttended(i.cityId, { attendees: a })}
                disabled={!v.attended[i.cityId]?.present}
              />
            </SimpleGrid>
          ))}
        </Stack>
      )}
    </FormModal>
  );
}
