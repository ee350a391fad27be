// Offer a new pledge, financial or in kind, with the strategy's funding options explained where
// the partner chooses one: the MDFM pooled fund and the three priority areas (the third with its
// sub-options). The offer lands "in discussion"; the secretariat is told and agrees the terms.
import {
  Anchor,
  Card,
  MultiSelect,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { useI18n, type MessageKey } from '../../i18n';
import { bienniaAround, currentBiennium } from '../../lib/biennium';
import { FUNDING_OPTIONS } from '../../lib/enums';
import { ApiForm, FormActions } from '../../ui/form-modal';
import { useProblemForm } from '../../ui/problem-form';
import { PageHeader } from '../../ui/shell';
import { useSubmit } from '../../ui/submit';
import { ForDonor } from './donor';

type Body = paths['/pledges']['post']['requestBody']['content']['application/json'];
const SUB_OPTIONS = [
  'host_event',
  'fund_publication',
  'fund_peer_learning_database',
  'seconded_staff',
] as const satisfies readonly NonNullable<Body['subOption']>[];
const FOCUS = ['africa', 'low_income_countries'] as const satisfies readonly NonNullable<Body['focus']>[number][];

function OfferForm({ donorId }: { donorId: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const form = useProblemForm({
    kind: 'financial',
    fundingOption: 'mdfm',
    subOption: '',
    biennium: currentBiennium() as string | null,
    focus: [] as string[],
    'amount.value': '',
    'amount.currency': 'USD',
    'instalments.count': 1 as string | number,
    'instalments.start': '',
    'instalments.interval': 'P6M',
    'inKind.description': '',
    'inKind.quantity': '',
    'inKind.unit': '',
    note: '',
  });
  const v = form.values;
  const submit = useSubmit(
    async () => {
      const body = {
        donorId,
        kind: v.kind as Body['kind'],
        fundingOption: v.fundingOption as Body['fundingOption'],
        biennium: v.biennium ?? '',
      } as Body;
      if (v.fundingOption === 'communication_exchange' && v.subOption)
        body.subOption = v.subOption as NonNullable<Body['subOption']>;
      if (v.focus.length) body.focus = v.focus as NonNullable<Body['focus']>;
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
        body.inKind = { description: v['inKind.description'].trim() };
        if (v['inKind.quantity'].trim()) body.inKind.quantity = v['inKind.quantity'].trim();
        if (v['inKind.unit'].trim()) body.inKind.unit = v['inKind.unit'].trim();
      }
      return unwrap(await api.POST('/pledges', { body }));
    },
    {
      form,
      invalidate: ['/donors', '/pledges'],
      success: t('donor.offer.sent'),
      onSuccess: (p) => void navigate(`/donor/pledges/${p.id}`),
    },
  );
  return (
    <ApiForm form={form} submit={submit} label={t('donor.offer.title')}>
      <Radio.Group
        label={t('donor.offer.kind')}
        value={v.kind}
        onChange={(k) => form.setValue('kind', k)}
        error={form.errors.kind}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="financial" label={t('pledgeKind.financial')} description={t('donor.offer.financialHelp')} />
          <Radio value="in_kind" label={t('pledgeKind.in_kind')} description={t('donor.offer.inKindHelp')} />
        </Stack>
      </Radio.Group>

      <Radio.Group
        label={t('donor.offer.option')}
        description={t('donor.option.intro')}
        value={v.fundingOption}
        onChange={(o) => form.setValue('fundingOption', o)}
        error={form.errors.fundingOption}
      >
        <Stack gap="sm" mt="xs">
          {FUNDING_OPTIONS.map((o, i) => (
            <Card key={o} withBorder padding="sm">
              {i === 1 && (
                <Text size="sm" fw={600} mb="xs">
                  {t('donor.option.areas')}
                </Text>
              )}
              <Radio
                value={o}
                label={t(`donor.option.${o}.title` as MessageKey)}
                description={t(`donor.option.${o}.text` as MessageKey)}
              />
              {o === 'communication_exchange' && (
                <Radio.Group
                  label={t('donor.offer.subOption')}
                  value={v.subOption}
                  onChange={(s) => {
                    form.setValue('subOption', s);
                    form.setValue('fundingOption', 'communication_exchange');
                  }}
                  error={form.errors.subOption}
                  mt="xs"
                  ml="xl"
                >
                  <Stack gap={6} mt={4}>
                    {SUB_OPTIONS.map((s) => (
                      <Radio key={s} value={s} size="xs" label={t(`donor.subOption.${s}`)} />
                    ))}
                  </Stack>
                </Radio.Group>
              )}
            </Card>
          ))}
          <Text size="sm">
            {t('donor.option.other')} <Anchor href="mailto:learningcities@unesco.org">learningcities@unesco.org</Anchor>
          </Text>
        </Stack>
      </Radio.Group>

      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('funding.biennium')}
          description={t('donor.offer.bienniumHelp')}
          data={bienniaAround(currentBiennium(), 0, 2)}
          allowDeselect={false}
          required
          {...form.field('biennium')}
        />
        <MultiSelect
          label={t('pledges.focus')}
          description={t('donor.offer.focusHelp')}
          data={FOCUS.map((f) => ({ value: f, label: t(`focus.${f}`) }))}
          {...form.field('focus')}
        />
      </SimpleGrid>

      {v.kind === 'financial' ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('pledges.amount')}
            description={t('donor.offer.amountHelp')}
            inputMode="decimal"
            required
            {...form.text('amount.value')}
          />
          <TextInput label={t('pledges.currency')} maxLength={3} required {...form.text('amount.currency')} />
          <TextInput
            label={t('pledges.firstDue')}
            description={t('donor.offer.firstDueHelp')}
            type="date"
            {...form.text('instalments.start')}
            error={form.errors['instalments.start'] ?? form.errors.instalments}
          />
          <NumberInput
            label={t('pledges.instalmentCount')}
            min={1}
            max={60}
            {...form.field('instalments.count')}
            error={form.errors['instalments.count']}
          />
          <TextInput
            label={t('pledges.interval')}
            description={t('pledges.intervalHelp')}
            {...form.text('instalments.interval')}
          />
        </SimpleGrid>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Textarea
            label={t('pledges.inKindDescription')}
            description={t('donor.offer.inKindDescriptionHelp')}
            required
            autosize
            minRows={2}
            {...form.text('inKind.description')}
            error={form.errors['inKind.description'] ?? form.errors.inKind}
          />
          <Stack gap="xs">
            <TextInput label={t('donor.offer.quantity')} inputMode="decimal" {...form.text('inKind.quantity')} />
            <TextInput
              label={t('donor.offer.unit')}
              description={t('donor.offer.unitHelp')}
              {...form.text('inKind.unit')}
            />
          </Stack>
        </SimpleGrid>
      )}
      <Textarea label={t('donor.offer.note')} autosize minRows={2} {...form.text('note')} />
      <Text size="sm">{t('donor.offer.whatNext')}</Text>
      <FormActions submitLabel={t('donor.offer.submit')} loading={submit.isPending} />
    </ApiForm>
  );
}

export function Page() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('donor.offer.title')}>
        <Text size="sm" maw={720}>
          {t('donor.offer.intro')}
        </Text>
      </PageHeader>
      <ForDonor>{(id) => <OfferForm donorId={id} />}</ForDonor>
    </>
  );
}
