// The representative writes the city's progress report for a biennium: strategies and activities
// for lifelong learning and a few figures, editable until the due date. Each field's error from
// the API is shown beside it.
import { Alert, Button, Checkbox, Group, NumberInput, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useEffect } from 'react';
import { useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../../api/client';
import { useApi } from '../../../api/query';
import { useT } from '../../../i18n';
import { DateText, StatusBadge } from '../../../ui/format';
import { useProblemForm } from '../../../ui/problem-form';
import { PageHeader } from '../../../ui/shell';
import { QueryState } from '../../../ui/states';
import { useSubmit } from '../../../ui/submit';
import { useMyCity } from '../context';

type Report = Schemas['ProgressReport'];
type Area = Report['focusAreas'][number];
const AREAS: Area[] = [
  'literacy',
  'digital',
  'health',
  'sustainability',
  'citizenship',
  'inclusion',
  'employment',
  'culture',
];

function ReportForm({ report }: { report: Report }) {
  const t = useT();
  const form = useProblemForm({
    strategies: report.strategies ?? '',
    activities: report.activities ?? '',
    learnersReached: report.learnersReached as number | string | null,
    partnerships: report.partnerships as number | string | null,
    focusAreas: report.focusAreas as string[],
  });
  useEffect(() => {
    form.reset({
      strategies: report.strategies ?? '',
      activities: report.activities ?? '',
      learnersReached: report.learnersReached,
      partnerships: report.partnerships,
      focusAreas: report.focusAreas,
    });
    // Only when the stored report changes: the form is the user's afterwards.
  }, [report.updatedAt]);
  const num = (v: number | string | null) => (typeof v === 'number' ? v : null);
  const submit = useSubmit(
    async () =>
      unwrap(
        await api.PUT('/progress-reports/cycles/{biennium}/reports/{cityId}', {
          params: { path: { biennium: report.biennium, cityId: report.cityId } },
          body: {
            strategies: form.values.strategies,
            activities: form.values.activities,
            learnersReached: num(form.values.learnersReached),
            partnerships: num(form.values.partnerships),
            focusAreas: form.values.focusAreas as Area[],
          },
        }),
      ),
    {
      form,
      success: t('progress.saved'),
      invalidate: ['/progress-reports/cycles', '/progress-reports/cycles/{biennium}/reports/{cityId}'],
    },
  );
  const disabled = !report.editable;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit.mutate(undefined);
      }}
    >
      <Stack gap="md" maw={720}>
        {form.formError && (
          <Alert color="red" role="alert">
            {form.formError}
          </Alert>
        )}
        {disabled ? (
          <Alert color="gray">{t('progress.notEditable')}</Alert>
        ) : (
          <Text size="sm">{t('progress.editableUntil')}</Text>
        )}
        <Textarea
          label={t('progress.strategies')}
          required
          autosize
          minRows={3}
          maxLength={4000}
          disabled={disabled}
          {...form.text('strategies')}
        />
        <Textarea
          label={t('progress.activities')}
          required
          autosize
          minRows={3}
          maxLength={4000}
          disabled={disabled}
          {...form.text('activities')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('progress.learnersReached')}
            min={0}
            max={100_000_000}
            allowDecimal={false}
            disabled={disabled}
            {...form.field('learnersReached')}
            value={form.values.learnersReached ?? ''}
          />
          <NumberInput
            label={t('progress.partnerships')}
            min={0}
            max={10_000}
            allowDecimal={false}
            disabled={disabled}
            {...form.field('partnerships')}
            value={form.values.partnerships ?? ''}
          />
        </SimpleGrid>
        <Checkbox.Group label={t('progress.focusAreas')} {...form.field('focusAreas')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt={4} spacing={4}>
            {AREAS.map((a) => (
              <Checkbox key={a} value={a} label={t(`progress.area.${a}`)} disabled={disabled} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        {!disabled && (
          <Group>
            <Button type="submit" loading={submit.isPending}>
              {report.status === 'submitted' ? t('progress.update') : t('progress.submit')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

export function Page() {
  const t = useT();
  const { biennium = '' } = useParams();
  const { cityId } = useMyCity();
  const report = useApi(
    '/progress-reports/cycles/{biennium}/reports/{cityId}',
    { params: { path: { biennium, cityId: cityId ?? '' } } },
    { enabled: !!cityId },
  );
  const cycle = useApi('/progress-reports/cycles/{biennium}', { params: { path: { biennium } } });
  return (
    <QueryState query={report}>
      {(r) => (
        <>
          <PageHeader title={`${t('progress.yourReport')} ${r.biennium}`}>
            <Group gap="xs" mt={4}>
              <StatusBadge value={r.status} />
              {cycle.data && (
                <Text size="sm">
                  {t('progress.dueAt')}: <DateText value={cycle.data.dueAt} time />
                </Text>
              )}
            </Group>
          </PageHeader>
          <ReportForm report={r} />
        </>
      )}
    </QueryState>
  );
}
