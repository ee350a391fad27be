// People with access: search, invite a member of staff (an e-mailed link), end their sessions.
import { Anchor, Badge, Button, Group, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { EnumSelect } from '../../ui/fields';
import { FormModal } from '../../ui/form-modal';
import { DateText } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { RowAction } from '../../ui/row-action';
import { FilterBar, SearchFilter } from '../../ui/filters';
import { PageHeader } from '../../ui/shell';
import { useSubmit } from '../../ui/submit';
import { PagedTable, useUrlFilters, type Column } from '../../ui/table';

function Invite({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const form = useProblemForm({
    name: '',
    email: '',
    language: 'en' as string | null,
    staffRole: 'secretariat' as string | null,
  });
  const submit = useSubmit(
    async () =>
      unwrap(
        await api.POST('/people', {
          body: {
            name: form.values.name,
            email: form.values.email,
            language: (form.values.language ?? 'en') as 'en' | 'fr',
            staffRole: (form.values.staffRole ?? '') as 'secretariat' | 'viewer',
          },
        }),
      ),
    {
      form,
      invalidate: ['/people'],
      success: t('people.invited'),
      close: onClose,
    },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('people.invite')}
      submitLabel={t('people.sendInvitation')}
      form={form}
      submit={submit}
      before={<Text size="sm">{t('people.inviteHelp')}</Text>}
    >
      <TextInput label={t('people.name')} required {...form.text('name')} />
      <TextInput label={t('people.email')} type="email" required {...form.text('email')} />
      <EnumSelect
        label={t('people.language')}
        options={['en', 'fr']}
        prefix="language"
        allowDeselect={false}
        {...form.field('language')}
      />
      <EnumSelect
        label={t('people.staffRole')}
        options={['secretariat', 'viewer']}
        prefix="role"
        allowDeselect={false}
        required
        {...form.field('staffRole')}
      />
    </FormModal>
  );
}

function SignOutPerson({ person }: { person: Schemas['Person'] }) {
  const { t } = useI18n();
  if (person.activeSessions === 0) return <Text size="sm">{t('people.noSession')}</Text>;
  return (
    <RowAction
      run={async () => unwrap(await api.POST('/people/{id}/sign-out', { params: { path: { id: person.id } } }))}
      invalidate={['/people']}
      success={t('people.signedOut', { name: person.name })}
      label={t('people.signOut')}
      ariaLabel={t('people.signOutOf', { name: person.name })}
    />
  );
}

export function Page() {
  const { t } = useI18n();
  const { filters, all, setFilter, page, setPage, limit, offset } = useUrlFilters(['q'] as const);
  const [opened, { open, close }] = useDisclosure(false);
  const people = useApi('/people', { params: { query: { ...filters, limit, offset } } });
  const columns: Column<Schemas['Person']>[] = [
    { key: 'name', header: t('people.name'), cell: (p) => p.name },
    { key: 'email', header: t('people.email'), cell: (p) => p.email },
    {
      key: 'access',
      header: t('people.access'),
      cell: (p) => (
        <Group gap={4}>
          {p.staffRole && <Badge variant="light">{t(`role.${p.staffRole}`)}</Badge>}
          {p.access
            .filter((a) => a.role !== p.staffRole)
            .map((a, i) => (
              <Badge key={i} variant="outline" color="gray">
                {t(`role.${a.role}`)}
                {a.cluster ? ` · ${a.cluster}` : ''}
              </Badge>
            ))}
        </Group>
      ),
    },
    { key: 'language', header: t('people.language'), cell: (p) => t(`language.${p.language}`) },
    { key: 'seen', header: t('people.lastSeen'), cell: (p) => <DateText value={p.lastSeenAt} time /> },
    { key: 'sessions', header: t('people.sessions'), cell: (p) => <SignOutPerson person={p} /> },
  ];
  return (
    <>
      <PageHeader
        title={t('people.title')}
        actions={
          <>
            <Button variant="default" component={Link} to="/people/tokens">
              {t('nav.tokens')}
            </Button>
            <Button onClick={open}>{t('people.invite')}</Button>
          </>
        }
      />
      <FilterBar>
        <SearchFilter value={all.q} onChange={(v) => setFilter('q', v)} />
      </FilterBar>
      <PagedTable
        query={people}
        columns={columns}
        rowKey={(p) => p.id}
        caption={t('people.title')}
        page={page}
        setPage={setPage}
        emptyTitle={t('people.none')}
      />
      <Anchor component={Link} to="/audit" size="sm" mt="md" display="inline-block">
        {t('nav.audit')}
      </Anchor>
      <Invite opened={opened} onClose={close} />
    </>
  );
}
