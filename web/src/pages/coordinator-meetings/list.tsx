// Coordinator meetings: status filter in the URL, who has not reported yet; plan one.
import { Anchor, Button, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { MEETING_STATUSES, isOneOf } from '../../lib/enums';
import { EnumSelect } from '../../ui/fields';
import { FormModal } from '../../ui/form-modal';
import { DateText, StatusBadge } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { FilterBar } from '../../ui/filters';
import { PageHeader } from '../../ui/shell';
import { useSubmit } from '../../ui/submit';
import { PagedTable, useUrlFilters, type Column } from '../../ui/table';

function PlanMeeting({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const form = useProblemForm({ date: '', title: '', reportLead: '' });
  const submit = useSubmit(
    async () => {
      const body: { date: string; title?: string; reportLead?: string } = { date: form.values.date };
      if (form.values.title.trim()) body.title = form.values.title.trim();
      if (form.values.reportLead.trim()) body.reportLead = form.values.reportLead.trim();
      return unwrap(await api.POST('/coordinator-meetings', { body }));
    },
    {
      form,
      invalidate: ['/coordinator-meetings', '/calendar'],
      success: t('meetings.planned'),
      close: onClose,
    },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('meetings.plan')}
      submitLabel={t('meetings.plan')}
      form={form}
      submit={submit}
    >
      <TextInput label={t('meetings.date')} type="date" required {...form.text('date')} />
      <TextInput label={t('meetings.titleField')} {...form.text('title')} />
      <TextInput
        label={t('meetings.reportLead')}
        description={t('meetings.reportLeadHelp')}
        placeholder="P30D"
        {...form.text('reportLead')}
      />
    </FormModal>
  );
}

export function Page() {
  const { t } = useI18n();
  const { filters, all, setFilter, page, setPage, limit, offset } = useUrlFilters(['status'] as const);
  const [opened, { open, close }] = useDisclosure(false);
  const query: { limit: number; offset: number; status?: Schemas['CoordinatorMeeting']['status'] } = { limit, offset };
  if (isOneOf(MEETING_STATUSES, filters.status)) query.status = filters.status;
  const meetings = useApi('/coordinator-meetings', { params: { query } });
  const columns: Column<Schemas['CoordinatorMeetingSummary']>[] = [
    {
      key: 'title',
      header: t('meetings.titleField'),
      cell: (m) => (
        <Anchor component={Link} to={`/coordinator-meetings/${m.id}`}>
          {m.title}
        </Anchor>
      ),
    },
    { key: 'at', header: t('meetings.date'), cell: (m) => <DateText value={m.at} time /> },
    { key: 'due', header: t('meetings.reportsDue'), cell: (m) => <DateText value={m.reportDueAt} time /> },
    { key: 'status', header: t('meetings.status'), cell: (m) => <StatusBadge value={m.status} /> },
    {
      key: 'missing',
      header: t('meetings.missing'),
      cell: (m) => t('meetings.missingCount', { missing: m.missing.length, expected: m.expected.length }),
    },
  ];
  return (
    <>
      <PageHeader title={t('meetings.title')} actions={<Button onClick={open}>{t('meetings.plan')}</Button>} />
      <FilterBar>
        <EnumSelect
          label={t('meetings.status')}
          options={MEETING_STATUSES}
          prefix="status"
          clearable
          value={all.status}
          onChange={(v) => setFilter('status', v)}
          w={{ base: '100%', sm: 200 }}
        />
      </FilterBar>
      <PagedTable
        query={meetings}
        columns={columns}
        rowKey={(m) => m.id}
        caption={t('meetings.title')}
        page={page}
        setPage={setPage}
        emptyTitle={t('meetings.none')}
      />
      <PlanMeeting opened={opened} onClose={close} />
    </>
  );
}
