// Record a pledge for a donor: financial (amount, instalments) or in kind (a description).
import { MultiSelect, NumberInput, Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { useNavigate } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { bienniaAround, currentBiennium } from '../../lib/biennium';
import { FUNDING_OPTIONS } from '../../lib/enums';
import { EnumSelect } from '../../ui/fields';
import { FormModal } from '../../ui/form-modal';
import { useProblemForm } from '../../ui/problem-form';
import { useSubmit } from '../../ui/submit';

import type { paths } from '../../api/schema';

type Body = paths['/pledges']['post']['requestBody']['content']['application/json'];

export function CreatePledge({ donorId, opened, onClose }: { donorId: string; opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const form = useProblemForm({
    kind: 'financial' as string | null,
    fundingOption: 'mdfm' as string | null,
    biennium: currentBiennium() as string | null,
    status: 'pledged' as string | null,
    focus: [] as string[],
    'amount.value': '',
    'amount.currency': 'USD',
    'instalments.count': 1 as string | number,
    'instalments.interval': '',
    'instalments.start': '',
    'inKind.description': '',
    note: '',
  });
  const v = form.values;
  const submit = useSubmit(
    async () => {
      const body = {
        donorId,
        kind: v.kind as Schemas['Pledge']['kind'],
        fundingOption: v.fundingOption as Schemas['Pledge']['fundingOption'],
        biennium: v.biennium ?? '',
        status: (v.status ?? 'pledged') as 'prospect' | 'in_discussion' | 'pledged',
      } as Body;
      if (v.focus.length) body.focus = v.focus as ('africa' | 'low_income_countries')[];
      if (v.note.trim()) body.note = v.note.trim();
      if (v.kind === 'financial') {
        body.amount = { currency: v['amount.currency'].trim().toUpperCase(), value: v['amount.value'].trim() };
        if (v['instalments.start'])
          body.instalments = {
            count: Number(v['instalments.count']) || 1,
            interval: v['instalments.interval'].trim() || 'P6M',
            start: v['instalments.start'],
          };
      } else {
        body.inKind = { description: v['inKind.description'] };
      }
      return unwrap(await api.POST('/pledges', { body }));
    },
    {
      form,
      invalidate: ['/donors', '/pledges', '/funding'],
      success: t('pledges.recorded'),
      close: onClose,
      onSuccess: (p) => void navigate(`/pledges/${p.id}`),
    },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('pledges.record')}
      size="lg"
      submitLabel={t('pledges.record')}
      form={form}
      submit={submit}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <EnumSelect
          label={t('pledges.kind')}
          options={['financial', 'in_kind']}
          prefix="pledgeKind"
          allowDeselect={false}
          required
          {...form.field('kind')}
        />
        <EnumSelect
          label={t('pledges.fundingOption')}
          options={FUNDING_OPTIONS}
          prefix="fundingOption"
          allowDeselect={false}
          required
          {...form.field('fundingOption')}
        />
        <Select
          label={t('funding.biennium')}
          data={bienniaAround(currentBiennium(), 1, 1)}
          allowDeselect={false}
          required
          {...form.field('biennium')}
        />
        <EnumSelect
          label={t('pledges.status')}
          options={['prospect', 'in_discussion', 'pledged']}
          prefix="status"
          allowDeselect={false}
          {...form.field('status')}
        />
      </SimpleGrid>
      <MultiSelect
        label={t('pledges.focus')}
        data={(['africa', 'low_income_countries'] as const).map((f) => ({ value: f, label: t(`focus.${f}`) }))}
        {...form.field('focus')}
      />
      {v.kind === 'financial' ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('pledges.amount')} inputMode="decimal" required {...form.text('amount.value')} />
          <TextInput label={t('pledges.currency')} maxLength={3} required {...form.text('amount.currency')} />
          <TextInput
            label={t('pledges.firstDue')}
            description={t('pledges.firstDueHelp')}
            type="date"
            {...form.text('instalments.start')}
          />
          <NumberInput
            label={t('pledges.instalmentCount')}
            min={1}
            max={60}
            allowDecimal={false}
            {...form.field('instalments.count')}
          />
          <TextInput
            label={t('pledges.interval')}
            description={t('pledges.intervalHelp')}
            placeholder="P6M"
            {...form.text('instalments.interval')}
          />
        </SimpleGrid>
      ) : (
        <Textarea
          label={t('pledges.inKindDescription')}
          required
          autosize
          minRows={2}
          {...form.text('inKind.description')}
        />
      )}
      <Textarea label={t('pledges.note')} autosize minRows={2} {...form.text('note')} />
    </FormModal>
  );
}
