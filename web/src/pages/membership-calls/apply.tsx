// The public application form of a membership call (no account): every field bounded by the API,
// its field errors shown beside each field; a hidden honeypot field; the word counts as one types.
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api, ApiError, unwrap } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { useProblemForm } from '../../ui/problem-form';
import { PublicFrame } from './public-frame';

const CHALLENGES = ['inclusion', 'literacy', 'employment', 'health', 'environment', 'digital'] as const;
const countWords = (s: string) => s.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
const num = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);

type Values = Record<string, string | number | boolean | null>;
const initial: Values = {
  cityName: '',
  country: null,
  'contact.name': '',
  'contact.email': '',
  'cityData.population': '',
  'cityData.areaKm2': '',
  'cityData.gdpPerCapitaCity.minor': '',
  'cityData.gdpPerCapitaCountry.minor': '',
  'cityData.schoolingYears.female': '',
  'cityData.schoolingYears.male': '',
  motivation: '',
  implementation: '',
  ...Object.fromEntries(CHALLENGES.map((c) => [`challenges.${c}`, ''])),
  language: 'en',
  'mayor.name': '',
  'mayor.confirmed': false,
  website: '',
};

export function Page() {
  const { t, f } = useI18n();
  const { callId = '' } = useParams();
  const call = useQuery({
    queryKey: ['/membership-calls/{id}/form', callId],
    queryFn: async () => unwrap(await api.GET('/membership-calls/{id}/form', { params: { path: { id: callId } } })),
  });
  const form = useProblemForm<Values>(initial);
  const [sent, setSent] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  useEffect(() => {
    document.title = `${t('apply.title')} · GNLC`;
  }, [t]);
  const v = form.values;
  const s = (k: string) => String(v[k] ?? '');

  async function submit(e: FormEvent) {
    e.preventDefault();
    form.clear();
    setSending(true);
    try {
      const usd = (k: string) => ({ currency: 'USD' as const, minor: Math.round(num(v[k]) * 100) });
      const body = {
        cityName: s('cityName'),
        country: s('country'),
        contact: { name: s('contact.name'), email: s('contact.email') },
        cityData: {
          population: num(v['cityData.population']),
          areaKm2: num(v['cityData.areaKm2']),
          gdpPerCapitaCity: usd('cityData.gdpPerCapitaCity.minor'),
          gdpPerCapitaCountry: usd('cityData.gdpPerCapitaCountry.minor'),
          schoolingYears: {
            female: num(v['cityData.schoolingYears.female']),
            male: num(v['cityData.schoolingYears.male']),
          },
        },
        motivation: s('motivation'),
        implementation: s('implementation'),
        challenges: Object.fromEntries(CHALLENGES.map((c) => [c, num(v[`challenges.${c}`])])) as Record<
          (typeof CHALLENGES)[number],
          number
        >,
        language: s('language') as 'en' | 'fr',
        mayor: { name: s('mayor.name'), confirmed: v['mayor.confirmed'] === true },
        ...(s('website') ? { website: s('website') } : {}),
      };
      unwrap(
        await api.POST('/membership-calls/{id}/applications', {
          params: { path: { id: callId } },
          body: body as never,
        }),
      );
      setSent(body.contact.email);
    } catch (err) {
      form.setProblem(err instanceof ApiError ? err : new ApiError({ status: 0, detail: String(err) }));
    } finally {
      setSending(false);
    }
  }

  const number = (name: string, label: MessageKey, decimals = 0) => (
    <NumberInput
      label={t(label)}
      name={name}
      required
      min={0}
      decimalScale={decimals}
      value={v[name] as number | string}
      onChange={(x) => form.setValue(name, x)}
      error={form.errors[name]}
    />
  );

  return (
    <PublicFrame>
      <Title order={1} size="h2">
        {t('apply.title')}
      </Title>
      {call.isError && (
        <Alert color="red" role="alert">
          {t('apply.confirmFailed')}
        </Alert>
      )}
      {call.data && <Text>{t('apply.intro', { title: call.data.title, closes: f.dateTime(call.data.closesAt) })}</Text>}
      {call.data && !call.data.open && (
        <Alert color="yellow" role="status">
          {t('apply.closedCall')}
        </Alert>
      )}
      {sent ? (
        <Alert color="green" role="status" title={t('apply.sentTitle')}>
          {t('apply.sentBody', { email: sent })}
        </Alert>
      ) : (
        call.data?.open && (
          <form onSubmit={submit} noValidate>
            <Stack>
              {form.formError && (
                <Alert color="red" role="alert">
                  {form.formError}
                </Alert>
              )}
              <Fieldset legend={t('apply.city')}>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput label={t('apply.cityName')} required {...form.text('cityName')} />
                  <Select
                    label={t('apply.country')}
                    required
                    searchable
                    data={call.data.countries.map((c) => ({ value: c.code, label: c.name }))}
                    value={(v.country as string | null) ?? null}
                    onChange={(x) => form.setValue('country', x)}
                    error={form.errors.country}
                  />
                </SimpleGrid>
              </Fieldset>
              <Fieldset legend={t('apply.contact')}>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput label={t('apply.contactName')} required {...form.text('contact.name')} />
                  <TextInput
                    label={t('apply.contactEmail')}
                    type="email"
                    autoComplete="email"
                    required
                    {...form.text('contact.email')}
                  />
                </SimpleGrid>
              </Fieldset>
              <Fieldset legend={t('apply.data')}>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  {number('cityData.population', 'apply.population')}
                  {number('cityData.areaKm2', 'apply.area')}
                  {number('cityData.gdpPerCapitaCity.minor', 'apply.gdpCity', 2)}
                  {number('cityData.gdpPerCapitaCountry.minor', 'apply.gdpCountry', 2)}
                  {number('cityData.schoolingYears.female', 'apply.schoolingFemale', 1)}
                  {number('cityData.schoolingYears.male', 'apply.schoolingMale', 1)}
                </SimpleGrid>
              </Fieldset>
              {(['motivation', 'implementation'] as const).map((k) => (
                <Textarea
                  key={k}
                  label={t(`apply.${k}`)}
                  description={t('apply.words', { n: countWords(s(k)) })}
                  required
                  autosize
                  minRows={4}
                  {...form.text(k)}
                />
              ))}
              <Fieldset legend={t('apply.challenges')}>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  {CHALLENGES.map((c) => (
                    <Select
                      key={c}
                      label={t(`apply.challenge.${c}`)}
                      required
                      data={['1', '2', '3', '4', '5']}
                      value={s(`challenges.${c}`) || null}
                      onChange={(x) => form.setValue(`challenges.${c}`, x === null ? '' : Number(x))}
                      error={form.errors[`challenges.${c}`]}
                    />
                  ))}
                </SimpleGrid>
              </Fieldset>
              <Select
                label={t('apply.language')}
                required
                data={[
                  { value: 'en', label: t('language.en') },
                  { value: 'fr', label: t('language.fr') },
                ]}
                value={s('language')}
                onChange={(x) => form.setValue('language', x ?? 'en')}
                error={form.errors.language}
              />
              <Fieldset legend={t('apply.mayor')}>
                <Stack>
                  <TextInput label={t('apply.mayorName')} required {...form.text('mayor.name')} />
                  <Checkbox
                    label={t('apply.mayorConfirmed')}
                    checked={v['mayor.confirmed'] === true}
                    onChange={(e) => form.setValue('mayor.confirmed', e.currentTarget.checked)}
                    error={form.errors['mayor.confirmed']}
                  />
                </Stack>
              </Fieldset>
              {/* People never see this field; a bot that fills it is answered as if it applied. */}
              <div
                aria-hidden="true"
                style={{ position: 'absolute', left: '-10000px', width: 1, height: 1, overflow: 'hidden' }}
              >
                <TextInput label={t('apply.website')} tabIndex={-1} autoComplete="off" {...form.text('website')} />
              </div>
              <Button type="submit" loading={sending}>
                {t('apply.submit')}
              </Button>
            </Stack>
          </form>
        )
      )}
    </PublicFrame>
  );
}
