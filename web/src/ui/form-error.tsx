import { Alert } from '@mantine/core';

/** What the API said about a form as a whole (its `detail`, errors not tied to a field). */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert color="red" role="alert" variant="light">
      {message}
    </Alert>
  );
}
