// One membership call for the secretariat: its applications with their state and the jury's mean
// score, a new link for a National Commission that lost its own, the jury (each juror with the
// language of its e-mails), a juror's scores and the decision for an application with the jury, the report.
import { Anchor, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n, useT, type MessageKey } from '../../i18n';
import { ApiForm, FormModal } from '../../ui/form-modal';
import { DateText, StatusBadge } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { PageHeader } from '../../ui/shell';
import { QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DataTable, type Column } from '../../ui/table';

const CRITERIA = ['commitment', 'strategy', 'stakeholders', 'resources', 'monitoring'] as const;
type Application = Schemas['MembershipApplication'];
const INVALIDATE = [
  '/membership-calls',
  '/membership-calls/{id}',
  '/membership-calls/{id}/applications',
  '/membership-calls/{id}/report',
];

function Jury({ call }: { call: Schemas['MembershipCall'] }) {
  const t = useT();
  const form = useProblemForm({ name: '', email: '', language: 'en' as 'en' | 'fr' });
  const add = useSubmit(
    async () =>
      unwrap(await api.POST('/membership-calls/{id}/jurors', { params: { path: { id: call.id } }, body: form.values })),
    { form, invalidate: INVALIDATE, onSuccess: () => form.reset() },
  );
  return (
    <Card withBorder>
      <Title order={2} size="h4">
        {t('membership.jury')}
      </Title>
      <Stack gap={2} my="xs">
        {call.jurors.map((j) => (
          <Text key={j.id} size="sm">
            {j.name} ({j.email}) · {t(`language.${j.language}`)}
          </Text>
        ))}
      </Stack>
      <ApiForm form={form} submit={add} label={t('membership.addJuror')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('membership.jurorName')} required {...form.text('name')} />
          <TextInput label={t('membership.jurorEmail')} type="email" required {...form.text('email')} />
          <Select
            label={t('membership.jurorLanguage')}
            data={(['en', 'fr'] as const).map((l) => ({ value: l, label: t(`language.${l}`) }))}
            allowDeselect={false}
            {...form.field('language')}
            onChange={(v) => form.setValue('language', v === 'fr' ? 'fr' : 'en')}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={add.isPending}>
            {t('membership.addJuror')}
          </Button>
        </Group>
      </ApiForm>
    </Card>
  );
}

/** An application with its National Commission: a new link on request (the old one stops, the deadline stays). */
function NatcomLink({ a }: { a: Application }) {
  const { t, f } = useI18n();
  const [opened, { open, close }] = useDisclosure(false);
  const form = useProblemForm({});
  const resend = useSubmit(
    async () => unwrap(await api.POST('/membership-applications/{id}/natcom-link', { params: { path: { id: a.id } } })),
    { form, invalidate: INVALIDATE, success: t('membership.resendNatcomDone'), close },
  );
  const date = f.dateTime(a.natcomDeadline);
  return (
    <Card withBorder>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={2}>
          <Title order={3} size="h5">
            {a.cityName} ({a.country})
          </Title>
          <Text size="sm">{t('membership.natcomDeadline', { date })}</Text>
        </Stack>
        <Button variant="light" onClick={open} aria-label={t('membership.resendNatcomFor', { city: a.cityName })}>
          {t('membership.resendNatcom')}
        </Button>
      </Group>
      <FormModal
        opened={opened}
        onClose={close}
        title={t('membership.resendNatcomTitle')}
        submitLabel={t('membership.resendNatcom')}
        form={form}
        submit={resend}
      >
        <Text size="sm">{t('membership.resendNatcomBody', { country: a.country, city: a.cityName, date })}</Text>
      </FormModal>
    </Card>
  );
}

function Review({ a, call }: { a: Application; call: Schemas['MembershipCall'] }) {
  const t = useT();
  const clusters = useApi('/clusters', { params: { query: { status: 'active' } } });
  const [juror, setJuror] = useState<string | null>(call.jurors[0]?.id ?? null);
  const scores = useProblemForm<Record<string, string>>(Object.fromEntries(CRITERIA.map((c) => [c, ''])));
  const decision = useProblemForm({ cluster: null as string | null });
  const save = useSubmit(
    async () =>
      unwrap(
        await api.POST('/membership-applications/{id}/scores', {
          params: { path: { id: a.id } },
          body: {
            jurorId: juror ?? '',
            scores: Object.fromEntries(CRITERIA.map((c) => [c, Number(scores.values[c])])) as Record<
              (typeof CRITERIA)[number],
              number
            >,
          },
        }),
      ),
    { form: scores, invalidate: INVALIDATE },
  );
  const decide = useSubmit(
    async (d: 'admitted' | 'not_admitted') =>
      unwrap(
        await api.POST('/membership-applications/{id}/decision', {
          params: { path: { id: a.id } },
          body: {
            decision: d,
            ...(d === 'admitted' && decision.values.cluster ? { cluster: decision.values.cluster } : {}),
          },
        }),
      ),
    { form: decision, invalidate: INVALIDATE, success: t('membership.decided') },
  );
  return (
    <Card withBorder>
      <Title order={3} size="h5">
        {a.cityName} ({a.country})
      </Title>
      <Stack gap="xs">
        <Select
          label={t('membership.jury')}
          data={call.jurors.map((j) => ({ value: j.id, label: j.name }))}
          value={juror}
          onChange={setJuror}
        />
        <SimpleGrid cols={{ base: 2, sm: 5 }}>
          {CRITERIA.map((c) => (
            <Select
              key={c}
              label={t(`membership.criterion.${c}` as MessageKey)}
              data={['1', '2', '3', '4', '5']}
              value={scores.values[c] || null}
              onChange={(x) => scores.setValue(c, x ?? '')}
              error={scores.errors[`scores.${c}`]}
            />
          ))}
        </SimpleGrid>
        <Group>
          <Button variant="light" loading={save.isPending} onClick={() => save.mutate(undefined)}>
            {t('membership.saveScores')}
          </Button>
        </Group>
        <Select
          label={t('membership.cluster')}
          data={(clusters.data?.items ?? []).map((k) => ({ value: k.code, label: k.name }))}
          {...decision.field('cluster')}
        />
        {decision.formError && (
          <Text c="red.9" role="alert">
            {decision.formError}
          </Text>
        )}
        <Group>
          <Button loading={decide.isPending} onClick={() => decide.mutate('admitted')}>
            {t('membership.admit')}
          </Button>
          <Button
            variant="outline"
            color="red"
            loading={decide.isPending}
            onClick={() => decide.mutate('not_admitted')}
          >
            {t('membership.notAdmit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function Page() {
  const t = useT();
  const { id = '' } = useParams();
  const call = useApi('/membership-calls/{id}', { params: { path: { id } } });
  const apps = useApi('/membership-calls/{id}/applications', { params: { path: { id } } });
  const report = useApi('/membership-calls/{id}/report', { params: { path: { id } } });
  const close = useSubmit(
    async () => unwrap(await api.POST('/membership-calls/{id}/close', { params: { path: { id } } })),
    { invalidate: INVALIDATE },
  );
  const columns: Column<Application>[] = [
    { key: 'city', header: t('membership.city'), cell: (a) => a.cityName },
    { key: 'country', header: t('membership.country'), cell: (a) => a.country },
    {
      key: 'status',
      header: t('membership.status'),
      cell: (a) => t(`membership.status.${a.status}` as MessageKey),
    },
    { key: 'mean', header: t('membership.mean'), cell: (a) => a.means.overall ?? '—' },
  ];
  return (
    <QueryState query={call}>
      {(c) => (
        <Stack>
          <PageHeader
            title={c.title}
            actions={
              <Group>
                <Anchor href={`/app/apply/${c.id}`}>{t('membership.publicLink')}</Anchor>
                {c.status === 'open' && (
                  <Button variant="light" loading={close.isPending} onClick={() => close.mutate(undefined)}>
                    {t('membership.closeNow')}
                  </Button>
                )}
              </Group>
            }
          />
          <Group>
            <StatusBadge value={c.status} />
            <Text size="sm">
              {t('membership.closesAt')}: <DateText value={c.closesAt} time />
            </Text>
          </Group>
          <Title order={2} size="h4">
            {t('membership.applications')}
          </Title>
          <QueryState query={apps}>
            {(d) => (
              <>
                <DataTable
                  rows={d.items}
                  columns={columns}
                  rowKey={(a) => a.id}
                  caption={t('membership.applications')}
                />
                {d.items.some((a) => a.status === 'natcom_review') && (
                  <Title order={2} size="h4">
                    {t('membership.natcomPending')}
                  </Title>
                )}
                {d.items
                  .filter((a) => a.status === 'natcom_review')
                  .map((a) => (
                    <NatcomLink key={a.id} a={a} />
                  ))}
                {d.items
                  .filter((a) => a.status === 'jury_review')
                  .map((a) => (
                    <Review key={a.id} a={a} call={c} />
                  ))}
              </>
            )}
          </QueryState>
          <Jury call={c} />
          <QueryState query={report}>
            {(r) => (
              <Card withBorder>
                <Title order={2} size="h4">
                  {r.final ? t('membership.reportFinal') : t('membership.reportLive')}
                </Title>
                <Text size="sm">
                  {t('membership.africaShare', {
                    n: r.africa.applications,
                    share: r.africa.applicationShare ?? '—',
                    admitted: r.africa.admitted,
                    admittedShare: r.africa.admittedShare ?? '—',
                  })}
                </Text>
                <div role="region" aria-label={t('membership.report')} tabIndex={0} style={{ overflowX: 'auto' }}>
                  <Table aria-label={t('membership.report')}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('membership.region')}</Table.Th>
                        <Table.Th scope="col">{t('membership.applications')}</Table.Th>
                        <Table.Th scope="col">{t('membership.endorsed')}</Table.Th>
                        <Table.Th scope="col">{t('membership.admitted')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {r.byRegion.map((x) => (
                        <Table.Tr key={x.region}>
                          <Table.Td>{x.region}</Table.Td>
                          <Table.Td>{x.applications}</Table.Td>
                          <Table.Td>{x.endorsed}</Table.Td>
                          <Table.Td>{x.admitted}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </div>
              </Card>
            )}
          </QueryState>
        </Stack>
      )}
    </QueryState>
  );
}
