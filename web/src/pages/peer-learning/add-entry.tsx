// Adding a peer-learning entry, the same form for the secretariat and a member city: the secretariat
// picks any active cluster, a city one of its own (`clusters`).
import { Select, TagsInput, TextInput, Textarea } from '@mantine/core';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { PEER_KINDS } from '../../lib/enums';
import { ClusterSelect, EnumSelect } from '../../ui/fields';
import { FormModal } from '../../ui/form-modal';
import { useProblemForm } from '../../ui/problem-form';
import { useSubmit } from '../../ui/submit';

export function AddEntry({
  opened,
  onClose,
  title,
  clusters,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  clusters?: string[];
}) {
  const { t } = useI18n();
  const form = useProblemForm({
    cluster: (clusters?.[0] ?? null) as string | null,
    kind: 'practice' as string | null,
    title: '',
    body: '',
    tags: [] as string[],
  });
  const submit = useSubmit(
    async () =>
      unwrap(
        await api.POST('/peer-learning', {
          body: {
            cluster: form.values.cluster ?? '',
            kind: (form.values.kind ?? 'practice') as Schemas['PeerLearningEntry']['kind'],
            title: form.values.title,
            body: form.values.body,
            tags: form.values.tags,
          },
        }),
      ),
    { form, invalidate: ['/peer-learning'], success: t('peer.added'), close: onClose },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={title}
      size="lg"
      submitLabel={t('peer.add')}
      form={form}
      submit={submit}
    >
      {clusters ? (
        <Select
          label={t('workshops.cluster')}
          data={clusters}
          required
          allowDeselect={false}
          {...form.field('cluster')}
        />
      ) : (
        <ClusterSelect label={t('workshops.cluster')} activeOnly required {...form.field('cluster')} />
      )}
      <EnumSelect
        label={t('peer.kind')}
        options={PEER_KINDS}
        prefix="peerKind"
        allowDeselect={false}
        {...form.field('kind')}
      />
      <TextInput label={t('peer.titleField')} required {...form.text('title')} />
      <Textarea label={t('peer.body')} required autosize minRows={4} {...form.text('body')} />
      <TagsInput label={t('peer.tags')} description={t('clusters.expertiseHelp')} {...form.field('tags')} />
    </FormModal>
  );
}
