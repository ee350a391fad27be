// A work plan output's card, progress line and history (its progress entries, newest first): shared
// by the console's output timeline and the city portal's outputs page.
import { Button, Card, Collapse, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useId, type ReactNode } from 'react';
import type { Schemas } from '../api/client';
import { useI18n } from '../i18n';
import { DateText, StatusBadge } from './format';

function OutputHistory({ output }: { output: Schemas['WorkPlanOutput'] }) {
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
function OutputProgress({ output }: { output: Schemas['WorkPlanOutput'] }) {
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

/**
 * An output as an item of a list of cards, named by its title: title and status, what the page shows
 * under them (`details`), the progress line, the page's `actions` beside the history's toggle, then
 * the history. `children` sit in the card outside that stack (a page's modal).
 */
export function OutputCard({
  output,
  details,
  actions,
  children,
}: {
  output: Schemas['WorkPlanOutput'];
  details: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const [open, { toggle }] = useDisclosure(false);
  const historyId = useId();
  const titleId = useId();
  return (
    <Card component="li" withBorder padding="sm" aria-labelledby={titleId}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Text fw={600} id={titleId} style={{ overflowWrap: 'anywhere', flex: '1 1 12rem' }}>
            {output.title}
          </Text>
          <StatusBadge value={output.status} />
        </Group>
        {details}
        <OutputProgress output={output} />
        <Group gap="md" wrap="wrap">
          {actions}
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={toggle}
            aria-expanded={open}
            aria-controls={historyId}
            aria-label={`${t('outputs.history', { n: output.entries.length })}: ${output.title}`}
          >
            {t('outputs.history', { n: output.entries.length })}
          </Button>
        </Group>
        <Collapse expanded={open} id={historyId}>
          <OutputHistory output={output} />
        </Collapse>
      </Stack>
      {children}
    </Card>
  );
}
