// A work plan output's history (its progress entries, newest first): shared by the console's output
// timeline and the city portal's outputs page.
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
