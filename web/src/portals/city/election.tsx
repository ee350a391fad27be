// One election as a member city sees it: nominate the own city or another member, accept or decline
// a nomination of the own city, withdraw it; the ballot (1..seats nominees, re-casting replaces it
// until voting closes); the results once decided. Another city's ballot is never shown: the API
// tells a city only whether its own is cast.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { isOpen, type Deadlines } from '../../pages/elections/deadline';
import { ElectionResults } from '../../pages/elections/results';
import { FormError } from '../../ui/form-error';
import { ApiForm, FormActions } from '../../ui/form-modal';
import { DateText, StatusBadge } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { RowAction } from '../../ui/row-action';
import { PageHeader } from '../../ui/shell';
import { EmptyState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DataTable, type Column } from '../../ui/table';
import { useMemberNames, useMyCity } from './context';
import { Fact, Section } from './facts';

type Election = Schemas['Election'];

function Nominate({
  election,
  cityId,
  members,
}: {
  election: Election;
  cityId: string;
  members: { value: string; label: string }[];
}) {
  const { t } = useI18n();
  const form = useProblemForm({ cityId: cityId as string | null, statement: '' });
  const submit = useSubmit(
    async () => {
      const body: { cityId: string; statement?: string } = { cityId: form.values.cityId ?? '' };
      if (form.values.statement.trim()) body.statement = form.values.statement.trim();
      return unwrap(await api.POST('/elections/{id}/nominations', { params: { path: { id: election.id } }, body }));
    },
    { form, invalidate: ['/elections'], success: t('elections.nominated'), onSuccess: () => form.reset() },
  );
  return (
    <ApiForm form={form} submit={submit} label={t('elections.nominate')} gap="xs">
      <Select
        label={t('elections.nominateCity')}
        description={t('city.nominateHelp')}
        data={members}
        searchable
        required
        {...form.field('cityId')}
      />
      <Textarea label={t('elections.statement')} autosize minRows={2} {...form.text('statement')} />
      <FormActions submitLabel={t('elections.nominate')} loading={submit.isPending} />
    </ApiForm>
  );
}

function NominationAction({
  election,
  cityId,
  action,
  label,
  color,
}: {
  election: Election;
  cityId: string;
  action: 'accept' | 'withdraw';
  label: string;
  color: string;
}) {
  const { t } = useI18n();
  const path = { params: { path: { id: election.id, cityId } } };
  return (
    <RowAction
      run={async () =>
        action === 'accept'
          ? unwrap(await api.POST('/elections/{id}/nominations/{cityId}/accept', path))
          : unwrap(await api.POST('/elections/{id}/nominations/{cityId}/withdraw', path))
      }
      invalidate={['/elections']}
      success={t('action.saved')}
      label={label}
      color={color}
    />
  );
}

function Ballot({ election, names }: { election: Election; names: Map<string, string> }) {
  const { t, f } = useI18n();
  const d = election.deadlines as Deadlines;
  const candidates = election.nominees.filter((n) => n.status === 'accepted');
  const [approve, setApprove] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const submit = useSubmit(
    async () =>
      unwrap(await api.POST('/elections/{id}/ballots', { params: { path: { id: election.id } }, body: { approve } })),
    {
      invalidate: ['/elections'],
      success: t('city.ballot.recorded'),
      onSuccess: () => setApprove([]),
      form: { clear: () => setError(null), setProblem: (e) => setError(e instanceof Error ? e.message : String(e)) },
    },
  );
  const tooMany = approve.length > election.seats;
  return (
    <Section id="ballot" title={t('city.ballot.title')}>
      <Stack gap="sm">
        {election.ownBallot ? (
          <Alert color="green" title={t('city.ballot.voted')} role="status">
            {t('city.ballot.mayChange', { deadline: f.dateTime(d.votingCloses) })}
          </Alert>
        ) : (
          <Text size="sm">{t('city.ballot.open', { deadline: f.dateTime(d.votingCloses) })}</Text>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit.mutate(undefined);
          }}
          noValidate
          aria-label={t('city.ballot.title')}
        >
          <Stack gap="xs">
            <FormError message={error} />
            <Checkbox.Group
              value={approve}
              onChange={setApprove}
              label={t('city.ballot.choose', { count: election.seats })}
              error={tooMany ? t('city.ballot.tooMany', { count: election.seats }) : undefined}
            >
              <Stack gap={4} mt={4}>
                {candidates.map((n) => (
                  <Checkbox key={n.cityId} value={n.cityId} label={names.get(n.cityId) ?? n.cityId} />
                ))}
              </Stack>
            </Checkbox.Group>
            <Group justify="flex-end">
              <Button type="submit" loading={submit.isPending} disabled={approve.length === 0 || tooMany}>
                {election.ownBallot ? t('city.ballot.change') : t('city.ballot.cast')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Section>
  );
}

function ElectionPage({ election }: { election: Election }) {
  const { t } = useI18n();
  const { cityId } = useMyCity();
  const { names, current } = useMemberNames(election.cluster);
  const d = election.deadlines as Deadlines;
  const eligible = !!cityId && current.some((m) => m.cityId === cityId);
  const members = current
    .map((m) => ({
      value: m.cityId,
      label: m.cityId === cityId ? t('city.ownCity', { city: m.cityName }) : m.cityName,
    }))
    .sort((a, b) => (a.value === cityId ? -1 : b.value === cityId ? 1 : a.label.localeCompare(b.label)));
  const nominating = election.status === 'nominating';
  const columns: Column<Election['nominees'][number]>[] = [
    {
      key: 'city',
      header: t('elections.candidate'),
      cell: (n) => (
        <Group gap={6}>
          {names.get(n.cityId) ?? n.cityId}
          {n.cityId === cityId && <Badge variant="light">{t('city.you')}</Badge>}
        </Group>
      ),
    },
    { key: 'status', header: t('elections.status'), cell: (n) => <StatusBadge value={n.status} /> },
    { key: 'statement', header: t('elections.statement'), cell: (n) => n.statement ?? '—' },
    {
      key: 'actions',
      header: t('elections.actions'),
      cell: (n) =>
        nominating && n.cityId === cityId && n.status !== 'withdrawn' ? (
          <Group gap={4}>
            {n.status === 'pending_acceptance' && (
              <NominationAction
                election={election}
                cityId={n.cityId}
                action="accept"
                label={t('elections.accept')}
                color="blue"
              />
            )}
            <NominationAction
              election={election}
              cityId={n.cityId}
              action="withdraw"
              label={n.status === 'pending_acceptance' ? t('city.decline') : t('elections.withdraw')}
              color="red"
            />
          </Group>
        ) : null,
    },
  ];
  const ownPending = election.nominees.find((n) => n.cityId === cityId && n.status === 'pending_acceptance');
  return (
    <>
      <PageHeader title={t('elections.name', { cluster: election.cluster, term: election.termStart.slice(0, 4) })}>
        <Group gap="xs" mt={4}>
          <StatusBadge value={election.status} size="lg" />
          {isOpen(election) && (
            <Text size="xs" c="dimmed">
              {t('elections.live')}
            </Text>
          )}
          <Anchor component={Link} to="/city/elections" size="sm">
            {t('elections.back')}
          </Anchor>
        </Group>
      </PageHeader>
      <Stack>
        {election.cancelReason && (
          <Alert color="gray" title={t('elections.cancelledBecause')}>
            {election.cancelReason}
          </Alert>
        )}
        {ownPending && nominating && (
          <Alert color="yellow" title={t('city.nominatedYou')}>
            {t('city.nominatedYouHelp')} <DateText value={d.nominationsClose} time />
          </Alert>
        )}
        {election.status === 'awaiting_tie_break' && <Alert color="orange">{t('city.awaitingTieBreak')}</Alert>}
        {election.status === 'no_candidates' && <Alert color="gray">{t('city.noCandidates')}</Alert>}
        <Section id="facts" title={t('elections.facts')}>
          <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} component="dl" m={0}>
            <Fact label={t('elections.seats')}>{election.seats}</Fact>
            <Fact label={t('elections.term')}>
              <DateText value={election.termStart} /> – <DateText value={election.termEnd} />
            </Fact>
            <Fact label={t('elections.turnoutLabel')}>
              {election.turnout
                ? t('elections.turnout', { cast: election.turnout.cast, eligible: election.turnout.eligible })
                : '—'}
            </Fact>
            <Fact label={t('elections.nominationsClose')}>
              <DateText value={d.nominationsClose} time />
            </Fact>
            <Fact label={t('elections.votingOpens')}>
              <DateText value={d.votingOpens} time />
            </Fact>
            <Fact label={t('elections.votingCloses')}>
              <DateText value={d.votingCloses} time />
            </Fact>
          </SimpleGrid>
        </Section>
        <ElectionResults election={election} names={names} />
        {election.status === 'voting' && eligible && <Ballot election={election} names={names} />}
        <Section id="nominees" title={t('elections.nominees')}>
          {election.nominees.length === 0 ? (
            <EmptyState title={t('elections.noNominees')} />
          ) : (
            <DataTable
              rows={election.nominees}
              columns={columns}
              rowKey={(n) => n.cityId}
              caption={t('elections.nominees')}
            />
          )}
          {nominating && eligible && cityId && (
            <div style={{ marginTop: 16 }}>
              <Nominate election={election} cityId={cityId} members={members} />
            </div>
          )}
        </Section>
      </Stack>
    </>
  );
}

export function Page() {
  const { id = '' } = useParams();
  const election = useApi(
    '/elections/{id}',
    { params: { path: { id } } },
    { refetchInterval: (q) => (q.state.data && isOpen(q.state.data) ? 3_000 : false) },
  );
  return <QueryState query={election}>{(e) => <ElectionPage election={e} />}</QueryState>;
}
