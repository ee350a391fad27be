// Exchange rates to USD: currency and dates in the URL; record a rate, or import a CSV file of them.
import { Button, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { FormModal } from '../../ui/form-modal';
import { DateText } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { FilterBar } from '../../ui/filters';
import { PageHeader } from '../../ui/shell';
import { useSubmit } from '../../ui/submit';
import { PagedTable, useUrlFilters, type Column } from '../../ui/table';
import { ImportRates } from './import';

function AddRate({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const form = useProblemForm({ currency: '', date: new Date().toISOString().slice(0, 10), rateToUsd: '' });
  const submit = useSubmit(
    async () =>
      unwrap(
        await api.POST('/fx-rates', {
          body: {
            currency: form.values.currency.trim().toUpperCase(),
            date: form.values.date,
            rateToUsd: form.values.rateToUsd.trim(),
          },
        }),
      ),
    {
      form,
      invalidate: ['/fx-rates', '/funding'],
      success: t('fx.recorded'),
      close: onClose,
    },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('fx.add')}
      submitLabel={t('action.save')}
      form={form}
      submit={submit}
    >
      <TextInput label={t('pledges.currency')} maxLength={3} required {...form.text('currency')} />
      <TextInput label={t('fx.date')} type="date" required {...form.text('date')} />
      <TextInput
        label={t('fx.rate')}
        description={t('fx.rateHelp')}
        inputMode="decimal"
        required
        {...form.text('rateToUsd')}
      />
    </FormModal>
  );
}

export function Page() {
  const { t } = useI18n();
  const { filters, all, setFilter, page, setPage, limit, offset } = useUrlFilters(['currency', 'from', 'to'] as const);
  const [opened, { open, close }] = useDisclosure(false);
  const [importing, importModal] = useDisclosure(false);
  const rates = useApi('/fx-rates', { params: { query: { ...filters, limit, offset } } });
  const columns: Column<Schemas['FxRate']>[] = [
    { key: 'currency', header: t('pledges.currency'), cell: (r) => r.currency },
    { key: 'date', header: t('fx.date'), cell: (r) => <DateText value={r.date} /> },
    { key: 'rate', header: t('fx.rate'), cell: (r) => r.rateToUsd },
  ];
  return (
    <>
      <PageHeader
        title={t('fx.title')}
        actions={
          <>
            <Button variant="default" onClick={importModal.open}>
              {t('console.fx.import')}
            </Button>
            <Button onClick={open}>{t('fx.add')}</Button>
          </>
        }
      />
      <FilterBar wrap="wrap">
        <TextInput
          label={t('pledges.currency')}
          maxLength={3}
          value={all.currency ?? ''}
          onChange={(e) => setFilter('currency', e.currentTarget.value.toUpperCase())}
          w={{ base: '100%', sm: 120 }}
        />
        <TextInput
          label={t('fx.from')}
          type="date"
          value={all.from ?? ''}
          onChange={(e) => setFilter('from', e.currentTarget.value)}
          w={{ base: '100%', sm: 180 }}
        />
        <TextInput
          label={t('fx.to')}
          type="date"
          value={all.to ?? ''}
          onChange={(e) => setFilter('to', e.currentTarget.value)}
          w={{ base: '100%', sm: 180 }}
        />
      </FilterBar>
      <PagedTable
        query={rates}
        columns={columns}
        rowKey={(r) => `${r.currency}:${r.date}`}
        caption={t('fx.title')}
        page={page}
        setPage={setPage}
        emptyTitle={t('fx.none')}
      />
      <AddRate opened={opened} onClose={close} />
      {importing && <ImportRates onClose={importModal.close} />}
    </>
  );
}
