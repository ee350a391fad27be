// The donor the signed-in partner acts for (GET /me), and what its pages show without one.
import type { ReactNode } from 'react';
import { useT } from '../../i18n';
import { useMe } from '../../ui/session';
import { EmptyState, QueryState } from '../../ui/states';

/** Renders `children` with the reader's donor id; staff and cities see that the portal is not theirs. */
export function ForDonor({ children }: { children: (donorId: string) => ReactNode }) {
  const t = useT();
  const me = useMe();
  return (
    <QueryState query={me}>
      {(m) => (m.donorId ? children(m.donorId) : <EmptyState title={t('donor.notDonor')} />)}
    </QueryState>
  );
}
