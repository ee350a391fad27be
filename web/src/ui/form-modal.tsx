// A form that submits through the API (no native validation; the problem's detail above the fields),
// its cancel/submit buttons, and the same in a modal.
import { Button, Group, Modal, Stack, type MantineColor, type MantineSize, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { FormError } from './form-error';

interface Submitting {
  form: { formError: string | null };
  submit: { mutate: (a: undefined) => void; isPending: boolean };
}

export function ApiForm({
  form,
  submit,
  label,
  gap,
  before,
  children,
}: Submitting & { label?: string; gap?: MantineSpacing; before?: ReactNode; children: ReactNode }) {
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit.mutate(undefined);
      }}
      noValidate
      aria-label={label}
    >
      <Stack gap={gap}>
        {before}
        <FormError message={form.formError} />
        {children}
      </Stack>
    </form>
  );
}

/** Cancel (when there is somewhere to go back to) and the submit button. */
export function FormActions({
  onCancel,
  cancelLabel,
  submitLabel,
  loading,
  color,
}: {
  onCancel?: () => void;
  cancelLabel?: string;
  submitLabel: string;
  loading: boolean;
  color?: MantineColor;
}) {
  const t = useT();
  return (
    <Group justify="flex-end">
      {onCancel && (
        <Button variant="default" onClick={onCancel}>
          {cancelLabel ?? t('action.cancel')}
        </Button>
      )}
      <Button type="submit" color={color} loading={loading}>
        {submitLabel}
      </Button>
    </Group>
  );
}

/** A modal holding an API form: its fields, then Cancel (closes) and the submit button. */
export function FormModal({
  opened,
  onClose,
  title,
  size,
  submitLabel,
  cancelLabel,
  color,
  form,
  submit,
  before,
  children,
}: Submitting & {
  opened: boolean;
  onClose: () => void;
  title: string;
  size?: MantineSize;
  submitLabel: string;
  cancelLabel?: string;
  color?: MantineColor;
  before?: ReactNode;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size={size}
      closeButtonProps={{ 'aria-label': t('dialog.close') }}
    >
      <ApiForm form={form} submit={submit} before={before}>
        {children}
        <FormActions
          onCancel={onClose}
          cancelLabel={cancelLabel}
          submitLabel={submitLabel}
          loading={submit.isPending}
          color={color}
        />
      </ApiForm>
    </Modal>
  );
}
