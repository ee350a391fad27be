// Open a coordinator election for a cluster: seats, term start and windows (the strategy's
// defaults as placeholders).
import { NumberInput, SimpleGrid, TextInput } from '@mantine/core';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { FormModal } from '../../ui/form-modal';
import { useProblemForm } from '../../ui/problem-form';
import { useSubmit } from '../../ui/submit';
import { ELECTION_DEFAULTS, durationParts } from './defaults';

const WINDOWS = [
  'nominationWindow',
  'nominationExtension',
  'votingWindow',
  'votingExtension',
  'tieBreakWindow',
] as const;

export function OpenElection({ code, opened, onClose }: { code: string; opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const form = useProblemForm({
    termStart: '',
    seats: '' as string | number,
    quorum: '' as string | number,
    termLimit: '' as string | number,
    nominationWindow: '',
    nominationExtension: '',
    votingWindow: '',
    votingExtension: '',
    tieBreakWindow: '',
  });
  const submit = useSubmit(
    async () => {
      const v = form.values;
      const body: { termStart: string; seats?: number; quorum?: number; termLimit?: number } & Partial<
        Record<(typeof WINDOWS)[number], string>
      > = { termStart: v.termStart };
      if (v.seats !== '') body.seats = Number(v.seats);
      if (v.quorum !== '') body.quorum = Number(v.quorum) / 100;
      if (v.termLimit !== '') body.termLimit = Number(v.termLimit);
      for (const w of WINDOWS) if (v[w].trim()) body[w] = v[w].trim();
      return unwrap(await api.POST('/clusters/{code}/elections', { params: { path: { code } }, body }));
    },
    {
      form,
      invalidate: ['/elections', '/clusters'],
      success: t('elections.opened'),
      close: onClose,
      onSuccess: (e) => void navigate(`/elections/${e.id}`),
    },
  );
  const describe = (d: string) => {
    const p = durationParts(d);
    return t('elections.defaultDuration', { value: p ? t(`duration.${p.unit}` as MessageKey, { n: p.n }) : d });
  };
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('elections.openFor', { cluster: code })}
      size="lg"
      submitLabel={t('elections.open')}
      form={form}
      submit={submit}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('elections.termStart')} type="date" required {...form.text('termStart')} />
        <NumberInput
          label={t('elections.seats')}
          min={1}
          max={10}
          allowDecimal={false}
          placeholder={String(ELECTION_DEFAULTS.seats)}
          description={t('elections.defaultValue', { value: ELECTION_DEFAULTS.seats })}
          {...form.field('seats')}
        />
        <NumberInput
          label={t('elections.quorum')}
          min={0}
          max={100}
          suffix=" %"
          placeholder={String(ELECTION_DEFAULTS.quorum * 100)}
          description={t('elections.quorumHelp', { value: ELECTION_DEFAULTS.quorum * 100 })}
          {...form.field('quorum')}
        />
        <NumberInput
          label={t('elections.termLimit')}
          min={1}
          max={10}
          allowDecimal={false}
          placeholder={String(ELECTION_DEFAULTS.termLimit)}
          description={t('elections.defaultValue', { value: ELECTION_DEFAULTS.termLimit })}
          {...form.field('termLimit')}
        />
        {WINDOWS.map((w) => (
          <TextInput
            key={w}
            label={t(`elections.${w}`)}
            placeholder={ELECTION_DEFAULTS[w]}
            description={describe(ELECTION_DEFAULTS[w])}
            {...form.text(w)}
          />
        ))}
      </SimpleGrid>
    </FormModal>
  );
}
