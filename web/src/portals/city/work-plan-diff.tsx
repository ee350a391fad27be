// What changed between two versions of a work plan, output by output (matched by key): added,
// removed, and each changed field with its old and new value.
import { Badge, List, Stack, Text } from '@mantine/core';
import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { diffOutputs as changesOf, type PlanOutput } from '../../lib/work-plan-diff';

type Output = NonNullable<Schemas['WorkPlan']['current']>['outputs'][number];

const asPlanOutput = (o: Output): PlanOutput => ({
  key: o.key,
  title: o.title,
  ...(o.description ? { description: o.description } : {}),
  target: o.target,
  due: o.due,
  ...(o.ownerCityId ? { ownerCityId: o.ownerCityId } : {}),
});

export interface Change {
  key: string;
  kind: 'added' | 'removed' | 'changed';
  fields: { field: 'title' | 'description' | 'target' | 'due' | 'owner'; from: string; to: string }[];
}

const shown = (o: PlanOutput, names: Map<string, string>) => ({
  title: o.title,
  description: o.description ?? '',
  target: `${o.target.value} ${o.target.unit}`,
  due: o.due,
  owner: o.ownerCityId ? (names.get(o.ownerCityId) ?? o.ownerCityId) : '—',
});

/** The console's output-by-output diff (lib/work-plan-diff.ts), each changed field written as the reader sees it. */
export function diffOutputs(before: Output[], after: Output[], names = new Map<string, string>()): Change[] {
  return changesOf(before.map(asPlanOutput), after.map(asPlanOutput)).map((c) => {
    if (c.kind !== 'changed') return { key: c.key, kind: c.kind, fields: [] };
    const a = shown(c.before, names);
    const b = shown(c.after, names);
    const fields = c.fields.map((f) => (f === 'ownerCityId' ? 'owner' : f));
    return { key: c.key, kind: 'changed', fields: fields.map((f) => ({ field: f, from: a[f], to: b[f] })) };
  });
}

export function WorkPlanDiff({ changes, label }: { changes: Change[]; label: string }) {
  const { t } = useI18n();
  if (changes.length === 0) return <Text size="sm">{t('city.plan.noChange')}</Text>;
  return (
    <Stack gap={4} aria-label={label} role="group">
      <List size="sm" spacing={4}>
        {changes.map((c) => (
          <List.Item key={`${c.kind}-${c.key}`}>
            <Badge
              size="sm"
              variant="light"
              color={c.kind === 'added' ? 'green' : c.kind === 'removed' ? 'red' : 'blue'}
              mr={6}
            >
              {t(`city.plan.${c.kind}`)}
            </Badge>
            <strong>{c.key}</strong>
            {c.fields.map((f) => (
              <Text key={f.field} size="sm" ml="md">
                {t(`city.plan.field.${f.field}`)}: <del>{f.from || '—'}</del> → <ins>{f.to || '—'}</ins>
              </Text>
            ))}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
