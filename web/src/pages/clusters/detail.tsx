import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { CitySelect } from '../../ui/fields';
import { FormError } from '../../ui/form-error';
import { FormModal } from '../../ui/form-modal';
import { DateText } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DataTable, PagedTable, useUrlFilters, type Column } from '../../ui/table';
import { OpenElection } from '../elections/open';

function AddMember({ code, opened, onClose }: { code: string; opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const form = useProblemForm({
    cityId: null as string | null,
    since: '',
    'representative.name': '',
    'representative.email': '',
    'representative.expertise': [] as string[],
  });
  const submit = useSubmit(
    async () => {
      const v = form.values;
      const body: {
        cityId: string;
        since?: string;
        representative: { name: string; email: string; expertise?: string[] };
      } = {
        cityId: v.cityId ?? '',
        representative: {
          name: v['representative.name'],
          email: v['representative.email'],
          expertise: v['representative.expertise'],
        },
      };
      if (v.since) body.since = v.since;
      return unwrap(await api.POST('/clusters/{code}/members', { params: { path: { code } }, body }));
    },
    {
      form,
      invalidate: ['/clusters', '/cities'],
      success: t('clusters.memberAdded'),
      close: onClose,
    },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('clusters.addMember')}
      submitLabel={t('clusters.addMember')}
      form={form}
      submit={submit}
    >
      <CitySelect label={t('clusters.city')} required {...form.field('cityId')} />
      <TextInput label={t('clusters.since')} type="date" {...form.text('since')} />
      <TextInput label={t('clusters.representativeName')} required {...form.text('representative.name')} />
      <TextInput
        label={t('clusters.representativeEmail')}
        type="email"
        required
        {...form.text('representative.email')}
      />
      <TagsInput
        label={t('clusters.expertise')}
        description={t('clusters.expertiseHelp')}
        {...form.field('representative.expertise')}
      />
    </FormModal>
  );
}

function EndMembership({
  code,
  member,
  onClose,
}: {
  code: string;
  member: Schemas['Membership'] | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const submit = useSubmit(
    async (cityId: string) => {
      setError(null);
      return unwrap(await api.DELETE('/clusters/{code}/members/{cityId}', { params: { path: { code, cityId } } }));
    },
    {
      invalidate: ['/clusters'],
      success: t('clusters.membershipEnded'),
      onSuccess: onClose,
      form: { clear: () => setError(null), setProblem: (e) => setError(e instanceof Error ? e.message : String(e)) },
    },
  );
  return (
    <Modal opened={!!member} onClose={onClose} title={t('clusters.endMembership')}>
      <Stack>
        <FormError message={error} />
        <Text>{t('clusters.endMembershipConfirm', { city: member?.cityName ?? '', cluster: code })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('action.cancel')}
          </Button>
          <Button color="red" loading={submit.isPending} onClick={() => member && submit.mutate(member.cityId)}>
            {t('clusters.endMembership')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function Page() {
  const { t } = useI18n();
  const { code = '' } = useParams();
  const cluster = useApi('/clusters/{code}', { params: { path: { code } } });
  const { all, setFilter, page, setPage, limit, offset } = useUrlFilters(['ended'] as const);
  const includeEnded = all.ended === 'true';
  const members = useApi('/clusters/{code}/members', {
    params: { path: { code }, query: { limit, offset, includeEnded: includeEnded ? 'true' : 'false' } },
  });
  const allMembers = useApi('/clusters/{code}/members', {
    params: { path: { code }, query: { limit: 200, includeEnded: 'true' } },
  });
  const coordinators = useApi('/clusters/{code}/coordinators', { params: { path: { code } } });
  const names = new Map((allMembers.data?.items ?? []).map((m) => [m.cityId, m.cityName]));
  const [adding, addModal] = useDisclosure(false);
  const [electing, electModal] = useDisclosure(false);
  const [ending, setEnding] = useState<Schemas['Membership'] | null>(null);

  const columns: Column<Schemas['Membership']>[] = [
    {
      key: 'city',
      header: t('clusters.city'),
      cell: (m) => (
        <Anchor component={Link} to={`/cities/${m.cityId}`}>
          {m.cityName}
        </Anchor>
      ),
    },
    {
      key: 'rep',
      header: t('clusters.representative'),
      cell: (m) => `${m.representative.name}${m.representative.email ? ` <${m.representative.email}>` : ''}`,
    },
    { key: 'expertise', header: t('clusters.expertise'), cell: (m) => m.representative.expertise.join(', ') || '—' },
    { key: 'since', header: t('clusters.since'), cell: (m) => <DateText value={m.since} /> },
    {
      key: 'until',
      header: t('clusters.until'),
      cell: (m) =>
        m.until ? (
          <DateText value={m.until} />
        ) : (
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            onClick={() => setEnding(m)}
            aria-label={t('clusters.endMembershipOf', { city: m.cityName })}
          >
            {t('clusters.endMembership')}
          </Button>
        ),
    },
  ];
  const termColumns: Column<Schemas['CoordinatorTerm']>[] = [
    { key: 'city', header: t('clusters.city'), cell: (c) => names.get(c.cityId) ?? c.cityId },
    { key: 'start', header: t('clusters.termStart'), cell: (c) => <DateText value={c.termStart} /> },
    { key: 'end', header: t('clusters.termEnd'), cell: (c) => <DateText value={c.termEnd} /> },
    {
      key: 'how',
      header: t('clusters.how'),
      cell: (c) =>
        c.appointed ? (
          t('clusters.appointed')
        ) : c.electionId ? (
          <Anchor component={Link} to={`/elections/${c.electionId}`}>
            {t('clusters.elected')}
          </Anchor>
        ) : (
          '—'
        ),
    },
    {
      key: 'current',
      header: t('clusters.current'),
      cell: (c) =>
        c.current ? (
          <Badge color="green" variant="light">
            {t('clusters.current')}
          </Badge>
        ) : (
          ''
        ),
    },
  ];

  return (
    <QueryState query={cluster}>
      {(c) => (
        <>
          <PageHeader
            title={`${c.code} — ${c.name}`}
            actions={
              c.status === 'active' && (
                <>
                  <Button variant="default" onClick={electModal.open}>
                    {t('elections.open')}
                  </Button>
                  <Button onClick={addModal.open}>{t('clusters.addMember')}</Button>
                </>
              )
            }
          >
            <Anchor component={Link} to="/clusters" size="sm">
              {t('clusters.back')}
            </Anchor>
          </PageHeader>
          <Stack>
            <Card withBorder component="section" aria-labelledby="themes">
              <Title order={2} size="h4" id="themes" mb="xs">
                {t('clusters.themes')}
              </Title>
              <Text size="sm">{c.themes.join(' · ') || '—'}</Text>
              {c.focus.length > 0 && (
                <Text size="sm" c="dimmed">
                  {c.focus.join(' · ')}
                </Text>
              )}
            </Card>
            <section aria-labelledby="coordinators">
              <Title order={2} size="h4" id="coordinators" mb="xs">
                {t('clusters.coordinators')}
              </Title>
              <QueryState query={coordinators}>
                {(d) =>
                  d.items.length === 0 ? (
                    <EmptyState title={t('clusters.noCoordinators')} />
                  ) : (
                    <DataTable
                      rows={d.items}
                      columns={termColumns}
                      rowKey={(x) => `${x.cityId}:${x.termStart}`}
                      caption={t('clusters.coordinators')}
                    />
                  )
                }
              </QueryState>
            </section>
            <section aria-labelledby="members">
              <Group justify="space-between" mb="xs">
                <Title order={2} size="h4" id="members">
                  {t('clusters.members')}
                </Title>
                <Switch
                  label={t('clusters.includeEnded')}
                  checked={includeEnded}
                  onChange={(e) => setFilter('ended', e.currentTarget.checked ? 'true' : null)}
                />
              </Group>
              <PagedTable
                query={members}
                columns={columns}
                rowKey={(m) => `${m.cityId}:${m.since}`}
                caption={t('clusters.members')}
                page={page}
                setPage={setPage}
                emptyTitle={t('clusters.noMembers')}
              />
            </section>
          </Stack>
          <AddMember code={c.code} opened={adding} onClose={addModal.close} />
          <EndMembership code={c.code} member={ending} onClose={() => setEnding(null)} />
          <OpenElection code={c.code} opened={electing} onClose={electModal.close} />
        </>
      )}
    </QueryState>
  );
}
