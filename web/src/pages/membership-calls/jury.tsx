// A juror's page from its e-mailed link: the applications of its call under jury review, each with
// the juror's own scores (1–5 per criterion), editable until the secretariat decides. The token
// travels in the body, never in an API URL.
import { Alert, Button, Card, Group, Loader, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { FormError } from '../../ui/form-error';
import { useProblemForm } from '../../ui/problem-form';
import { PublicFrame } from './public-frame';

const CRITERIA = ['commitment', 'strategy', 'stakeholders', 'resources', 'monitoring'] as const;
const CHALLENGES = ['inclusion', 'literacy', 'employment', 'health', 'environment', 'digital'] as const;
type Criterion = (typeof CRITERIA)[number];
type JuryApplication = Schemas['JuryApplication'];

function Scoring({ a, token }: { a: JuryApplication; token: string }) {
  const { t, f } = useI18n();
  const form = useProblemForm<Record<Criterion, string>>(
    Object.fromEntries(CRITERIA.map((c) => [c, a.scores[c] ? String(a.scores[c]) : ''])) as Record<Criterion, string>,
  );
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: async () => {
      form.clear();
      setSaved(false);
      return unwrap(
        await api.POST('/membership-applications/{id}/jury-scores', {
          params: { path: { id: a.id } },
          body: {
            token,
            scores: Object.fromEntries(CRITERIA.map((c) => [c, Number(form.values[c])])) as Record<Criterion, number>,
          },
        }),
      );
    },
    onSuccess: () => setSaved(true),
    onError: (e) => form.setProblem(e),
  });
  const d = a.cityData;
  const headingId = `jury-${a.id}`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={headingId}>
          {a.cityName} ({a.countryName})
        </Title>
        <Text size="sm">{t('natcom.contact', { name: a.contactName })}</Text>
        <Text size="sm">{t('natcom.mayor', { name: a.mayor.name })}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4}>
          <Text size="sm">
            {t('apply.population')}: {f.number(d.population)}
          </Text>
          <Text size="sm">
            {t('apply.area')}: {f.number(d.areaKm2)}
          </Text>
          <Text size="sm">
            {t('apply.gdpCity')}: {f.money(d.gdpPerCapitaCity.minor / 100)}
          </Text>
          <Text size="sm">
            {t('apply.gdpCountry')}: {f.money(d.gdpPerCapitaCountry.minor / 100)}
          </Text>
          <Text size="sm">
            {t('apply.schoolingFemale')}: {f.number(d.schoolingYears.female)}
          </Text>
          <Text size="sm">
            {t('apply.schoolingMale')}: {f.number(d.schoolingYears.male)}
          </Text>
        </SimpleGrid>
        <Title order={3} size="h5">
          {t('jury.challenges')}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing={4}>
          {CHALLENGES.filter((c) => a.challenges[c] !== undefined).map((c) => (
            <Text size="sm" key={c}>
              {t(`apply.challenge.${c}` as MessageKey)}: {a.challenges[c]}
            </Text>
          ))}
        </SimpleGrid>
        <Title order={3} size="h5">
          {t('natcom.motivation')}
        </Title>
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{a.motivation}</Text>
        <Title order={3} size="h5">
          {t('natcom.implementation')}
        </Title>
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{a.implementation}</Text>
        {a.natcomNote && (
          <Text size="sm">
            {t('jury.natcomNote')}: {a.natcomNote}
          </Text>
        )}
        <form
          noValidate
          aria-label={t('jury.scoresOf', { city: a.cityName })}
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <Stack gap="xs">
            <FormError message={form.formError} />
            <SimpleGrid cols={{ base: 1, xs: 2, sm: 5 }}>
              {CRITERIA.map((c) => (
                <Select
                  key={c}
                  label={t(`membership.criterion.${c}` as MessageKey)}
                  data={['1', '2', '3', '4', '5']}
                  value={form.values[c] || null}
                  onChange={(x) => {
                    setSaved(false);
                    form.setValue(c, x ?? '');
                  }}
                  error={form.errors[`scores.${c}`]}
                />
              ))}
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('membership.saveScores')}
              </Button>
              {saved && (
                <Text fw={500} role="status">
                  {t('jury.saved')}
                </Text>
              )}
            </Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}

export function Page() {
  const { t, f } = useI18n();
  const { token = '' } = useParams();
  const review = useQuery({
    queryKey: ['/membership-applications/jury-review', token],
    queryFn: async () => unwrap(await api.POST('/membership-applications/jury-review', { body: { token } })),
    retry: false,
  });
  useEffect(() => {
    document.title = `${t('jury.title')} · GNLC`;
  }, [t]);
  const r = review.data;
  return (
    <PublicFrame width={900}>
      <Title order={1} size="h2">
        {t('jury.title')}
      </Title>
      {review.isPending && <Loader aria-label={t('jury.loading')} />}
      {review.isError && (
        <Alert color="red" role="alert">
          {t('jury.invalid')}
        </Alert>
      )}
      {r && (
        <Stack>
          <Text>{t('jury.intro', { name: r.jurorName, title: r.callTitle, expires: f.dateTime(r.expiresAt) })}</Text>
          {r.applications.length === 0 ? (
            <Alert color="gray" role="status">
              {t('jury.empty')}
            </Alert>
          ) : (
            r.applications.map((a) => <Scoring key={a.id} a={a} token={token} />)
          )}
        </Stack>
      )}
    </PublicFrame>
  );
}
