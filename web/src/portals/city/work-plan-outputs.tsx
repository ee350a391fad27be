// The work plan outputs of the city's clusters for the current biennium (where the coordinators'
// reminder e-mail links to): each output's due date, status (on track, at risk, late, done),
// progress and history. A current coordinator of the cluster records progress here; the API
// refuses anyone else (POST …/progress checks the coordinator terms), so the button is only shown
// to them. Cards, so it reads the same at phone width.
import { Button, NumberInput, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useId } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { currentBiennium } from '../../lib/biennium';
import { FormModal } from '../../ui/form-modal';
import { OutputCard } from '../../ui/output-history';
import { useProblemForm } from '../../ui/problem-form';
import { PageHeader } from '../../ui/shell';
import { EmptyState, LoadingState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { useCoordinates, useMyCity } from './context';

type Output = Schemas['WorkPlanOutput'];
const INVALIDATE = ['/work-plans/outputs/timeline'];
const today = () => new Date().toISOString().slice(0, 10);

function RecordProgress({ output, opened, onClose }: { output: Output; opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const form = useProblemForm({ value: '' as number | string, date: today(), note: '' });
  const save = useSubmit(
    async () =>
      unwrap(
        await api.POST('/work-plans/outputs/{code}/{biennium}/{key}/progress', {
          params: { path: { code: output.cluster, biennium: output.biennium, key: output.key } },
          body: {
            // An empty field is sent as it is, so the API names it (a number is required).
            value: (form.values.value === '' ? undefined : Number(form.values.value)) as number,
            ...(form.values.date ? { date: form.values.date } : {}),
            ...(form.values.note.trim() ? { note: form.values.note } : {}),
          },
        }),
      ),
    { form, invalidate: INVALIDATE, success: t('outputs.city.recorded'), close: onClose },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('outputs.city.recordFor', { title: output.title })}
      submitLabel={t('outputs.city.record')}
      form={form}
      submit={save}
    >
      <NumberInput
        label={t('outputs.city.value', { unit: output.target.unit })}
        description={t('outputs.city.valueHint', { target: output.target.value, unit: output.target.unit })}
        required
        min={0}
        {...form.field('value')}
      />
      <TextInput label={t('outputs.city.date')} type="date" {...form.text('date')} />
      <Textarea label={t('outputs.city.note')} autosize minRows={2} {...form.text('note')} />
    </FormModal>
  );
}

function CityOutput({ output, coordinates }: { output: Output; coordinates: boolean }) {
  const { t, f } = useI18n();
  const [recording, { open: record, close }] = useDisclosure(false);
  return (
    <OutputCard
      output={output}
      details={<Text size="sm">{t('outputs.due', { date: f.date(output.due) })}</Text>}
      actions={
        coordinates && (
          <Button
            size="compact-sm"
            variant="light"
            onClick={record}
            aria-label={t('outputs.city.recordFor', { title: output.title })}
          >
            {t('outputs.city.record')}
          </Button>
        )
      }
    >
      {coordinates && <RecordProgress output={output} opened={recording} onClose={close} />}
    </OutputCard>
  );
}

function ClusterOutputs({ code, biennium }: { code: string; biennium: string }) {
  const { t } = useI18n();
  const cluster = useApi('/clusters/{code}', { params: { path: { code } } });
  const timeline = useApi('/work-plans/outputs/timeline', { params: { query: { cluster: code, biennium } } });
  const coordinates = useCoordinates(code) === true;
  const headingId = useId();
  const name = cluster.data?.name ?? code;
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId} mb={4}>
        {name}
      </Title>
      {coordinates && (
        <Text size="sm" c="dimmed" mb="xs">
          {t('outputs.city.youCoordinate')}
        </Text>
      )}
      <QueryState query={timeline}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('outputs.none')} description={t('outputs.city.noneHint')} />
          ) : (
            <>
              <Text size="sm" c="dimmed" mb="xs">
                {t('outputs.count', { n: data.items.length })}
              </Text>
              <Stack
                component="ul"
                gap="sm"
                p={0}
                m={0}
                style={{ listStyle: 'none' }}
                aria-label={t('outputs.city.listOf', { cluster: name })}
              >
                {data.items.map((o) => (
                  <CityOutput key={o.key} output={o} coordinates={coordinates} />
                ))}
              </Stack>
            </>
          )
        }
      </QueryState>
    </section>
  );
}

export function Page() {
  const { t } = useI18n();
  const { clusters, ready } = useMyCity();
  const biennium = currentBiennium();
  return (
    <>
      <PageHeader title={t('outputs.city.title')}>
        <Text size="sm" c="dimmed">
          {t('outputs.city.intro', { biennium })}
        </Text>
      </PageHeader>
      {!ready ? (
        <LoadingState />
      ) : clusters.length === 0 ? (
        <EmptyState title={t('city.noClusters')} />
      ) : (
        <Stack gap="xl">
          {clusters.map((code) => (
            <ClusterOutputs key={code} code={code} biennium={biennium} />
          ))}
        </Stack>
      )}
    </>
  );
}
