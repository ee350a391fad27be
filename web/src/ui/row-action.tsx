// A one-click action in a table row (sign out, revoke): a small red button, its failure beside it.
import { Button, Text, type MantineColor } from '@mantine/core';
import { useState } from 'react';
import { useSubmit } from './submit';

export function RowAction({
  run,
  invalidate,
  success,
  label,
  ariaLabel,
  color = 'red',
}: {
  run: () => Promise<unknown>;
  invalidate: string[];
  success: string;
  label: string;
  ariaLabel?: string;
  color?: MantineColor;
}) {
  const [error, setError] = useState<string | null>(null);
  const submit = useSubmit(run, {
    invalidate,
    success,
    form: { clear: () => setError(null), setProblem: (e) => setError(e instanceof Error ? e.message : String(e)) },
  });
  return (
    <>
      <Button
        size="compact-xs"
        variant="light"
        color={color}
        loading={submit.isPending}
        onClick={() => submit.mutate(undefined)}
        aria-label={ariaLabel}
      >
        {label}
      </Button>
      {error && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
    </>
  );
}
