// Fundraising campaigns (GET /campaigns, status and biennium in the URL): open one for a biennium;
// a campaign's prospects and their follow-ups.
import { Anchor, Button, Card, Group, Select, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi, type GetQuery } from '../../api/query';
import { useI18n } from '../../i18n';
import { bienniaAround, currentBiennium } from '../../lib/biennium';
import { FormModal } from '../../ui/form-modal';
import { DateText, Money, StatusBadge } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { EnumSelect } from '../../ui/fields';
import { FilterBar } from '../../ui/filters';
import { DataTable, PagedTable, useUrlFilters, type Column } from '../../ui/table';
import { isOneOf } from '../../lib/enums';

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
      invalidate: ['/campaigns'],
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

const STATUSES = ['open', 'closed'] as const satisfies readonly Schemas['CampaignListItem']['status'][];
const BIENNIUM = /^\d{4}-\d{4}$/;

function Campaigns() {
  const { t } = useI18n();
  const { all, setFilter, page, setPage, limit, offset } = useUrlFilters(['status', 'biennium'] as const);
  const query: GetQuery<'/campaigns'> = { limit, offset };
  if (isOneOf(STATUSES, all.status)) query.status = all.status;
  if (all.biennium && BIENNIUM.test(all.biennium)) query.biennium = all.biennium;
  const campaigns = useApi('/campaigns', { params: { query } });
  const columns: Column<Schemas['CampaignListItem']>[] = [
    {
      key: 'campaign',
      header: t('lists.campaigns.campaign'),
      cell: (c) => (
        <Anchor component={Link} to={`/campaigns/${c.id}`}>
          {t('campaigns.named', { biennium: c.biennium })}
        </Anchor>
      ),
    },
    { key: 'status', header: t('lists.status'), cell: (c) => <StatusBadge value={c.status} /> },
    { key: 'option', header: t('pledges.fundingOption'), cell: (c) => t(`fundingOption.${c.fundingOption}`) },
    {
      key: 'target',
      header: t('campaigns.target'),
      cell: (c) => <Money value={c.target.value} currency={c.target.currency} />,
    },
    { key: 'closesOn', header: t('campaigns.closesOn'), cell: (c) => <DateText value={c.closesOn} /> },
    { key: 'prospects', header: t('campaigns.prospects'), cell: (c) => c.prospects },
  ];
  return (
    <>
      <FilterBar wrap="wrap">
        <EnumSelect
          label={t('lists.status')}
          options={STATUSES}
          prefix="status"
          clearable
          value={all.status}
          onChange={(v) => setFilter('status', v)}
          w={{ base: '100%', sm: 160 }}
        />
        <Select
          label={t('funding.biennium')}
          data={bienniaAround(currentBiennium(), 3, 1)}
          clearable
          value={all.biennium ?? null}
          onChange={(v) => setFilter('biennium', v)}
          w={{ base: '100%', sm: 160 }}
        />
      </FilterBar>
      <PagedTable
        query={campaigns}
        columns={columns}
        rowKey={(c) => c.id}
        caption={t('lists.campaigns.all')}
        page={page}
        setPage={setPage}
        emptyTitle={t('lists.campaigns.none')}
      />
    </>
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
      <Card withBorder mb="md">
        <Text size="sm">{t('campaigns.intro')}</Text>
      </Card>
      <Campaigns />
      <OpenCampaign opened={opened} onClose={close} />
    </>
  );
}
