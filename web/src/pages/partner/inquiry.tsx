// "Become a funding partner": the public inquiry (no sign-in). The contact confirms the e-mailed
// link before anything reaches the secretariat; the hidden `website` field is the honeypot.
import { Alert, Anchor, Button, Checkbox, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, ApiError, unwrap } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { FormError } from '../../ui/form-error';
import { useProblemForm } from '../../ui/problem-form';
import { PublicFrame } from './layout';

const DONOR_TYPES = [
  'national_government',
  'regional_government',
  'multilateral',
  'corporate',
  'foundation',
  'civil_society',
  'educational_institution',
  'think_tank',
  'research_institute',
  'member_city',
] as const;
const OPTIONS = ['mdfm', 'capacity_building_ldc', 'thematic_study', 'communication_exchange'] as const;
type DonorType = (typeof DONOR_TYPES)[number];
type Option = (typeof OPTIONS)[number];

const blank = () => ({
  organisation: '',
  donorType: null as DonorType | null,
  country: '',
  'contact.name': '',
  'contact.email': '',
  interest: [] as Option[],
  message: '',
  website: '',
});

export function Page() {
  const { t, locale } = useI18n();
  const form = useProblemForm(blank());
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    form.clear();
    setSending(true);
    try {
      const v = form.values;
      unwrap(
        await api.POST('/partner-inquiries', {
          body: {
            organisation: v.organisation,
            donorType: (v.donorType ?? '') as DonorType,
            country: v.country.trim(),
            contact: { name: v['contact.name'], email: v['contact.email'].trim() },
            interest: v.interest,
            ...(v.message.trim() ? { message: v.message } : {}),
            ...(v.website ? { website: v.website } : {}),
            language: locale,
          },
        }),
      );
      setSentTo(v['contact.email'].trim());
    } catch (err) {
      form.setProblem(err instanceof ApiError ? err : new ApiError({ status: 0, detail: t('partner.networkError') }));
    } finally {
      setSending(false);
    }
  }

  return (
    <PublicFrame title={t('partner.title')}>
      {sentTo ? (
        <Stack role="status">
          <Alert color="green" title={t('partner.sentTitle')}>
            {t('partner.sentBody', { email: sentTo })}
          </Alert>
          <Anchor
            component="button"
            type="button"
            ta="left"
            onClick={() => {
              form.reset(blank());
              setSentTo(null);
            }}
          >
            {t('partner.again')}
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate aria-label={t('partner.title')}>
          <Stack>
            <Text size="sm">{t('partner.intro')}</Text>
            <FormError message={form.formError} />
            <TextInput label={t('partner.organisation')} required maxLength={200} {...form.text('organisation')} />
            <Select
              label={t('partner.donorType')}
              required
              data={DONOR_TYPES.map((d) => ({ value: d, label: t(`donorType.${d}` as MessageKey) }))}
              {...form.field('donorType')}
              onChange={(v) => form.setValue('donorType', v as DonorType | null)}
            />
            <TextInput
              label={t('partner.country')}
              description={t('partner.countryHelp')}
              required
              maxLength={2}
              autoComplete="country"
              {...form.text('country')}
            />
            <TextInput
              label={t('partner.contactName')}
              required
              autoComplete="name"
              maxLength={200}
              {...form.text('contact.name')}
            />
            <TextInput
              label={t('partner.contactEmail')}
              type="email"
              required
              autoComplete="email"
              {...form.text('contact.email')}
            />
            <Checkbox.Group
              label={t('partner.interest')}
              required
              value={form.values.interest}
              onChange={(v) => form.setValue('interest', v as Option[])}
              error={form.errors.interest}
            >
              <Stack gap="xs" mt="xs">
                {OPTIONS.map((o) => (
                  <Checkbox key={o} value={o} label={t(`fundingOption.${o}` as MessageKey)} />
                ))}
              </Stack>
            </Checkbox.Group>
            <Textarea
              label={t('partner.message')}
              description={t('partner.messageHelp')}
              autosize
              minRows={3}
              maxLength={2000}
              {...form.text('message')}
            />
            {/* The honeypot: people never see it; a robot that fills it in is answered the same and ignored. */}
            <div style={{ display: 'none' }}>
              <TextInput label={t('partner.website')} tabIndex={-1} autoComplete="off" {...form.text('website')} />
            </div>
            <Button type="submit" loading={sending}>
              {t('partner.send')}
            </Button>
          </Stack>
        </form>
      )}
    </PublicFrame>
  );
}
