// People with access: search, invite a member of staff (an e-mailed link), end their sessions.
import { Anchor, Badge, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { EnumSelect } from '../../ui/fields';
import { FormError } from '../../ui/form-error';
import { DateText } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
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
      onSuccess: () => {
        form.reset();
        onClose();
      },
    },
  );
  return (
    <Modal opened={opened} onClose={onClose} title={t('people.invite')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit.mutate(undefined);
        }}
        noValidate
      >
        <Stack>
          <Text size="sm">{t('people.inviteHelp')}</Text>
          <FormError message={form.formError} />
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
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('action.cancel')}
            </Button>
            <Button type="submit" loading={submit.isPending}>
              {t('people.sendInvitation')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function SignOutPerson({ person }: { person: Schemas['Person'] }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const submit = useSubmit(
    async () => unwrap(await api.POST('/people/{id}/sign-out', { params: { path: { id: person.id } } })),
    {
      invalidate: ['/people'],
      success: t('people.signedOut', { name: person.name }),
      form: { clear: () => setError(null), setProblem: (e) => setError(e instanceof Error ? e.message : String(e)) },
    },
  );
  if (person.activeSessions === 0) return <Text size="sm">{t('people.noSession')}</Text>;
  return (
    <>
      <Button
        size="compact-xs"
        variant="light"
        color="red"
        loading={submit.isPending}
        onClick={() => submit.mutate(undefined)}
        aria-label={t('people.signOutOf', { name: person.name })}
      >
        {t('people.signOut')}
      </Button>
      {error && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
    </>
  );
}

export function Page() {
  const { t } = useI18n();
  const { filters, all, setFilter, page, setPage, limit, offset } = useUrlFilters(['q'] as const);
  const [opened, { open, close }] = useDisclosure(false);
  const people = useApi('/people', { params: { query: { ...filters, limit, offset } } });
  const [q, setQ] = useState(all.q ?? '');
  const pushQ = useDebouncedCallback((v: string) => setFilter('q', v), 300);
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
      <Group mb="md" role="search" aria-label={t('filters.label')}>
        <TextInput
          label={t('filters.search')}
          type="search"
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            pushQ(e.currentTarget.value);
          }}
          w={{ base: '100%', sm: 260 }}
        />
      </Group>
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
