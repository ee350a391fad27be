// Cancelling something with a reason: a modal asking why, the problem's field errors beside it.
import { Textarea } from '@mantine/core';
import { useT } from '../i18n';
import { FormModal } from './form-modal';
import { useProblemForm } from './problem-form';
import { useSubmit } from './submit';

export function ReasonModal({
  opened,
  onClose,
  title,
  run,
  invalidate,
  success,
}: {
  opened: boolean;
  onClose: () => void;
  /** The modal's title and its red submit button. */
  title: string;
  run: (reason: string) => Promise<unknown>;
  invalidate: string[];
  success: string;
}) {
  const t = useT();
  const form = useProblemForm({ reason: '' });
  const submit = useSubmit(() => run(form.values.reason), { form, invalidate, success, onSuccess: onClose });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={title}
      submitLabel={title}
      cancelLabel={t('action.back')}
      color="red"
      form={form}
      submit={submit}
    >
      <Textarea label={t('elections.cancelReason')} required autosize minRows={3} {...form.text('reason')} />
    </FormModal>
  );
}
