// Importing exchange rates from a CSV file (currency,date,rateToUsd): a preview of its rates, then
// one all-or-nothing import; a refused file lists the API's error of each line.
import { Alert, FileInput, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ApiError, api, unwrap } from '../../api/client';
import { useI18n } from '../../i18n';
import { FormModal } from '../../ui/form-modal';
import { useProblemForm } from '../../ui/problem-form';
import { useSubmit } from '../../ui/submit';

/** Lines with a rate: every non-empty line after the header. */
const rateLines = (text: string) =>
  text
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim()).length;

/** "body.line3.rateToUsd" → { line: 3, field: "rateToUsd" }. */
function located(path: string): { line: number | null; field: string } {
  const m = /^body\.line(\d+)\.?(.*)$/.exec(path);
  return m ? { line: Number(m[1]), field: m[2] ?? '' } : { line: null, field: path.replace(/^body\.?/, '') };
}

export function ImportRates({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState<string | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [result, setResult] = useState<{ imported: number; created: number; updated: number } | null>(null);
  const form = useProblemForm({ file: null as File | null });
  const [lineErrors, setLineErrors] = useState<ApiError | null>(null);
  const submit = useSubmit(
    async () => {
      setLineErrors(null);
      setResult(null);
      if (text === null) {
        form.setErrors({ file: t('console.fx.chooseFile') });
        throw new Error(t('console.fx.chooseFile'));
      }
      return unwrap(
        await api.POST('/fx-rates/import', {
          body: text,
          // The body is the file itself, not JSON.
          bodySerializer: (b: string) => b,
          headers: { 'Content-Type': 'text/csv' },
        }),
      );
    },
    {
      form: {
        clear: form.clear,
        setProblem: (e) => {
          if (e instanceof ApiError && e.problem.errors?.length) setLineErrors(e);
          else if (e instanceof ApiError) form.setProblem(e);
        },
      },
      invalidate: ['/fx-rates', '/funding', '/pledges'],
      success: t('console.fx.importedNotice'),
      onSuccess: setResult,
    },
  );
  const choose = (f: File | null) => {
    setFile(f);
    setText(null);
    setResult(null);
    setLineErrors(null);
    setReadError(null);
    form.clear();
    if (f)
      f.text().then(setText, () => {
        setReadError(t('console.fx.unreadable'));
      });
  };
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('console.fx.import')}
      size="lg"
      submitLabel={t('console.fx.importSubmit')}
      cancelLabel={t('action.done')}
      form={form}
      submit={submit}
      before={
        <Text size="sm" c="dimmed">
          {t('console.fx.importHelp')}
        </Text>
      }
    >
      <FileInput
        label={t('console.fx.file')}
        accept=".csv,text/csv"
        clearable
        clearButtonProps={{ 'aria-label': t('console.fx.clearFile') }}
        required
        value={file}
        onChange={choose}
        error={form.errors.file ?? readError}
      />
      {text !== null && (
        <Text size="sm" role="status">
          {t('console.fx.preview', { n: rateLines(text) })}
        </Text>
      )}
      {lineErrors && (
        <Alert color="red" role="alert" title={lineErrors.problem.detail ?? t('state.error')}>
          <List size="sm" aria-label={t('console.fx.lineErrors')}>
            {(lineErrors.problem.errors ?? []).map((e, n) => {
              const at = located(e.path);
              return (
                <List.Item key={n}>
                  {at.line !== null ? t('console.fx.line', { n: at.line }) : t('console.fx.file')}
                  {at.field && ` (${at.field})`}: {e.message}
                </List.Item>
              );
            })}
          </List>
        </Alert>
      )}
      {result && (
        <Alert color="green" role="status">
          <Stack gap={2}>
            <Text size="sm">
              {t('console.fx.imported', { n: result.imported, created: result.created, updated: result.updated })}
            </Text>
          </Stack>
        </Alert>
      )}
    </FormModal>
  );
}
