// A coordinator's status report for a coordinator meeting: for each output of the cluster's work
// plan in force, the progress value, whether it is on track, and a note. Re-submitting replaces it
// until the due date; the page shows the cluster's aggregate as reported.
import { Anchor, Badge, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { FormError } from '../../ui/form-error';
import { FormActions } from '../../ui/form-modal';
import { DateText, StatusBadge } from '../../ui/format';
import { fieldErrorsOf, type FieldErrors } from '../../ui/problem-form';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { useMyCity } from './context';
import { Fact, Section } from './facts';

type Meeting = Schemas['CoordinatorMeeting'];
type ClusterReport = Meeting['clusters'][number];
const STATUSES = ['on_track', 'at_risk', 'off_track'] as const;
type Status = (typeof STATUSES)[number];

function Report({ meeting, cluster }: { meeting: Meeting; cluster: ClusterReport }) {
  const { t } = useI18n();
  const [rows, setRows] = useState(
    cluster.outputs.map((o) => ({
      key: o.key,
      value: (o.value ?? '') as number | string,
      status: (o.status === 'not_reported' ? null : o.status) as Status | null,
      note: '',
    })),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (i: number, patch: Partial<(typeof rows)[number]>) =>
    setRows((r) => r.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const submit = useSubmit(
    async () =>
      unwrap(
        await api.POST('/coordinator-meetings/{id}/reports', {
          params: { path: { id: meeting.id } },
          body: {
            cluster: cluster.cluster,
            progress: rows.map((r) => ({
              key: r.key,
              value: r.value === '' ? Number.NaN : Number(r.value),
              status: (r.status ?? '') as Status,
              ...(r.note.trim() ? { note: r.note.trim() } : {}),
            })),
          },
        }),
      ),
    {
      invalidate: ['/coordinator-meetings'],
      success: t('city.meeting.reportSaved'),
      form: {
        clear: () => {
          setErrors({});
          setFormError(null);
        },
        setProblem: (e) => {
          setErrors(fieldErrorsOf(e).fields);
          setFormError(e instanceof Error ? e.message : String(e));
        },
      },
    },
  );
  return (
    <form
      noValidate
      aria-label={t('city.meeting.reportFor', { cluster: cluster.cluster })}
      onSubmit={(e) => {
        e.preventDefault();
        submit.mutate(undefined);
      }}
    >
      <Stack gap="sm">
        <FormError message={formError} />
        {cluster.outputs.map((o, i) => (
          <Section key={o.key} id={`output-${o.key}`} title={o.title}>
            <Text size="xs" c="dimmed" mb="xs">
              {t('workPlans.target')}: {o.target.value} {o.target.unit}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NumberInput
                label={t('city.meeting.progress', { output: o.title })}
                min={0}
                required
                value={rows[i]!.value}
                onChange={(v) => set(i, { value: v })}
                error={errors[`progress.${i}.value`]}
              />
              <Select
                label={t('city.meeting.statusOf', { output: o.title })}
                required
                data={STATUSES.map((s) => ({ value: s, label: t(`city.outputStatus.${s}`) }))}
                value={rows[i]!.status}
                onChange={(v) => set(i, { status: v as Status | null })}
                error={errors[`progress.${i}.status`]}
              />
              <TextInput
                label={t('city.meeting.noteOf', { output: o.title })}
                value={rows[i]!.note}
                onChange={(e) => set(i, { note: e.currentTarget.value })}
                error={errors[`progress.${i}.note`]}
              />
            </SimpleGrid>
          </Section>
        ))}
        <FormActions submitLabel={t('city.meeting.submitReport')} loading={submit.isPending} />
      </Stack>
    </form>
  );
}

function MeetingPage({ m }: { m: Meeting }) {
  const { t } = useI18n();
  const { cityId } = useMyCity();
  const mine = m.expected.filter((e) => e.cityId === cityId).map((e) => e.cluster);
  const missing = new Set(m.missing.filter((e) => e.cityId === cityId).map((e) => e.cluster));
  const open = m.status === 'collecting';
  return (
    <>
      <PageHeader title={m.title}>
        <Group gap="xs" mt={4}>
          <StatusBadge value={m.status} />
          <Anchor component={Link} to="/city/coordinator-meetings" size="sm">
            {t('city.meeting.back')}
          </Anchor>
        </Group>
      </PageHeader>
      <Stack>
        <Section id="meeting-facts" title={t('elections.facts')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" m={0}>
            <Fact label={t('meetings.date')}>
              <DateText value={m.at} time />
            </Fact>
            <Fact label={t('meetings.reportsDue')}>
              <DateText value={m.reportDueAt} time />
            </Fact>
          </SimpleGrid>
        </Section>
        {m.clusters
          .filter((c) => mine.includes(c.cluster))
          .map((c) => (
            <Section
              key={c.cluster}
              id={`report-${c.cluster}`}
              title={t('city.meeting.reportFor', { cluster: c.cluster })}
            >
              <Group gap="xs" mb="sm">
                <Badge color={missing.has(c.cluster) ? 'yellow' : 'green'} variant="light" role="status">
                  {missing.has(c.cluster) ? t('city.meeting.toSubmit') : t('city.meeting.submitted')}
                </Badge>
                <StatusBadge value={c.status} />
              </Group>
              {c.outputs.length === 0 ? (
                <EmptyState title={t('workPlans.noPlan')} />
              ) : open ? (
                <Report meeting={m} cluster={c} />
              ) : (
                <Text size="sm">{t('city.meeting.closed')}</Text>
              )}
            </Section>
          ))}
      </Stack>
    </>
  );
}

export function Page() {
  const { id = '' } = useParams();
  const meeting = useApi('/coordinator-meetings/{id}', { params: { path: { id } } });
  return <QueryState query={meeting}>{(m) => <MeetingPage m={m} />}</QueryState>;
}
