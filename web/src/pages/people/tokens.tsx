// API tokens: create one (shown once), see them, revoke.
import { Alert, Anchor, Button, Code, CopyButton, Group, Modal, Stack, Switch, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { CitySelect, DonorSelect, EnumSelect } from '../../ui/fields';
import { ApiForm, FormActions } from '../../ui/form-modal';
import { DateText } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { RowAction } from '../../ui/row-action';
import { PageHeader } from '../../ui/shell';
import { useSubmit } from '../../ui/submit';
import { PagedTable, useUrlFilters, type Column } from '../../ui/table';

const ROLES = ['secretariat', 'city', 'donor', 'viewer'] as const;

function CreateToken({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [created, setCreated] = useState<string | null>(null);
  const form = useProblemForm({
    label: '',
    role: 'viewer' as string | null,
    cityId: null as string | null,
    donorId: null as string | null,
    readOnly: false,
  });
  const submit = useSubmit(
    async () => {
      const v = form.values;
      const body: {
        role: (typeof ROLES)[number];
        label: string;
        readOnly: boolean;
        cityId?: string;
        donorId?: string;
      } = { role: (v.role ?? 'viewer') as (typeof ROLES)[number], label: v.label, readOnly: v.readOnly };
      if (v.role === 'city' && v.cityId) body.cityId = v.cityId;
      if (v.role === 'donor' && v.donorId) body.donorId = v.donorId;
      const r = await api.POST('/tokens', { body });
      return unwrap(r) as unknown as { token: string };
    },
    { form, invalidate: ['/tokens'], onSuccess: (r) => setCreated(r.token) },
  );
  const close = () => {
    setCreated(null);
    form.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('tokens.create')}>
      {created ? (
        <Stack>
          <Alert color="green" title={t('tokens.created')}>
            {t('tokens.shownOnce')}
          </Alert>
          <Code block style={{ wordBreak: 'break-all' }}>
            {created}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={created}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy}>
                  {copied ? t('tokens.copied') : t('tokens.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={close}>{t('action.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <ApiForm form={form} submit={submit}>
          <TextInput label={t('tokens.label')} required {...form.text('label')} />
          <EnumSelect
            label={t('tokens.role')}
            options={ROLES}
            prefix="role"
            allowDeselect={false}
            {...form.field('role')}
          />
          {form.values.role === 'city' && <CitySelect label={t('tokens.city')} required {...form.field('cityId')} />}
          {form.values.role === 'donor' && (
            <DonorSelect label={t('tokens.donor')} required {...form.field('donorId')} />
          )}
          <Switch
            label={t('tokens.readOnly')}
            checked={form.values.readOnly}
            onChange={(e) => form.setValue('readOnly', e.currentTarget.checked)}
          />
          <FormActions onCancel={close} submitLabel={t('action.create')} loading={submit.isPending} />
        </ApiForm>
      )}
    </Modal>
  );
}

function Revoke({ token }: { token: Schemas['Token'] }) {
  const { t } = useI18n();
  if (token.revokedAt) return <DateText value={token.revokedAt} time />;
  return (
    <RowAction
      run={async () => unwrap(await api.DELETE('/tokens/{id}', { params: { path: { id: token.id } } }))}
      invalidate={['/tokens']}
      success={t('tokens.revoked')}
      label={t('tokens.revoke')}
      ariaLabel={t('tokens.revokeNamed', { label: token.label })}
    />
  );
}

export function Page() {
  const { t } = useI18n();
  const { page, setPage, limit, offset } = useUrlFilters([] as const);
  const [opened, { open, close }] = useDisclosure(false);
  const tokens = useApi('/tokens', { params: { query: { limit, offset } } });
  const columns: Column<Schemas['Token']>[] = [
    { key: 'label', header: t('tokens.label'), cell: (x) => x.label },
    {
      key: 'role',
      header: t('tokens.role'),
      cell: (x) => `${t(`role.${x.role}`)}${x.readOnly ? ` · ${t('tokens.readOnlyShort')}` : ''}`,
    },
    { key: 'created', header: t('tokens.createdAt'), cell: (x) => <DateText value={x.createdAt} time /> },
    { key: 'revoked', header: t('tokens.revokedAt'), cell: (x) => <Revoke token={x} /> },
  ];
  return (
    <>
      <PageHeader title={t('tokens.title')} actions={<Button onClick={open}>{t('tokens.create')}</Button>}>
        <Anchor component={Link} to="/people" size="sm">
          {t('nav.people')}
        </Anchor>
      </PageHeader>
      <PagedTable
        query={tokens}
        columns={columns}
        rowKey={(x) => x.id}
        caption={t('tokens.title')}
        page={page}
        setPage={setPage}
      />
      <CreateToken opened={opened} onClose={close} />
    </>
  );
}
