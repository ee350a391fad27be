// A work plan output's progress line and its history (its progress entries, newest first): shared by
// the console's output timeline and the city portal's outputs page.
import { Stack, Text } from '@mantine/core';
import type { Schemas } from '../api/client';
import { useI18n } from '../i18n';
import { DateText } from './format';

export function OutputHistory({ output }: { output: Schemas['WorkPlanOutput'] }) {
  const { t, f } = useI18n();
  if (!output.entries.length) return <Text size="sm">{t('outputs.historyNone')}</Text>;
  return (
    <Stack component="ol" gap={6} aria-label={t('outputs.historyOf', { title: output.title })} m={0} pl="md">
      {[...output.entries].reverse().map((e, i) => (
        <li key={`${e.date}-${e.source}-${i}`}>
          <Text size="sm">
            <DateText value={e.date} /> — {f.number(e.value)} {output.target.unit} · {t(`outputs.source.${e.source}`)}
            {e.reported ? ` · ${t('outputs.reported', { status: t(`status.${e.reported}`) })}` : ''}
          </Text>
          {e.note && (
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {e.note}
            </Text>
          )}
        </li>
      ))}
    </Stack>
  );
}

/** Progress toward the target ("none yet" before the first entry) and the date of the last update. */
export function OutputProgress({ output }: { output: Schemas['WorkPlanOutput'] }) {
  const { t, f } = useI18n();
  return (
    <Text size="sm">
      {t('outputs.progress')}:{' '}
      {output.value === null
        ? t('outputs.noProgress')
        : t('outputs.progressValue', {
            value: f.number(output.value),
            target: f.number(output.target.value),
            unit: output.target.unit,
          })}
      {output.lastUpdate && (
        <>
          {' '}
          · {t('outputs.lastUpdate')} <DateText value={output.lastUpdate} />
        </>
      )}
    </Text>
  );
}
