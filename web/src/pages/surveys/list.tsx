// Member surveys: the list with response counts, and building one (questions of four kinds,
// network-wide or per cluster, a window, anonymous or not).
import { Anchor, Button, Checkbox, Group, MultiSelect, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useNavigate } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useT } from '../../i18n';
import { FormModal } from '../../ui/form-modal';
import { DateText, StatusBadge } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DataTable, type Column } from '../../ui/table';

type Kind = 'single' | 'multiple' | 'scale' | 'text';
interface Draft {
  prompt: string;
  kind: Kind;
  required: boolean;
  options: string;
}
const KINDS: Kind[] = ['single', 'multiple', 'scale', 'text'];
const blank = (): Draft => ({ prompt: '', kind: 'single', required: false, options: '' });

function BuildSurvey({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const clusters = useApi('/clusters', { params: { query: { status: 'active' } } });
  const form = useProblemForm({
    title: '',
    description: '',
    closesAt: '',
    anonymous: false,
    clusters: [] as string[],
    questions: [blank()],
  });
  const questions = form.values.questions;
  const setQuestion = (i: number, d: Partial<Draft>) =>
    form.setValue(
      'questions',
      questions.map((q, j) => (j === i ? { ...q, ...d } : q)),
    );
  const submit = useSubmit(
    async () => {
      const v = form.values;
      const closes = v.closesAt ? new Date(v.closesAt) : null;
      return unwrap(
        await api.POST('/surveys', {
          body: {
            title: v.title,
            ...(v.description.trim() ? { description: v.description } : {}),
            closesAt: closes && !Number.isNaN(closes.getTime()) ? closes.toISOString() : v.closesAt,
            anonymous: v.anonymous,
            clusters: v.clusters,
            questions: v.questions.map((q, i) => ({
              id: `q${i + 1}`,
              kind: q.kind,
              prompt: q.prompt,
              required: q.required,
              ...(q.kind === 'single' || q.kind === 'multiple'
                ? {
                    options: q.options
                      .split('\n')
                      .map((o) => o.trim())
                      .filter(Boolean),
                  }
                : {}),
            })),
          },
        }),
      );
    },
    {
      form,
      success: t('surveys.built'),
      invalidate: ['/surveys'],
      close: onClose,
      onSuccess: (s) => void navigate(`/surveys/${s.id}`),
    },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('surveys.build')}
      submitLabel={t('surveys.build')}
      size="lg"
      form={form}
      submit={submit}
    >
      <TextInput label={t('surveys.title')} required {...form.text('title')} />
      <Textarea label={t('surveys.description')} autosize minRows={2} {...form.text('description')} />
      <TextInput label={t('surveys.closesAt')} type="datetime-local" required {...form.text('closesAt')} />
      <MultiSelect
        label={t('surveys.clusters')}
        description={t('surveys.clustersHelp')}
        data={(clusters.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))}
        {...form.field('clusters')}
      />
      <Checkbox
        label={t('surveys.anonymous')}
        description={t('surveys.anonymousHelp')}
        checked={form.values.anonymous}
        onChange={(e) => form.setValue('anonymous', e.currentTarget.checked)}
      />
      {questions.map((q, i) => (
        <Stack key={i} gap="xs" p="sm" style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4 }}>
          <TextInput
            label={t('surveys.questionN', { n: i + 1 })}
            required
            value={q.prompt}
            onChange={(e) => setQuestion(i, { prompt: e.currentTarget.value })}
            error={form.errors[`questions.${i}.prompt`]}
          />
          <Group grow align="flex-start">
            <Select
              label={t('surveys.kind')}
              allowDeselect={false}
              data={KINDS.map((k) => ({ value: k, label: t(`surveys.kind.${k}`) }))}
              value={q.kind}
              onChange={(k) => setQuestion(i, { kind: (k ?? 'single') as Kind })}
            />
            <Checkbox
              mt="xl"
              label={t('surveys.required')}
              checked={q.required}
              onChange={(e) => setQuestion(i, { required: e.currentTarget.checked })}
            />
          </Group>
          {(q.kind === 'single' || q.kind === 'multiple') && (
            <Textarea
              label={t('surveys.options')}
              description={t('surveys.optionsHelp')}
              autosize
              minRows={2}
              value={q.options}
              onChange={(e) => setQuestion(i, { options: e.currentTarget.value })}
              error={form.errors[`questions.${i}.options`]}
            />
          )}
          {questions.length > 1 && (
            <Button
              variant="subtle"
              color="red"
              size="xs"
              onClick={() =>
                form.setValue(
                  'questions',
                  questions.filter((_, j) => j !== i),
                )
              }
            >
              {t('surveys.removeQuestion', { n: i + 1 })}
            </Button>
          )}
        </Stack>
      ))}
      <Button variant="light" onClick={() => form.setValue('questions', [...questions, blank()])}>
        {t('surveys.addQuestion')}
      </Button>
    </FormModal>
  );
}

export function Page() {
  const t = useT();
  const [opened, { open, close }] = useDisclosure(false);
  const surveys = useApi('/surveys');
  const columns: Column<Schemas['Survey']>[] = [
    {
      key: 'title',
      header: t('surveys.title'),
      cell: (s) => (
        <Anchor component={Link} to={`/surveys/${s.id}`}>
          {s.title}
        </Anchor>
      ),
    },
    { key: 'status', header: t('surveys.status'), cell: (s) => <StatusBadge value={s.status} /> },
    {
      key: 'audience',
      header: t('surveys.audience'),
      cell: (s) => (s.clusters.length ? s.clusters.join(', ') : t('surveys.network')),
    },
    { key: 'closesAt', header: t('surveys.closesAt'), cell: (s) => <DateText value={s.closesAt} time /> },
    {
      key: 'rate',
      header: t('surveys.responses'),
      cell: (s) => t('surveys.rate', { n: s.respondents ?? 0, of: s.addressees ?? 0 }),
    },
  ];
  return (
    <>
      <PageHeader title={t('nav.surveys')} actions={<Button onClick={open}>{t('surveys.build')}</Button>} />
      <BuildSurvey opened={opened} onClose={close} />
      <QueryState query={surveys}>
        {(d) =>
          d.items.length === 0 ? (
            <EmptyState title={t('surveys.none')} />
          ) : (
            <DataTable rows={d.items} columns={columns} rowKey={(s) => s.id} caption={t('nav.surveys')} />
          )
        }
      </QueryState>
    </>
  );
}
