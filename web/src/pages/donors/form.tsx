// The donor form, for creating and editing.
import { Button, Group, Stack, TextInput } from '@mantine/core';
import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { DONOR_TYPES } from '../../lib/enums';
import { CountrySelect, EnumSelect } from '../../ui/fields';
import { FormError } from '../../ui/form-error';
import { type useProblemForm } from '../../ui/problem-form';

export const donorFormValues = (d?: Schemas['Donor']) => ({
  name: d?.name ?? '',
  type: (d?.type ?? null) as string | null,
  country: d?.country ?? null,
  'contact.name': d?.contact.name ?? '',
  'contact.email': d?.contact.email ?? '',
});
export type DonorForm = ReturnType<typeof useProblemForm<ReturnType<typeof donorFormValues>>>;

export function donorBody(v: ReturnType<typeof donorFormValues>) {
  return {
    name: v.name,
    type: (v.type ?? '') as Schemas['Donor']['type'],
    country: v.country || undefined,
    contact: { name: v['contact.name'] || undefined, email: v['contact.email'] || undefined },
  };
}

export function DonorFields({
  form,
  submitting,
  submitLabel,
  onCancel,
  onSubmit,
}: {
  form: DonorForm;
  submitting: boolean;
  submitLabel: string;
  onCancel?: () => void;
  onSubmit: () => void;
}) {
  const { t } = useI18n();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      noValidate
    >
      <Stack>
        <FormError message={form.formError} />
        <TextInput label={t('donors.name')} required data-autofocus {...form.text('name')} />
        <EnumSelect
          label={t('donors.type')}
          options={DONOR_TYPES}
          prefix="donorType"
          required
          {...form.field('type')}
        />
        <CountrySelect label={t('donors.country')} {...form.field('country')} />
        <TextInput label={t('donors.contactName')} {...form.text('contact.name')} />
        <TextInput label={t('donors.contactEmail')} type="email" {...form.text('contact.email')} />
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('action.cancel')}
            </Button>
          )}
          <Button type="submit" loading={submitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
