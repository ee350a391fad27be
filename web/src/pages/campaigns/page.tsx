// Fundraising campaigns: open one for a biennium; a campaign's prospects and their follow-ups.
import { Anchor, Button, Card, Group, Select, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { bienniaAround, currentBiennium } from '../../lib/biennium';
import { FormModal } from '../../ui/form-modal';
import { Money, StatusBadge } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DataTable, type Column } from '../../ui/table';

function OpenCampaign({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const form = useProblemForm({ biennium: currentBiennium() as string | null, target: '', closesOn: '' });
  const submit = useSubmit(
    async () => {
      const body: { biennium: string; target?: { currency: 'USD'; value: string }; closesOn?: string } = {
        biennium: form.values.biennium ?? '',
      };
      if (form.values.target.trim()) body.target = { currency: 'USD', value: form.values.target.trim() };
      if (form.values.closesOn) body.closesOn = form.values.closesOn;
      return unwrap(await api.POST('/campaigns', { body }));
    },
    {
      form,
      success: t('campaigns.opened'),
      onSuccess: (c) => {
        onClose();
        void navigate(`/campaigns/${c.id}`);
      },
    },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('campaigns.open')}
      submitLabel={t('campaigns.open')}
      form={form}
      submit={submit}
    >
      <Select
        label={t('funding.biennium')}
        data={bienniaAround(currentBiennium(), 0, 1)}
        allowDeselect={false}
        required
        {...form.field('biennium')}
      />
      <TextInput
        label={t('campaigns.target')}
        description={t('campaigns.targetHelp')}
        placeholder="1000000"
        inputMode="decimal"
        {...form.text('target')}
      />
      <TextInput label={t('campaigns.closesOn')} type="date" {...form.text('closesOn')} />
    </FormModal>
  );
}

function Campaign({ id }: { id: string }) {
  const { t } = useI18n();
  const campaign = useApi('/campaigns/{id}', { params: { path: { id } } });
  const columns: Column<Schemas['Campaign']['prospects'][number]>[] = [
    {
      key: 'pledge',
      header: t('pledges.pledge'),
      cell: (p) => (
        <Anchor component={Link} to={`/pledges/${p.pledgeId}`}>
          {t('campaigns.pledgeLink')}
        </Anchor>
      ),
    },
    {
      key: 'donor',
      header: t('pledges.donor'),
      cell: (p) => (
        <Anchor component={Link} to={`/donors/${p.donorId}`}>
          {t('campaigns.donorLink')}
        </Anchor>
      ),
    },
    { key: 'status', header: t('pledges.status'), cell: (p) => (p.status ? <StatusBadge value={p.status} /> : '—') },
    { key: 'followUps', header: t('campaigns.followUps'), cell: (p) => p.followUps },
  ];
  return (
    <QueryState query={campaign}>
      {(c) => (
        <>
          <PageHeader title={t('campaigns.named', { biennium: c.biennium })}>
            <Group gap="xs" mt={4}>
              <StatusBadge value={c.status} />
              <Text size="sm">
                {t('campaigns.target')}: <Money value={c.target.value} currency={c.target.currency} />
              </Text>
            </Group>
          </PageHeader>
          {c.prospects.length === 0 ? (
            <EmptyState title={t('campaigns.noProspects')} />
          ) : (
            <DataTable
              rows={c.prospects}
              columns={columns}
              rowKey={(p) => p.pledgeId}
              caption={t('campaigns.prospects')}
            />
          )}
        </>
      )}
    </QueryState>
  );
}

export function Page() {
  const { t } = useI18n();
  const { id } = useParams();
  const [opened, { open, close }] = useDisclosure(false);
  if (id) return <Campaign id={id} />;
  return (
    <>
      <PageHeader title={t('campaigns.title')} actions={<Button onClick={open}>{t('campaigns.open')}</Button>} />
      <Card withBorder>
        <Text size="sm">{t('campaigns.intro')}</Text>
      </Card>
      <OpenCampaign opened={opened} onClose={close} />
    </>
  );
}
