// Partnerships for African cities: the list (filters in the URL) and recording one — a member city
// supporting an African city of the registry or a new candidate city, goals, the report cycle.
import { Anchor, Button, Group, Select, TextInput, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useT, type MessageKey } from '../../i18n';
import { CitySelect, DonorSelect } from '../../ui/fields';
import { FormModal } from '../../ui/form-modal';
import { DateText, StatusBadge } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DataTable, type Column } from '../../ui/table';

export const KINDS = ['twinning', 'mentoring', 'peer_exchange', 'training'] as const;
const EVERY = ['P3M', 'P6M', 'P1Y'] as const;

function CreatePartnership({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const countries = useApi('/countries', { params: { query: { region: 'africa' } } });
  const form = useProblemForm({
    title: '',
    kind: 'mentoring' as string | null,
    supportingCityId: null as string | null,
    africanCityId: null as string | null,
    'newAfricanCity.name': '',
    'newAfricanCity.country': null as string | null,
    donorId: null as string | null,
    goals: '',
    startsOn: new Date().toISOString().slice(0, 10),
    endsOn: '',
    reportEvery: 'P6M' as string | null,
  });
  const submit = useSubmit(
    async () => {
      const v = form.values;
      const newName = v['newAfricanCity.name'].trim();
      return unwrap(
        await api.POST('/partnerships', {
          body: {
            title: v.title,
            kind: (v.kind ?? '') as (typeof KINDS)[number],
            supportingCityId: v.supportingCityId ?? '',
            ...(v.africanCityId ? { africanCityId: v.africanCityId } : {}),
            ...(!v.africanCityId && newName
              ? { newAfricanCity: { name: newName, country: v['newAfricanCity.country'] ?? '' } }
              : {}),
            ...(v.donorId ? { donorId: v.donorId } : {}),
            goals: v.goals
              .split('\n')
              .map((g) => g.trim())
              .filter(Boolean),
            startsOn: v.startsOn,
            ...(v.endsOn ? { endsOn: v.endsOn } : {}),
            reportEvery: v.reportEvery ?? 'P6M',
          },
        }),
      );
    },
    {
      form,
      success: t('partnerships.created'),
      invalidate: ['/partnerships', '/cities'],
      close: onClose,
      onSuccess: (p) => void navigate(`/partnerships/${p.id}`),
    },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('partnerships.create')}
      submitLabel={t('partnerships.create')}
      size="lg"
      form={form}
      submit={submit}
    >
      <TextInput label={t('partnerships.title')} required {...form.text('title')} />
      <Select
        label={t('partnerships.kind')}
        allowDeselect={false}
        data={KINDS.map((k) => ({ value: k, label: t(`partnerships.kind.${k}`) }))}
        {...form.field('kind')}
      />
      <CitySelect label={t('partnerships.supporting')} required status="member" {...form.field('supportingCityId')} />
      <CitySelect
        label={t('partnerships.african')}
        description={t('partnerships.africanHelp')}
        region="africa"
        {...form.field('africanCityId')}
      />
      <Group grow align="flex-start">
        <TextInput
          label={t('partnerships.newCity')}
          disabled={!!form.values.africanCityId}
          {...form.text('newAfricanCity.name')}
        />
        <Select
          label={t('partnerships.newCountry')}
          searchable
          disabled={!!form.values.africanCityId}
          data={(countries.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))}
          {...form.field('newAfricanCity.country')}
        />
      </Group>
      <DonorSelect label={t('partnerships.donor')} placeholder={t('partnerships.noDonor')} {...form.field('donorId')} />
      <Textarea
        label={t('partnerships.goals')}
        description={t('partnerships.goalsHelp')}
        required
        autosize
        minRows={2}
        {...form.text('goals')}
      />
      <Group grow align="flex-start">
        <TextInput label={t('partnerships.startsOn')} type="date" required {...form.text('startsOn')} />
        <TextInput label={t('partnerships.endsOn')} type="date" {...form.text('endsOn')} />
      </Group>
      <Select
        label={t('partnerships.reportEvery')}
        allowDeselect={false}
        data={EVERY.map((e) => ({ value: e, label: t(`partnerships.every.${e}` as MessageKey) }))}
        {...form.field('reportEvery')}
      />
    </FormModal>
  );
}

export function Page() {
  const t = useT();
  const [opened, { open, close }] = useDisclosure(false);
  const [search, setSearch] = useSearchParams();
  const status = search.get('status') as 'active' | 'completed' | null;
  const list = useApi('/partnerships', { params: { query: status ? { status } : {} } });
  const columns: Column<Schemas['PartnershipSummary']>[] = [
    {
      key: 'title',
      header: t('partnerships.title'),
      cell: (p) => (
        <Anchor component={Link} to={`/partnerships/${p.id}`}>
          {p.title}
        </Anchor>
      ),
    },
    { key: 'kind', header: t('partnerships.kind'), cell: (p) => t(`partnerships.kind.${p.kind}`) },
    { key: 'supporting', header: t('partnerships.supporting'), cell: (p) => p.supportingCity.name },
    {
      key: 'african',
      header: t('partnerships.african'),
      cell: (p) => `${p.africanCity.name} (${p.africanCity.country})`,
    },
    { key: 'status', header: t('partnerships.status'), cell: (p) => <StatusBadge value={p.status} /> },
    {
      key: 'next',
      header: t('partnerships.nextReport'),
      cell: (p) => (p.nextReport ? <DateText value={p.nextReport.dueAt} /> : t('partnerships.noNextReport')),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('partnerships.heading')}
        actions={
          <Group>
            <Button component={Link} to="/partnerships/africa-support" variant="light">
              {t('nav.africaSupport')}
            </Button>
            <Button onClick={open}>{t('partnerships.create')}</Button>
          </Group>
        }
      />
      <CreatePartnership opened={opened} onClose={close} />
      <Select
        label={t('partnerships.status')}
        maw={240}
        mb="md"
        clearable
        data={[
          { value: 'active', label: t('status.active') },
          { value: 'completed', label: t('status.completed') },
        ]}
        value={status}
        onChange={(v) => setSearch(v ? { status: v } : {})}
      />
      <QueryState query={list}>
        {(d) =>
          d.items.length === 0 ? (
            <EmptyState title={t('partnerships.none')} />
          ) : (
            <DataTable rows={d.items} columns={columns} rowKey={(p) => p.id} caption={t('partnerships.heading')} />
          )
        }
      </QueryState>
    </>
  );
}
