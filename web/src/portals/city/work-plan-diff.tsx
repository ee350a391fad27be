// What changed between two versions of a work plan, output by output (matched by key): added,
// removed, and each changed field with its old and new value.
import { Badge, List, Stack, Text } from '@mantine/core';
import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';

type Output = NonNullable<Schemas['WorkPlan']['current']>['outputs'][number];

export interface Change {
  key: string;
  kind: 'added' | 'removed' | 'changed';
  fields: { field: 'title' | 'description' | 'target' | 'due' | 'owner'; from: string; to: string }[];
}

const shown = (o: Output, names: Map<string, string>) => ({
  title: o.title,
  description: o.description ?? '',
  target: `${o.target.value} ${o.target.unit}`,
  due: o.due,
  owner: o.ownerCityId ? (names.get(o.ownerCityId) ?? o.ownerCityId) : '—',
});

export function diffOutputs(before: Output[], after: Output[], names = new Map<string, string>()): Change[] {
  const old = new Map(before.map((o) => [o.key, o]));
  const changes: Change[] = [];
  for (const o of after) {
    const was = old.get(o.key);
    if (!was) {
      changes.push({ key: o.key, kind: 'added', fields: [] });
      continue;
    }
    const a = shown(was, names);
    const b = shown(o, names);
    const fields = (Object.keys(b) as (keyof typeof b)[])
      .filter((f) => a[f] !== b[f])
      .map((f) => ({ field: f, from: a[f], to: b[f] }));
    if (fields.length) changes.push({ key: o.key, kind: 'changed', fields });
  }
  for (const o of before)
    if (!after.some((x) => x.key === o.key)) changes.push({ key: o.key, kind: 'removed', fields: [] });
  return changes;
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
