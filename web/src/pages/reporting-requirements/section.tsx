// What the secretariat owes a donor under a pledge's agreement: its reporting requirements (interim or
// final, narrative or financial, due dates) and the reports submitted against them. The same section
// in the console, where the secretariat adds requirements and records reports, and in the donor
// portal, where the donor reads its own.
import { Anchor, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { EnumSelect } from '../../ui/fields';
import { FormModal } from '../../ui/form-modal';
import { DateText, StatusBadge } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { EmptyState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DataTable, type Column } from '../../ui/table';

type Requirement = Schemas['ReportingRequirement'];
const KINDS = ['interim', 'final'] as const;
const NATURES = ['narrative', 'financial'] as const;
const INVALIDATE = ['/pledges'];

function AddRequirement({ pledgeId, opened, onClose }: { pledgeId: string; opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const form = useProblemForm({
    kind: 'interim' as string | null,
    nature: 'narrative' as string | null,
    dueOn: '',
    title: '',
  });
  const submit = useSubmit(
    async () =>
      unwrap(
        await api.POST('/pledges/{id}/reporting-requirements', {
          params: { path: { id: pledgeId } },
          body: {
            kind: (form.values.kind ?? 'interim') as Requirement['kind'],
            nature: (form.values.nature ?? 'narrative') as Requirement['nature'],
            dueOn: form.values.dueOn,
            ...(form.values.title.trim() ? { title: form.values.title } : {}),
          },
        }),
      ),
    { form, invalidate: INVALIDATE, success: t('requirements.added'), close: onClose },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('requirements.add')}
      submitLabel={t('requirements.add')}
      form={form}
      submit={submit}
    >
      <EnumSelect
        label={t('requirements.kind')}
        options={KINDS}
        prefix="requirements.kind"
        allowDeselect={false}
        {...form.field('kind')}
      />
      <EnumSelect
        label={t('requirements.nature')}
        options={NATURES}
        prefix="requirements.nature"
        allowDeselect={false}
        {...form.field('nature')}
      />
      <TextInput label={t('requirements.dueOn')} type="date" required {...form.text('dueOn')} />
      <TextInput label={t('requirements.titleField')} {...form.text('title')} />
    </FormModal>
  );
}

function RecordReport({
  pledgeId,
  requirement,
  onClose,
}: {
  pledgeId: string;
  requirement: Requirement;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const form = useProblemForm({ title: '', url: '' });
  const submit = useSubmit(
    async () =>
      unwrap(
        await api.POST('/pledges/{id}/reporting-requirements/{requirementId}/report', {
          params: { path: { id: pledgeId, requirementId: requirement.id } },
          body: { title: form.values.title, url: form.values.url },
        }),
      ),
    { form, invalidate: INVALIDATE, success: t('requirements.recorded'), close: onClose },
  );
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('requirements.record')}
      submitLabel={t('requirements.record')}
      form={form}
      submit={submit}
    >
      <TextInput label={t('requirements.reportTitle')} required {...form.text('title')} />
      <TextInput label={t('requirements.reportUrl')} type="url" required {...form.text('url')} />
    </FormModal>
  );
}

export function ReportingRequirements({ pledgeId, editable }: { pledgeId: string; editable: boolean }) {
  const { t, f } = useI18n();
  const list = useApi('/pledges/{id}/reporting-requirements', { params: { path: { id: pledgeId } } });
  const [adding, { open, close }] = useDisclosure(false);
  const [recording, setRecording] = useState<Requirement | null>(null);
  const columns: Column<Requirement>[] = [
    { key: 'due', header: t('requirements.dueOn'), cell: (r) => <DateText value={r.dueOn} /> },
    {
      key: 'what',
      header: t('requirements.kind'),
      cell: (r) =>
        `${t(`requirements.kind.${r.kind}`)} · ${t(`requirements.nature.${r.nature}`)}${r.title ? ` — ${r.title}` : ''}`,
    },
    { key: 'status', header: t('requirements.status'), cell: (r) => <StatusBadge value={r.status} /> },
    {
      key: 'report',
      header: t('requirements.report'),
      cell: (r) =>
        r.report ? (
          r.report.url ? (
            <Anchor href={r.report.url} target="_blank" rel="noreferrer">
              {r.report.title}
            </Anchor>
          ) : (
            r.report.title
          )
        ) : editable && r.status !== 'withdrawn' ? (
          <Button
            size="xs"
            variant="light"
            onClick={() => setRecording(r)}
            aria-label={t('requirements.recordN', { due: f.date(r.dueOn) })}
          >
            {t('requirements.record')}
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            {t('requirements.noReport')}
          </Text>
        ),
    },
  ];
  return (
    <Card withBorder component="section" aria-labelledby="requirements">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="requirements">
          {t('requirements.title')}
        </Title>
        {editable && (
          <Button size="xs" onClick={open}>
            {t('requirements.add')}
          </Button>
        )}
      </Group>
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t('requirements.intro')}
        </Text>
        <QueryState query={list}>
          {(d) =>
            d.items.length === 0 ? (
              <EmptyState title={t('requirements.none')} />
            ) : (
              <DataTable rows={d.items} columns={columns} rowKey={(r) => r.id} caption={t('requirements.title')} />
            )
          }
        </QueryState>
      </Stack>
      {editable && <AddRequirement pledgeId={pledgeId} opened={adding} onClose={close} />}
      {recording && <RecordReport pledgeId={pledgeId} requirement={recording} onClose={() => setRecording(null)} />}
    </Card>
  );
}
