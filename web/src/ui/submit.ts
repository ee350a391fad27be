// A write: on success a notice and invalidated queries; on failure the problem goes to the form.
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useInvalidate } from '../api/query';
import { useT } from '../i18n';

export function useSubmit<A, R>(
  fn: (args: A) => Promise<R>,
  opts: {
    invalidate?: string[];
    onSuccess?: (r: R) => void;
    form?: { setProblem(e: unknown): void; clear(): void; reset?(): void };
    success?: string;
    /** A modal's close: on success the form is reset and the modal closed (before `onSuccess`). */
    close?: () => void;
  } = {},
) {
  const invalidate = useInvalidate();
  const t = useT();
  return useMutation<R, unknown, A>({
    mutationFn: (a) => {
      opts.form?.clear();
      return fn(a);
    },
    onSuccess: async (r) => {
      if (opts.invalidate?.length) await invalidate(...opts.invalidate);
      // The notice's close button is named: Mantine's has only an icon.
      if (opts.success)
        notifications.show({
          message: opts.success,
          color: 'green',
          closeButtonProps: { 'aria-label': t('action.closeNotice') },
        });
      if (opts.close) {
        opts.form?.reset?.();
        opts.close();
      }
      opts.onSuccess?.(r);
    },
    onError: (e) => opts.form?.setProblem(e),
  });
}
