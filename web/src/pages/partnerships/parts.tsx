// Pieces of a partnership shared by the console and the city portal: its facts, reports and
// activities, and the two forms of the supporting city (a progress report, an activity).
import { Badge, Button, Card, List, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { api, unwrap, type Schemas } from '../../api/client';
import { useT } from '../../i18n';
import { ApiForm } from '../../ui/form-modal';
import { DateText, StatusBadge } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { EmptyState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DataTable, type Column } from '../../ui/table';

type Partnership = Schemas['Partnership'];
const INVALIDATE = ['/partnerships', '/partnerships/{id}', '/calendar'];

export function Facts({ p }: { p: Partnership }) {
  const t = useT();
  const fact = (label: string, value: React.ReactNode) => (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="div">{value}</Text>
    </div>
  );
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {fact(t('partnerships.status'), <StatusBadge value={p.status} />)}
        {fact(t('partnerships.kind'), t(`partnerships.kind.${p.kind}`))}
        {fact(t('partnerships.supporting'), `${p.supportingCity.name} (${p.supportingCity.country})`)}
        {fact(
          t('partnerships.african'),
          <>
            {p.africanCity.name} ({p.africanCity.country}) <StatusBadge value={p.africanCity.status} />
          </>,
        )}
        {fact(t('partnerships.donor'), p.donor?.name ?? t('partnerships.noDonor'))}
        {fact(t('partnerships.startsOn'), <DateText value={p.startsOn} />)}
        {fact(
          t('partnerships.nextReport'),
          p.nextReport ? (
            <>
              {t('partnerships.reportN', { n: p.nextReport.seq })} — <DateText value={p.nextReport.dueAt} />
            </>
          ) : (
            t('partnerships.noNextReport')
          ),
        )}
        {p.outcome && fact(t('partnerships.outcome'), t(`partnerships.outcome.${p.outcome}`))}
      </SimpleGrid>
      <div>
        <Title order={2} size="h4">
          {t('partnerships.goals')}
        </Title>
        <List>
          {p.goals.map((g) => (
            <List.Item key={g}>{g}</List.Item>
          ))}
        </List>
      </div>
    </Stack>
  );
}

export function Reports({ p }: { p: Partnership }) {
  const t = useT();
  const columns: Column<Partnership['reports'][number]>[] = [
    { key: 'seq', header: t('partnerships.reportN', { n: '' }).trim(), cell: (r) => r.seq },
    { key: 'due', header: t('partnerships.due'), cell: (r) => <DateText value={r.dueAt} /> },
    { key: 'submitted', header: t('partnerships.submitted'), cell: (r) => <DateText value={r.submittedAt} /> },
    {
      key: 'late',
      header: t('partnerships.status'),
      cell: (r) => (
        <Badge variant="light" color={r.late ? 'orange' : 'green'}>
          {r.late ? t('partnerships.late') : t('partnerships.onTime')}
        </Badge>
      ),
    },
    { key: 'summary', header: t('partnerships.summary'), cell: (r) => r.summary },
    { key: 'next', header: t('partnerships.nextSteps'), cell: (r) => r.nextSteps ?? '' },
  ];
  return (
    <section>
      <Title order={2} size="h4" mb="xs">
        {t('partnerships.reports')}
      </Title>
      {p.reports.length === 0 ? (
        <EmptyState title={t('partnerships.noReports')} />
      ) : (
        <DataTable rows={p.reports} columns={columns} rowKey={(r) => r.id} caption={t('partnerships.reports')} />
      )}
    </section>
  );
}

export function Activities({ p }: { p: Partnership }) {
  const t = useT();
  const columns: Column<Partnership['activities'][number]>[] = [
    { key: 'title', header: t('partnerships.activityTitle'), cell: (a) => a.title },
    {
      key: 'start',
      header: t('partnerships.startsAt'),
      cell: (a) => <DateText value={a.startsAt} time zone={a.timezone} />,
    },
    { key: 'end', header: t('partnerships.endsAt'), cell: (a) => <DateText value={a.endsAt} time zone={a.timezone} /> },
    { key: 'location', header: t('partnerships.location'), cell: (a) => a.location ?? '' },
  ];
  return (
    <section>
      <Title order={2} size="h4" mb="xs">
        {t('partnerships.activities')}
      </Title>
      {p.activities.length === 0 ? (
        <EmptyState title={t('partnerships.noActivities')} />
      ) : (
        <DataTable rows={p.activities} columns={columns} rowKey={(a) => a.id} caption={t('partnerships.activities')} />
      )}
    </section>
  );
}

/** The supporting city's progress report for the next period. */
export function ReportForm({ p }: { p: Partnership }) {
  const t = useT();
  const form = useProblemForm({ summary: '', nextSteps: '' });
  const submit = useSubmit(
    async () =>
      unwrap(
        await api.POST('/partnerships/{id}/reports', {
          params: { path: { id: p.id } },
          body: {
            summary: form.values.summary,
            ...(form.values.nextSteps.trim() ? { nextSteps: form.values.nextSteps } : {}),
          },
        }),
      ),
    { form, success: t('partnerships.reportSubmitted'), invalidate: INVALIDATE, onSuccess: () => form.reset() },
  );
  return (
    <Card withBorder>
      <ApiForm form={form} submit={submit} label={t('partnerships.submitReport')}>
        <Title order={2} size="h4">
          {t('partnerships.submitReport')}
          {p.nextReport ? ` — ${t('partnerships.reportN', { n: p.nextReport.seq })}` : ''}
        </Title>
        <Textarea label={t('partnerships.summary')} required autosize minRows={3} {...form.text('summary')} />
        <Textarea label={t('partnerships.nextSteps')} autosize minRows={2} {...form.text('nextSteps')} />
        <Button type="submit" loading={submit.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('partnerships.submitReport')}
        </Button>
      </ApiForm>
    </Card>
  );
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const instant = (local: string) => {
  const d = new Date(local);
  return local && !Number.isNaN(d.getTime()) ? d.toISOString() : local;
};

/** A dated activity of the partnership (in the common schedule). */
export function ActivityForm({ p }: { p: Partnership }) {
  const t = useT();
  const form = useProblemForm({
    title: '',
    description: '',
    startsAt: '',
    endsAt: '',
    timezone: browserZone(),
    location: '',
  });
  const submit = useSubmit(
    async () => {
      const v = form.values;
      return unwrap(
        await api.POST('/partnerships/{id}/activities', {
          params: { path: { id: p.id } },
          body: {
            title: v.title,
            ...(v.description.trim() ? { description: v.description } : {}),
            startsAt: instant(v.startsAt),
            ...(v.endsAt ? { endsAt: instant(v.endsAt) } : {}),
            timezone: v.timezone,
            ...(v.location.trim() ? { location: v.location } : {}),
          },
        }),
      );
    },
    { form, success: t('partnerships.activityAdded'), invalidate: INVALIDATE, onSuccess: () => form.reset() },
  );
  return (
    <Card withBorder>
      <ApiForm form={form} submit={submit} label={t('partnerships.addActivity')}>
        <Title order={2} size="h4">
          {t('partnerships.addActivity')}
        </Title>
        <TextInput label={t('partnerships.activityTitle')} required {...form.text('title')} />
        <Textarea label={t('partnerships.activityDescription')} autosize minRows={2} {...form.text('description')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('partnerships.startsAt')} type="datetime-local" required {...form.text('startsAt')} />
          <TextInput label={t('partnerships.endsAt')} type="datetime-local" {...form.text('endsAt')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('partnerships.timezone')} {...form.text('timezone')} />
          <TextInput label={t('partnerships.location')} {...form.text('location')} />
        </SimpleGrid>
        <Button type="submit" loading={submit.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('partnerships.addActivity')}
        </Button>
      </ApiForm>
    </Card>
  );
}
