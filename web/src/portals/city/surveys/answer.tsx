// Answering a survey for the representative's city: once, editable until the close. Each
// question's error from the API is shown beside it.
import { Alert, Button, Checkbox, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
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

type Value = string | string[] | number;
type Question = Schemas['Survey']['questions'][number];

function QuestionInput({
  q,
  value,
  error,
  disabled,
  onChange,
}: {
  q: Question;
  value: Value | undefined;
  error: string | undefined;
  disabled: boolean;
  onChange: (v: Value | undefined) => void;
}) {
  const t = useT();
  const label = q.prompt;
  if (q.kind === 'single')
    return (
      <Radio.Group
        label={label}
        withAsterisk={q.required}
        error={error}
        value={typeof value === 'string' ? value : null}
        onChange={onChange}
      >
        <Stack gap={4} mt={4}>
          {(q.options ?? []).map((o) => (
            <Radio key={o} value={o} label={o} disabled={disabled} />
          ))}
        </Stack>
      </Radio.Group>
    );
  if (q.kind === 'multiple')
    return (
      <Checkbox.Group
        label={label}
        withAsterisk={q.required}
        error={error}
        value={Array.isArray(value) ? value : []}
        onChange={onChange}
      >
        <Stack gap={4} mt={4}>
          {(q.options ?? []).map((o) => (
            <Checkbox key={o} value={o} label={o} disabled={disabled} />
          ))}
        </Stack>
      </Checkbox.Group>
    );
  if (q.kind === 'scale')
    return (
      <Radio.Group
        label={label}
        description={t('surveys.scaleHelp')}
        withAsterisk={q.required}
        error={error}
        value={typeof value === 'number' ? String(value) : null}
        onChange={(v) => onChange(Number(v))}
      >
        <Group gap="md" mt={4}>
          {[1, 2, 3, 4, 5].map((n) => (
            <Radio key={n} value={String(n)} label={String(n)} disabled={disabled} />
          ))}
        </Group>
      </Radio.Group>
    );
  return (
    <Textarea
      label={label}
      withAsterisk={q.required}
      error={error}
      autosize
      minRows={2}
      maxLength={q.maxLength ?? 2000}
      disabled={disabled}
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}

function Answer({ survey }: { survey: Schemas['Survey'] }) {
  const t = useT();
  const mine = useApi('/surveys/{id}/responses/mine', { params: { path: { id: survey.id } } });
  const form = useProblemForm<Record<string, Value | undefined>>({});
  const loaded = mine.data?.answers;
  useEffect(() => {
    if (loaded) form.reset(loaded as Record<string, Value>);
    // Only when the stored answers arrive: the form is the user's afterwards.
  }, [loaded]);
  const submit = useSubmit(
    async () => {
      const answers = Object.fromEntries(Object.entries(form.values).filter(([, v]) => v !== undefined)) as Record<
        string,
        Value
      >;
      return unwrap(
        await api.POST('/surveys/{id}/responses', { params: { path: { id: survey.id } }, body: { answers } }),
      );
    },
    { form, success: t('surveys.saved'), invalidate: ['/surveys', '/surveys/{id}/responses/mine'] },
  );
  const editable = mine.data?.editable ?? false;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit.mutate(undefined);
      }}
    >
      <Stack gap="lg" maw={720}>
        {form.formError && (
          <Alert color="red" role="alert">
            {form.formError}
          </Alert>
        )}
        {!editable && <Alert color="gray">{t('surveys.notEditable')}</Alert>}
        {survey.questions.map((q) => (
          <QuestionInput
            key={q.id}
            q={q}
            value={form.values[q.id]}
            error={form.errors[`answers.${q.id}`]}
            disabled={!editable}
            onChange={(v) => form.setValue(q.id, v)}
          />
        ))}
        {editable && (
          <Group>
            <Button type="submit" loading={submit.isPending}>
              {survey.answered ? t('surveys.update') : t('surveys.submit')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

export function Page() {
  const t = useT();
  const { id = '' } = useParams();
  const survey = useApi('/surveys/{id}', { params: { path: { id } } });
  return (
    <QueryState query={survey}>
      {(s) => (
        <>
          <PageHeader title={s.title}>
            <Group gap="xs" mt={4}>
              <StatusBadge value={s.status} />
              <Text size="sm">
                {t('surveys.closesAt')}: <DateText value={s.closesAt} time />
              </Text>
              {s.anonymous && <Text size="sm">{t('surveys.anonymousNote')}</Text>}
            </Group>
            {s.description && (
              <Text size="sm" mt="xs">
                {s.description}
              </Text>
            )}
          </PageHeader>
          <Answer survey={s} />
        </>
      )}
    </QueryState>
  );
}
