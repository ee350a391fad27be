// Editing a work plan: its outputs (key, title, target, due date, owner city) saved as a new version;
// the API's field errors (outputs.2.due) beside the field of that output.
import { ActionIcon, Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { api, unwrap } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { FormModal } from '../../ui/form-modal';
import { useProblemForm } from '../../ui/problem-form';
import { useSubmit } from '../../ui/submit';
import type { PlanOutput } from '../../lib/work-plan-diff';

interface Row {
  key: string;
  title: string;
  description: string;
  targetValue: string;
  targetUnit: string;
  due: string;
  ownerCityId: string | null;
}

const rowOf = (o: PlanOutput): Row => ({
  key: o.key,
  title: o.title,
  description: o.description ?? '',
  targetValue: String(o.target.value),
  targetUnit: o.target.unit,
  due: o.due,
  ownerCityId: o.ownerCityId ?? null,
});
const blank = (n: number): Row => ({
  key: `output-${n}`,
  title: '',
  description: '',
  targetValue: '',
  targetUnit: '',
  due: '',
  ownerCityId: null,
});

/** The cluster's current member cities, by name (who may own an output). */
export function useMemberNames(code: string) {
  const members = useApi('/clusters/{code}/members', {
    params: { path: { code }, query: { limit: 200, includeEnded: 'true' } },
  });
  const items = members.data?.items ?? [];
  return {
    current: items.filter((m) => !m.until).map((m) => ({ value: m.cityId, label: m.cityName })),
    names: new Map(items.map((m) => [m.cityId, m.cityName])),
  };
}

export function EditPlan({
  code,
  biennium,
  outputs,
  opened,
  onClose,
}: {
  code: string;
  biennium: string;
  outputs: readonly PlanOutput[];
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { current } = useMemberNames(code);
  const initial = { outputs: outputs.length ? outputs.map(rowOf) : [blank(1)] };
  const form = useProblemForm(initial);
  const rows = form.values.outputs;
  const setRow = (i: number, patch: Partial<Row>) => {
    form.setValues((v) => ({ outputs: v.outputs.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));
    const touched = Object.keys(patch).map((k) =>
      k === 'targetValue'
        ? `outputs.${i}.target.value`
        : k === 'targetUnit'
          ? `outputs.${i}.target.unit`
          : `outputs.${i}.${k}`,
    );
    form.setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !touched.includes(k))));
  };
  const err = (i: number, name: string) => form.errors[`outputs.${i}.${name}`];
  const submit = useSubmit(
    async () => {
      const body = {
        outputs: rows.map((r) => ({
          key: r.key.trim(),
          title: r.title,
          ...(r.description.trim() ? { description: r.description } : {}),
          // An empty or malformed number goes as null: the API names the field.
          target: { value: r.targetValue.trim() === '' ? Number.NaN : Number(r.targetValue), unit: r.targetUnit },
          due: r.due,
          ...(r.ownerCityId ? { ownerCityId: r.ownerCityId } : {}),
        })),
      };
      return unwrap(
        await api.PUT('/clusters/{code}/phases/{biennium}/workplan', { params: { path: { code, biennium } }, body }),
      );
    },
    {
      form,
      invalidate: ['/clusters/{code}/phases'],
      success: t('console.workPlan.saved'),
      onSuccess: onClose,
    },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('console.workPlan.edit')}
      size="xl"
      submitLabel={t('console.workPlan.saveVersion')}
      form={form}
      submit={submit}
      before={
        <Text size="sm" c="dimmed">
          {t('console.workPlan.editHelp')}
        </Text>
      }
    >
      {form.errors.outputs && (
        <Text size="sm" c="red" role="alert">
          {form.errors.outputs}
        </Text>
      )}
      <Stack gap="sm">
        {rows.map((r, i) => (
          <Card
            withBorder
            key={i}
            component="fieldset"
            aria-label={t('console.workPlan.outputN', { n: i + 1 })}
            style={{ margin: 0 }}
          >
            <Group justify="space-between" mb="xs">
              <Text fw={600} size="sm">
                {t('console.workPlan.outputN', { n: i + 1 })}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('console.workPlan.removeN', { n: i + 1 })}
                onClick={() => form.setValues((v) => ({ outputs: v.outputs.filter((_, j) => j !== i) }))}
              >
                ×
              </ActionIcon>
            </Group>
            <Stack gap="xs">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('workPlans.key')}
                  description={t('console.workPlan.keyHelp')}
                  required
                  value={r.key}
                  onChange={(e) => setRow(i, { key: e.currentTarget.value })}
                  error={err(i, 'key')}
                />
                <TextInput
                  label={t('workPlans.output')}
                  required
                  value={r.title}
                  onChange={(e) => setRow(i, { title: e.currentTarget.value })}
                  error={err(i, 'title')}
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
                <TextInput
                  label={t('console.workPlan.targetValue')}
                  inputMode="decimal"
                  required
                  value={r.targetValue}
                  onChange={(e) => setRow(i, { targetValue: e.currentTarget.value })}
                  error={err(i, 'target.value')}
                />
                <TextInput
                  label={t('console.workPlan.targetUnit')}
                  required
                  value={r.targetUnit}
                  onChange={(e) => setRow(i, { targetUnit: e.currentTarget.value })}
                  error={err(i, 'target.unit')}
                />
                <TextInput
                  label={t('workPlans.due')}
                  type="date"
                  required
                  value={r.due}
                  onChange={(e) => setRow(i, { due: e.currentTarget.value })}
                  error={err(i, 'due')}
                />
                <Select
                  label={t('console.workPlan.owner')}
                  searchable
                  clearable
                  data={current}
                  value={r.ownerCityId}
                  onChange={(v) => setRow(i, { ownerCityId: v })}
                  error={err(i, 'ownerCityId')}
                />
              </SimpleGrid>
              <Textarea
                label={t('console.workPlan.description')}
                autosize
                minRows={1}
                value={r.description}
                onChange={(e) => setRow(i, { description: e.currentTarget.value })}
                error={err(i, 'description')}
              />
            </Stack>
          </Card>
        ))}
        <Group>
          <Button
            variant="light"
            onClick={() => form.setValues((v) => ({ outputs: [...v.outputs, blank(v.outputs.length + 1)] }))}
          >
            {t('console.workPlan.addOutput')}
          </Button>
        </Group>
      </Stack>
    </FormModal>
  );
}
