// One election, live while it is open: deadlines, nominees, turnout; nominate, break a tie,
// appoint, cancel with a reason; results with tallies and the lot's seed.
import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n } from '../../i18n';
import { CitySelect } from '../../ui/fields';
import { FormError } from '../../ui/form-error';
import { ApiForm, FormActions, FormModal } from '../../ui/form-modal';
import { DateText, StatusBadge } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { PageHeader } from '../../ui/shell';
import { ReasonModal } from '../../ui/reason-modal';
import { RowAction } from '../../ui/row-action';
import { EmptyState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';
import { DataTable, type Column } from '../../ui/table';
import { isOpen, type Deadlines } from './deadline';
import { ElectionResults } from './results';

type Election = Schemas['Election'];

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

function Nominate({ election }: { election: Election }) {
  const { t } = useI18n();
  const form = useProblemForm({ cityId: null as string | null, statement: '' });
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
      <CitySelect label={t('elections.nominateCity')} cluster={election.cluster} required {...form.field('cityId')} />
      <Textarea label={t('elections.statement')} autosize minRows={2} {...form.text('statement')} />
      <FormActions submitLabel={t('elections.nominate')} loading={submit.isPending} />
    </ApiForm>
  );
}

function NomineeAction({
  election,
  cityId,
  action,
  label,
}: {
  election: Election;
  cityId: string;
  action: 'accept' | 'withdraw';
  label: string;
}) {
  const { t } = useI18n();
  return (
    <RowAction
      run={async () =>
        action === 'accept'
          ? unwrap(
              await api.POST('/elections/{id}/nominations/{cityId}/accept', {
                params: { path: { id: election.id, cityId } },
              }),
            )
          : unwrap(
              await api.POST('/elections/{id}/nominations/{cityId}/withdraw', {
                params: { path: { id: election.id, cityId } },
              }),
            )
      }
      invalidate={['/elections']}
      success={t('action.saved')}
      label={label}
      color={action === 'withdraw' ? 'red' : 'blue'}
    />
  );
}

function TieBreak({ election, names }: { election: Election; names: Map<string, string> }) {
  const { t } = useI18n();
  const lot = election.results?.lot;
  const tied = lot?.candidates ?? (election.results?.tallies ?? []).map((x) => x.cityId);
  const [elected, setElected] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const need = lot?.seatsLeft ?? election.seats;
  const submit = useSubmit(
    async () =>
      unwrap(await api.POST('/elections/{id}/tie-break', { params: { path: { id: election.id } }, body: { elected } })),
    {
      invalidate: ['/elections', '/clusters'],
      success: t('elections.tieBroken'),
      form: { clear: () => setError(null), setProblem: (e) => setError(e instanceof Error ? e.message : String(e)) },
    },
  );
  return (
    <Card withBorder component="section" aria-labelledby="tie-break">
      <Title order={2} size="h4" id="tie-break" mb="xs">
        {t('elections.tieBreak')}
      </Title>
      <Stack gap="xs">
        <Text size="sm">{t('elections.tieBreakHelp', { count: need })}</Text>
        <FormError message={error} />
        <Checkbox.Group value={elected} onChange={setElected} label={t('elections.tiedCandidates')}>
          <Stack gap={4} mt={4}>
            {tied.map((c) => (
              <Checkbox key={c} value={c} label={names.get(c) ?? c} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button onClick={() => submit.mutate(undefined)} loading={submit.isPending} disabled={elected.length === 0}>
            {t('elections.confirmTieBreak')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Appoint({
  election,
  members,
  opened,
  onClose,
}: {
  election: Election;
  members: { value: string; label: string }[];
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const form = useProblemForm({ cityIds: [] as string[] });
  const submit = useSubmit(
    async () =>
      unwrap(
        await api.POST('/elections/{id}/appoint', {
          params: { path: { id: election.id } },
          body: { cityIds: form.values.cityIds },
        }),
      ),
    {
      form,
      invalidate: ['/elections', '/clusters'],
      success: t('elections.appointed'),
      onSuccess: onClose,
    },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('elections.appoint')}
      submitLabel={t('elections.appoint')}
      form={form}
      submit={submit}
    >
      <MultiSelect
        label={t('elections.appointCities')}
        description={t('elections.appointHelp', { count: election.seats })}
        data={members}
        searchable
        required
        {...form.field('cityIds')}
      />
    </FormModal>
  );
}

function Cancel({ election, opened, onClose }: { election: Election; opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <ReasonModal
      opened={opened}
      onClose={onClose}
      title={t('elections.cancel')}
      run={async (reason) =>
        unwrap(await api.POST('/elections/{id}/cancel', { params: { path: { id: election.id } }, body: { reason } }))
      }
      invalidate={['/elections']}
      success={t('elections.cancelled')}
    />
  );
}

function ElectionView({ election }: { election: Election }) {
  const { t } = useI18n();
  const members = useApi('/clusters/{code}/members', {
    params: { path: { code: election.cluster }, query: { limit: 200, includeEnded: 'true' } },
  });
  const names = new Map((members.data?.items ?? []).map((m) => [m.cityId, m.cityName]));
  const current = (members.data?.items ?? [])
    .filter((m) => !m.until)
    .map((m) => ({ value: m.cityId, label: m.cityName }));
  const [appointing, appointModal] = useDisclosure(false);
  const [cancelling, cancelModal] = useDisclosure(false);
  const d = election.deadlines as Deadlines;
  const open = isOpen(election);

  const nomineeColumns: Column<Election['nominees'][number]>[] = [
    { key: 'city', header: t('elections.candidate'), cell: (n) => names.get(n.cityId) ?? n.cityId },
    { key: 'status', header: t('elections.status'), cell: (n) => <StatusBadge value={n.status} /> },
    { key: 'statement', header: t('elections.statement'), cell: (n) => n.statement ?? '—' },
    {
      key: 'actions',
      header: t('elections.actions'),
      cell: (n) =>
        election.status === 'nominating' && n.status !== 'withdrawn' ? (
          <Group gap={4}>
            {n.status === 'pending_acceptance' && (
              <NomineeAction election={election} cityId={n.cityId} action="accept" label={t('elections.accept')} />
            )}
            <NomineeAction election={election} cityId={n.cityId} action="withdraw" label={t('elections.withdraw')} />
          </Group>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('elections.name', { cluster: election.cluster, term: election.termStart.slice(0, 4) })}
        actions={
          <>
            {election.status !== 'decided' && election.status !== 'cancelled' && (
              <Button variant="default" onClick={appointModal.open}>
                {t('elections.appoint')}
              </Button>
            )}
            {open && (
              <Button color="red" variant="light" onClick={cancelModal.open}>
                {t('elections.cancel')}
              </Button>
            )}
          </>
        }
      >
        <Group gap="xs" mt={4}>
          <StatusBadge value={election.status} size="lg" />
          {open && (
            <Text size="xs" c="dimmed" role="status">
              {t('elections.live')}
            </Text>
          )}
          <Anchor component={Link} to="/elections" size="sm">
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
        <Card withBorder component="section" aria-label={t('elections.facts')}>
          <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} component="dl" m={0}>
            <Fact label={t('elections.cluster')}>
              <Anchor component={Link} to={`/clusters/${election.cluster}`}>
                {election.cluster}
              </Anchor>
            </Fact>
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
              <DateText value={d.nominationsClose} time /> {d.nominationsExtended && `(${t('elections.extended')})`}
            </Fact>
            <Fact label={t('elections.votingOpens')}>
              <DateText value={d.votingOpens} time />
            </Fact>
            <Fact label={t('elections.votingCloses')}>
              <DateText value={d.votingCloses} time /> {d.votingExtended && `(${t('elections.extended')})`}
            </Fact>
            {d.tieBreakBy && (
              <Fact label={t('elections.tieBreakBy')}>
                <DateText value={d.tieBreakBy} time />
              </Fact>
            )}
          </SimpleGrid>
        </Card>
        {election.status === 'awaiting_tie_break' && <TieBreak election={election} names={names} />}
        <ElectionResults election={election} names={names} audit />
        <Card withBorder component="section" aria-labelledby="nominees">
          <Title order={2} size="h4" id="nominees" mb="xs">
            {t('elections.nominees')}
          </Title>
          {election.nominees.length === 0 ? (
            <EmptyState title={t('elections.noNominees')} />
          ) : (
            <DataTable
              rows={election.nominees}
              columns={nomineeColumns}
              rowKey={(n) => n.cityId}
              caption={t('elections.nominees')}
            />
          )}
          {election.status === 'nominating' && (
            <div style={{ marginTop: 16 }}>
              <Nominate election={election} />
            </div>
          )}
        </Card>
      </Stack>
      <Appoint election={election} members={current} opened={appointing} onClose={appointModal.close} />
      <Cancel election={election} opened={cancelling} onClose={cancelModal.close} />
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
  return <QueryState query={election}>{(e) => <ElectionView election={e} />}</QueryState>;
}
