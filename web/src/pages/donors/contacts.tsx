// A donor's contact log (GET/POST /donors/:id/contacts): entries with their author and next step;
// an open step is marked done (its reminder is cancelled) or rescheduled (the reminder moves). Also
// the prospect's actions: make it an active partner, add it to an open campaign.
import { Badge, Button, Card, Group, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { useApi } from '../../api/query';
import { useI18n, type MessageKey } from '../../i18n';
import { ApiForm, FormActions } from '../../ui/form-modal';
import { DateText } from '../../ui/format';
import { useProblemForm } from '../../ui/problem-form';
import { EmptyState, QueryState } from '../../ui/states';
import { useSubmit } from '../../ui/submit';

type Entry = Schemas['DonorContact'];
const KINDS = ['meeting', 'call', 'email', 'note'] as const;
type Kind = (typeof KINDS)[number];
const today = () => new Date().toISOString().slice(0, 10);

function LogContact({ donorId }: { donorId: string }) {
  const { t } = useI18n();
  const blank = { kind: 'meeting' as Kind | null, date: today(), note: '', 'next.step': '', 'next.dueOn': '' };
  const form = useProblemForm(blank);
  const submit = useSubmit(
    async () => {
      const v = form.values;
      const next =
        v['next.step'].trim() || v['next.dueOn'] ? { step: v['next.step'], dueOn: v['next.dueOn'] } : undefined;
      return unwrap(
        await api.POST('/donors/{id}/contacts', {
          params: { path: { id: donorId } },
          body: { kind: (v.kind ?? '') as Kind, date: v.date, note: v.note, ...(next ? { next } : {}) },
        }),
      );
    },
    {
      form,
      invalidate: ['/donors/{id}/contacts'],
      success: t('contacts.logged'),
      onSuccess: () => form.reset(blank),
    },
  );
  return (
    <ApiForm form={form} submit={submit} label={t('contacts.log')}>
      <Group grow wrap="wrap" align="flex-start">
        <Select
          label={t('contacts.kind')}
          required
          allowDeselect={false}
          data={KINDS.map((k) => ({ value: k, label: t(`contacts.kind.${k}` as MessageKey) }))}
          {...form.field('kind')}
          onChange={(v) => form.setValue('kind', v as Kind | null)}
          miw={140}
        />
        <TextInput label={t('contacts.date')} type="date" required {...form.text('date')} miw={140} />
      </Group>
      <Textarea label={t('contacts.note')} required autosize minRows={2} {...form.text('note')} />
      <Group grow wrap="wrap" align="flex-start">
        <TextInput label={t('contacts.nextStep')} maxLength={300} {...form.text('next.step')} miw={180} />
        <TextInput
          label={t('contacts.nextDue')}
          description={t('contacts.nextDueHelp')}
          type="date"
          {...form.text('next.dueOn')}
          miw={140}
        />
      </Group>
      <FormActions submitLabel={t('contacts.log')} loading={submit.isPending} />
    </ApiForm>
  );
}

function NextStep({ donorId, entry }: { donorId: string; entry: Entry }) {
  const { t } = useI18n();
  const next = entry.next!;
  const form = useProblemForm({ dueOn: next.dueOn });
  const [moving, setMoving] = useState(false);
  const path = { id: donorId, entryId: entry.id };
  const invalidate = ['/donors/{id}/contacts'];
  const done = useSubmit(
    async () =>
      unwrap(
        await api.PATCH('/donors/{id}/contacts/{entryId}/next-step', { params: { path }, body: { status: 'done' } }),
      ),
    { form, invalidate, success: t('contacts.markedDone') },
  );
  const move = useSubmit(
    async () =>
      unwrap(
        await api.PATCH('/donors/{id}/contacts/{entryId}/next-step', {
          params: { path },
          body: { dueOn: form.values.dueOn },
        }),
      ),
    { form, invalidate, success: t('contacts.rescheduled'), onSuccess: () => setMoving(false) },
  );
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={500}>
          {t('contacts.next')}: {next.step}
        </Text>
        <Badge variant="light" color={next.status === 'done' ? 'green' : 'blue'}>
          {t(`contacts.next.${next.status}` as MessageKey)}
        </Badge>
        <Text size="sm">{t('contacts.dueOn', { date: next.dueOn })}</Text>
      </Group>
      {next.status === 'open' && (
        <>
          {moving ? (
            <ApiForm form={form} submit={move} label={`${t('contacts.reschedule')}: ${next.step}`}>
              <Group align="flex-end" wrap="wrap">
                <TextInput label={t('contacts.newDue')} type="date" required {...form.text('dueOn')} />
                <Button type="submit" loading={move.isPending}>
                  {t('contacts.reschedule')}
                </Button>
                <Button variant="default" onClick={() => setMoving(false)}>
                  {t('action.cancel')}
                </Button>
              </Group>
            </ApiForm>
          ) : (
            <Group gap="xs">
              <Button size="xs" loading={done.isPending} onClick={() => done.mutate(undefined)}>
                {t('contacts.markDone')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setMoving(true)}>
                {t('contacts.reschedule')}
              </Button>
            </Group>
          )}
          {!moving && form.formError && (
            <Text size="sm" c="red.9" role="alert">
              {form.formError}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}

function AddToCampaign({ donorId }: { donorId: string }) {
  const { t } = useI18n();
  const campaigns = useApi('/campaigns', { params: { query: { status: 'open', limit: 50 } } });
  const form = useProblemForm({ campaign: null as string | null });
  const submit = useSubmit(
    async () =>
      unwrap(
        await api.POST('/campaigns/{id}/prospects', {
          params: { path: { id: form.values.campaign ?? '' } },
          body: { donorIds: [donorId] },
        }),
      ),
    { form, invalidate: ['/campaigns'], success: t('contacts.added') },
  );
  const open = campaigns.data?.items ?? [];
  if (campaigns.isSuccess && open.length === 0) return <Text size="sm">{t('contacts.noOpenCampaign')}</Text>;
  return (
    <ApiForm form={form} submit={submit} label={t('contacts.addToCampaign')}>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('contacts.campaign')}
          data={open.map((c) => ({ value: c.id, label: t('campaigns.named', { biennium: c.biennium }) }))}
          {...form.field('campaign')}
          miw={200}
        />
        <Button type="submit" loading={submit.isPending} disabled={!form.values.campaign}>
          {t('contacts.addToCampaign')}
        </Button>
      </Group>
    </ApiForm>
  );
}

function MakeActive({ donor }: { donor: Schemas['Donor'] }) {
  const { t } = useI18n();
  const submit = useSubmit(
    async () =>
      unwrap(await api.PATCH('/donors/{id}', { params: { path: { id: donor.id } }, body: { status: 'active' } })),
    { invalidate: ['/donors'], success: t('contacts.madeActive') },
  );
  return (
    <Group gap="sm" wrap="wrap">
      <Badge variant="light" color="yellow">
        {t('contacts.prospect')}
      </Badge>
      <Button size="xs" variant="default" loading={submit.isPending} onClick={() => submit.mutate(undefined)}>
        {t('contacts.makeActive')}
      </Button>
    </Group>
  );
}

export function ContactLog({ donor, canWrite }: { donor: Schemas['Donor']; canWrite: boolean }) {
  const { t } = useI18n();
  const log = useApi('/donors/{id}/contacts', { params: { path: { id: donor.id }, query: { limit: 100 } } });
  return (
    <Card withBorder component="section" aria-labelledby="contact-log" mt="md">
      <Stack>
        <Title order={2} size="h4" id="contact-log">
          {t('contacts.title')}
        </Title>
        {canWrite && donor.status === 'prospect' && <MakeActive donor={donor} />}
        {canWrite && <AddToCampaign donorId={donor.id} />}
        {canWrite && <LogContact donorId={donor.id} />}
        <QueryState query={log}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState title={t('contacts.none')} />
            ) : (
              <Stack component="ul" gap="sm" p={0} style={{ listStyle: 'none' }} aria-label={t('contacts.title')}>
                {page.items.map((e) => (
                  <Card component="li" withBorder key={e.id} p="sm">
                    <Stack gap={4}>
                      <Group gap="xs" wrap="wrap">
                        <Badge variant="outline">{t(`contacts.kind.${e.kind}` as MessageKey)}</Badge>
                        <Text size="sm">
                          <DateText value={e.date} />
                        </Text>
                        <Text size="sm">
                          {t('contacts.by')} {e.by.name}
                        </Text>
                      </Group>
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                        {e.note}
                      </Text>
                      {e.next && (canWrite ? <NextStep donorId={donor.id} entry={e} /> : null)}
                      {e.next && !canWrite && (
                        <Text size="sm">
                          {t('contacts.next')}: {e.next.step} · {t(`contacts.next.${e.next.status}` as MessageKey)} ·{' '}
                          {t('contacts.dueOn', { date: e.next.dueOn })}
                        </Text>
                      )}
                    </Stack>
                  </Card>
                ))}
              </Stack>
            )
          }
        </QueryState>
      </Stack>
    </Card>
  );
}
