// A coordinator edits the cluster's work plan: outputs with targets, due dates and owners. Saving
// writes a new version (earlier ones are kept); the changes against the version in force are shown
// while editing, and on the cluster's page afterwards.
import {
  ActionIcon,
  Anchor,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { FormError } from '../../ui/form-error';
import { fieldErrorsOf, type FieldErrors } from '../../ui/problem-form';
import { PageHeader } from '../../ui/shell';
import { ErrorState, LoadingState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { useCoordinates, useMemberNames } from './context';
import { Section } from './facts';
import { WorkPlanDiff, diffOutputs } from './work-plan-diff';

type Output = NonNullable<Schemas['WorkPlan']['current']>['outputs'][number];
interface Draft {
  key: string;
  title: string;
  description: string;
  value: number | string;
  unit: string;
  due: string;
  owner: string | null;
}

const toDraft = (o: Output): Draft => ({
  key: o.key,
  title: o.title,
  description: o.description ?? '',
  value: o.target.value,
  unit: o.target.unit,
  due: o.due,
  owner: o.ownerCityId ?? null,
});
const toOutput = (d: Draft): Output => ({
  key: d.key.trim(),
  title: d.title.trim(),
  description: d.description,
  target: { value: typeof d.value === 'number' ? d.value : Number(d.value), unit: d.unit.trim() },
  due: d.due,
  ...(d.owner ? { ownerCityId: d.owner } : {}),
});
const blank = (): Draft => ({ key: '', title: '', description: '', value: 1, unit: '', due: '', owner: null });

function Editor({ code, biennium, plan }: { code: string; biennium: string; plan: Schemas['WorkPlan'] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { names, current } = useMemberNames(code);
  const [rows, setRows] = useState<Draft[]>(plan.current ? plan.current.outputs.map(toDraft) : [blank()]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (i: number, patch: Partial<Draft>) => setRows((r) => r.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const submit = useSubmit(
    async () =>
      unwrap(
        await api.PUT('/clusters/{code}/phases/{biennium}/workplan', {
          params: { path: { code, biennium } },
          body: { outputs: rows.map(toOutput) },
        }),
      ),
    {
      invalidate: ['/clusters'],
      success: t('city.plan.saved'),
      onSuccess: () => void navigate(`/city/clusters/${code}`),
      form: {
        clear: () => {
          setErrors({});
          setFormError(null);
        },
        setProblem: (e) => {
          setErrors(fieldErrorsOf(e).fields);
          setFormError(e instanceof Error ? e.message : String(e));
        },
      },
    },
  );
  const err = (i: number, f: string) => errors[`outputs.${i}.${f}`];
  const owners = current.map((m) => ({ value: m.cityId, label: m.cityName }));
  const changes = diffOutputs(plan.current?.outputs ?? [], rows.map(toOutput), names);
  return (
    <form
      noValidate
      aria-label={t('city.plan.edit')}
      onSubmit={(e) => {
        e.preventDefault();
        submit.mutate(undefined);
      }}
    >
      <Stack>
        <FormError message={formError} />
        {rows.map((r, i) => (
          <Card withBorder key={i} component="section" aria-label={t('city.plan.outputN', { n: i + 1 })}>
            <Group justify="space-between" mb="xs">
              <Text fw={600} size="sm">
                {t('city.plan.outputN', { n: i + 1 })}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('city.plan.removeN', { n: i + 1 })}
                onClick={() => setRows((x) => x.filter((_, j) => j !== i))}
                disabled={rows.length === 1}
              >
                ×
              </ActionIcon>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
              <TextInput
                label={t('workPlans.key')}
                required
                value={r.key}
                onChange={(e) => set(i, { key: e.currentTarget.value })}
                error={err(i, 'key')}
              />
              <TextInput
                label={t('workPlans.output')}
                required
                value={r.title}
                onChange={(e) => set(i, { title: e.currentTarget.value })}
                error={err(i, 'title')}
              />
              <TextInput
                label={t('city.plan.description')}
                value={r.description}
                onChange={(e) => set(i, { description: e.currentTarget.value })}
                error={err(i, 'description')}
              />
              <NumberInput
                label={t('city.plan.targetValue')}
                required
                min={0}
                value={r.value}
                onChange={(v) => set(i, { value: v })}
                error={err(i, 'target.value')}
              />
              <TextInput
                label={t('city.plan.targetUnit')}
                required
                value={r.unit}
                onChange={(e) => set(i, { unit: e.currentTarget.value })}
                error={err(i, 'target.unit')}
              />
              <TextInput
                label={t('workPlans.due')}
                type="date"
                required
                value={r.due}
                onChange={(e) => set(i, { due: e.currentTarget.value })}
                error={err(i, 'due')}
              />
              <Select
                label={t('city.plan.owner')}
                data={owners}
                clearable
                searchable
                value={r.owner}
                onChange={(v) => set(i, { owner: v })}
                error={err(i, 'ownerCityId')}
              />
            </SimpleGrid>
          </Card>
        ))}
        <Group>
          <Button variant="default" onClick={() => setRows((x) => [...x, blank()])}>
            {t('city.plan.addOutput')}
          </Button>
        </Group>
        <Section id="plan-changes" title={t('city.plan.changes')}>
          <WorkPlanDiff changes={changes} label={t('city.plan.changes')} />
        </Section>
        <Group justify="flex-end">
          <Button component={Link} to={`/city/clusters/${code}`} variant="default">
            {t('action.cancel')}
          </Button>
          <Button type="submit" loading={submit.isPending}>
            {t('city.plan.saveVersion')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function Page() {
  const { t } = useI18n();
  const { code = '', biennium = '' } = useParams();
  const coordinator = useCoordinates(code);
  const plan = useApi('/clusters/{code}/phases/{biennium}/workplan', { params: { path: { code, biennium } } });
  return (
    <>
      <PageHeader title={t('city.plan.editTitle', { cluster: code, biennium })}>
        <Anchor component={Link} to={`/city/clusters/${code}`} size="sm">
          {t('city.plan.backToCluster')}
        </Anchor>
      </PageHeader>
      <QueryState query={plan}>
        {(p) =>
          coordinator === undefined ? (
            <LoadingState />
          ) : coordinator ? (
            <Editor code={code} biennium={biennium} plan={p} />
          ) : (
            <ErrorState error={new Error(t('city.plan.coordinatorsOnly'))} />
          )
        }
      </QueryState>
    </>
  );
}
