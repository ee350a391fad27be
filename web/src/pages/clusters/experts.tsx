// A cluster's expert group: who the experts are, their expertise and the support they offer; add one.
import { Badge, Button, Checkbox, Group, Stack, TagsInput, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { FormModal } from '../../ui/form-modal';
import { useProblemForm } from '../../ui/problem-form';
import { EmptyState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DataTable, type Column } from '../../ui/table';

type Expert = Schemas['Expert'];
type Support = Expert['support'][number];
const SUPPORT: readonly Support[] = ['mentoring', 'training_of_specialists', 'materials_and_lectures', 'masterplan'];

function AddExpert({ code, onClose }: { code: string; onClose: () => void }) {
  const { t } = useI18n();
  const form = useProblemForm({
    name: '',
    email: '',
    organisation: '',
    expertiseAreas: [] as string[],
    support: [] as string[],
  });
  const submit = useSubmit(
    async () => {
      const v = form.values;
      const body = {
        name: v.name,
        email: v.email.trim(),
        ...(v.organisation.trim() ? { organisation: v.organisation } : {}),
        expertiseAreas: v.expertiseAreas,
        support: v.support as Support[],
      };
      return unwrap(await api.POST('/clusters/{code}/experts', { params: { path: { code } }, body }));
    },
    { form, invalidate: ['/clusters/{code}/experts'], success: t('console.experts.added'), onSuccess: onClose },
  );
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('console.experts.add')}
      submitLabel={t('console.experts.add')}
      form={form}
      submit={submit}
    >
      <TextInput label={t('console.experts.name')} required {...form.text('name')} />
      <TextInput label={t('console.experts.email')} type="email" required {...form.text('email')} />
      <TextInput label={t('console.experts.organisation')} {...form.text('organisation')} />
      <TagsInput
        label={t('console.experts.expertise')}
        description={t('clusters.expertiseHelp')}
        required
        {...form.field('expertiseAreas')}
      />
      <Checkbox.Group label={t('console.experts.support')} withAsterisk {...form.field('support')}>
        <Stack gap={6} mt={6}>
          {SUPPORT.map((s) => (
            <Checkbox key={s} value={s} label={t(`console.support.${s}`)} />
          ))}
        </Stack>
      </Checkbox.Group>
    </FormModal>
  );
}

export function ExpertGroup({ code, canAdd }: { code: string; canAdd: boolean }) {
  const { t } = useI18n();
  const experts = useApi('/clusters/{code}/experts', { params: { path: { code } } });
  const [adding, addModal] = useDisclosure(false);
  const columns: Column<Expert>[] = [
    { key: 'name', header: t('console.experts.name'), cell: (e) => e.name },
    { key: 'email', header: t('console.experts.email'), cell: (e) => e.email ?? '—' },
    { key: 'organisation', header: t('console.experts.organisation'), cell: (e) => e.organisation ?? '—' },
    { key: 'expertise', header: t('console.experts.expertise'), cell: (e) => e.expertiseAreas.join(', ') },
    {
      key: 'support',
      header: t('console.experts.support'),
      cell: (e) => (
        <Group gap={4}>
          {e.support.map((s) => (
            <Badge key={s} variant="light" size="sm">
              {t(`console.support.${s}`)}
            </Badge>
          ))}
        </Group>
      ),
    },
  ];
  return (
    <section aria-labelledby="experts">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="experts">
          {t('console.experts.title')}
        </Title>
        {canAdd && (
          <Button variant="light" onClick={addModal.open}>
            {t('console.experts.add')}
          </Button>
        )}
      </Group>
      <QueryState query={experts}>
        {(d) =>
          d.items.length === 0 ? (
            <EmptyState title={t('console.experts.none')} />
          ) : (
            <DataTable rows={d.items} columns={columns} rowKey={(e) => e.id} caption={t('console.experts.title')} />
          )
        }
      </QueryState>
      {adding && <AddExpert code={code} onClose={addModal.close} />}
    </section>
  );
}
