import { Anchor, Card, Group, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { CITY_STATUSES } from '../../lib/enums';
import { EnumSelect, useCountries } from '../../ui/fields';
import { ApiForm, FormActions } from '../../ui/form-modal';
import { StatusBadge } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { PageHeader } from '../../ui/shell';
import { QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';

function EditCity({ city }: { city: Schemas['City'] }) {
  const { t } = useI18n();
  const initial = {
    name: city.name,
    status: city.status as string | null,
    yearJoined: (city.yearJoined ?? '') as string | number,
  };
  const form = useProblemForm(initial);
  useEffect(() => form.reset(initial), [city]);
  const submit = useSubmit(
    async () => {
      const v = form.values;
      const body = {
        name: v.name,
        status: (v.status ?? city.status) as Schemas['City']['status'],
        yearJoined: v.yearJoined === '' ? null : Number(v.yearJoined),
      };
      return unwrap(await api.PATCH('/cities/{id}', { params: { path: { id: city.id } }, body }));
    },
    { form, invalidate: ['/cities'], success: t('action.saved') },
  );
  return (
    <Card withBorder component="section" aria-labelledby="edit-city">
      <Text id="edit-city" fw={700} mb="sm">
        {t('cities.edit')}
      </Text>
      <ApiForm form={form} submit={submit}>
        <TextInput label={t('cities.name')} required {...form.text('name')} />
        <EnumSelect
          label={t('cities.status')}
          options={CITY_STATUSES}
          prefix="status"
          allowDeselect={false}
          {...form.field('status')}
        />
        <NumberInput
          label={t('cities.yearJoined')}
          min={2013}
          max={2100}
          allowDecimal={false}
          {...form.field('yearJoined')}
        />
        <FormActions submitLabel={t('action.save')} loading={submit.isPending} />
      </ApiForm>
    </Card>
  );
}

export function Page() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const city = useApi('/cities/{id}', { params: { path: { id } } });
  const { names } = useCountries();
  return (
    <QueryState query={city}>
      {(c) => (
        <>
          <PageHeader title={c.name}>
            <Anchor component={Link} to="/cities" size="sm">
              {t('cities.back')}
            </Anchor>
          </PageHeader>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder component="section" aria-label={t('cities.profile')}>
              <Stack gap="xs">
                <Group>
                  <Text fw={600}>{t('cities.country')}:</Text>
                  <Text>{names.get(c.country) ?? c.country}</Text>
                </Group>
                <Group>
                  <Text fw={600}>{t('cities.status')}:</Text>
                  <StatusBadge value={c.status} />
                </Group>
                <Group>
                  <Text fw={600}>{t('cities.yearJoined')}:</Text>
                  <Text>{c.yearJoined ?? '—'}</Text>
                </Group>
              </Stack>
            </Card>
            <EditCity city={c} />
          </SimpleGrid>
        </>
      )}
    </QueryState>
  );
}
