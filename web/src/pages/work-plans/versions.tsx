// Every version of a work plan, and what changed between two of them, output by output.
import { Badge, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Schemas } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { DateText } from '../../ui/format';
import { EmptyState } from '../../ui/states';
import { DataTable, type Column } from '../../ui/table';
import { diffOutputs, type OutputChange, type OutputField, type PlanOutput } from '../../lib/work-plan-diff';

type Version = Schemas['WorkPlan']['versions'][number];

const CHANGE_COLOURS = { added: 'green', removed: 'red', changed: 'blue' } as const;

function useDescribe(names: Map<string, string>) {
  const { f } = useI18n();
  return (o: PlanOutput, field: OutputField): string => {
    if (field === 'target') return `${o.target.value} ${o.target.unit}`;
    if (field === 'due') return f.date(o.due);
    if (field === 'ownerCityId') return o.ownerCityId ? (names.get(o.ownerCityId) ?? o.ownerCityId) : '—';
    return o[field] || '—';
  };
}

const FIELD_LABELS: Record<OutputField, MessageKey> = {
  title: 'workPlans.output',
  description: 'console.workPlan.description',
  target: 'workPlans.target',
  due: 'workPlans.due',
  ownerCityId: 'console.workPlan.owner',
};

export function Versions({ versions, names }: { versions: Version[]; names: Map<string, string> }) {
  const { t } = useI18n();
  const describe = useDescribe(names);
  // Newest first: by default the latest change (the one before the current version → the current one).
  const [from, setFrom] = useState<string | null>(versions[1] ? String(versions[1].version) : null);
  const [to, setTo] = useState<string | null>(versions[0] ? String(versions[0].version) : null);
  const byNumber = new Map(versions.map((v) => [String(v.version), v]));
  const options = versions.map((v) => ({ value: String(v.version), label: t('workPlans.version', { n: v.version }) }));
  const before = from ? byNumber.get(from) : undefined;
  const after = to ? byNumber.get(to) : undefined;
  const changes = before && after ? diffOutputs(before.outputs, after.outputs) : [];

  const versionColumns: Column<Version>[] = [
    { key: 'n', header: t('console.workPlan.versionColumn'), cell: (v) => v.version },
    { key: 'at', header: t('console.workPlan.savedAt'), cell: (v) => <DateText value={v.createdAt} time /> },
    {
      key: 'by',
      header: t('console.workPlan.savedBy'),
      cell: (v) => (v.setBy ? (names.get(v.setBy) ?? v.setBy) : t('role.secretariat')),
    },
    { key: 'outputs', header: t('console.workPlan.outputs'), cell: (v) => v.outputs.length },
  ];
  const changeColumns: Column<OutputChange>[] = [
    { key: 'key', header: t('workPlans.key'), cell: (c) => c.key },
    {
      key: 'kind',
      header: t('console.workPlan.change'),
      cell: (c) => (
        <Badge variant="light" color={CHANGE_COLOURS[c.kind]}>
          {t(`console.workPlan.change.${c.kind}`)}
        </Badge>
      ),
    },
    {
      key: 'what',
      header: t('console.workPlan.details'),
      cell: (c) =>
        c.kind === 'changed' ? (
          <Stack gap={2}>
            {c.fields.map((f) => (
              <Text key={f} size="sm">
                {t(FIELD_LABELS[f])}: {describe(c.before, f)} → {describe(c.after, f)}
              </Text>
            ))}
          </Stack>
        ) : (
          <Text size="sm">
            {(c.kind === 'added' ? c.after : c.before).title} ·{' '}
            {describe(c.kind === 'added' ? c.after : c.before, 'target')}
          </Text>
        ),
    },
  ];

  return (
    <Stack>
      <section aria-labelledby="plan-versions">
        <Title order={2} size="h4" id="plan-versions" mb="xs">
          {t('console.workPlan.versions')}
        </Title>
        <DataTable
          rows={versions}
          columns={versionColumns}
          rowKey={(v) => String(v.version)}
          caption={t('console.workPlan.versions')}
        />
      </section>
      {versions.length > 1 && (
        <section aria-labelledby="plan-diff">
          <Title order={2} size="h4" id="plan-diff" mb="xs">
            {t('console.workPlan.compare')}
          </Title>
          <Group mb="sm" wrap="wrap">
            <Select
              label={t('console.workPlan.from')}
              data={options}
              value={from}
              onChange={setFrom}
              allowDeselect={false}
              w={{ base: '100%', sm: 180 }}
            />
            <Select
              label={t('console.workPlan.to')}
              data={options}
              value={to}
              onChange={setTo}
              allowDeselect={false}
              w={{ base: '100%', sm: 180 }}
            />
          </Group>
          {changes.length === 0 ? (
            <EmptyState title={t('console.workPlan.noChange')} />
          ) : (
            <DataTable
              rows={changes}
              columns={changeColumns}
              rowKey={(c) => `${c.kind}:${c.key}`}
              caption={t('console.workPlan.compare')}
            />
          )}
        </section>
      )}
    </Stack>
  );
}
