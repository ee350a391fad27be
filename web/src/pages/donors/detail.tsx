import { Anchor, Card, SimpleGrid, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { useProblemForm } from '../../ui/problem-form';
import { PageHeader } from '../../ui/shell';
import { QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DonorFields, donorBody, donorFormValues } from './form';
import { DonorPledges } from '../pledges/donor-pledges';
import { useMe } from '../../ui/session';
import { ContactLog } from './contacts';

function EditDonor({ donor }: { donor: Schemas['Donor'] }) {
  const { t } = useI18n();
  const form = useProblemForm(donorFormValues(donor));
  useEffect(() => form.reset(donorFormValues(donor)), [donor]);
  const submit = useSubmit(
    async () => {
      const b = donorBody(form.values);
      const body = {
        ...b,
        country: b.country ?? null,
        contact: { name: b.contact.name ?? null, email: b.contact.email ?? null },
      };
      return unwrap(await api.PATCH('/donors/{id}', { params: { path: { id: donor.id } }, body }));
    },
    { form, invalidate: ['/donors'], success: t('action.saved') },
  );
  return (
    <Card withBorder component="section" aria-labelledby="edit-donor">
      <Title order={2} size="h4" id="edit-donor" mb="sm">
        {t('donors.edit')}
      </Title>
      <DonorFields
        form={form}
        submitting={submit.isPending}
        submitLabel={t('action.save')}
        onSubmit={() => submit.mutate(undefined)}
      />
    </Card>
  );
}

export function Page() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const donor = useApi('/donors/{id}', { params: { path: { id } } });
  const me = useMe();
  return (
    <QueryState query={donor}>
      {(d) => (
        <>
          <PageHeader title={d.name}>
            <Text size="sm" c="dimmed">
              {t(`donorType.${d.type}`)} ·{' '}
              <Anchor component={Link} to="/donors" size="sm">
                {t('donors.back')}
              </Anchor>
            </Text>
          </PageHeader>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <EditDonor donor={d} />
            <DonorPledges donorId={d.id} />
          </SimpleGrid>
          <ContactLog donor={d} canWrite={me.data?.role === 'secretariat' && !me.data.readOnly} />
        </>
      )}
    </QueryState>
  );
}
