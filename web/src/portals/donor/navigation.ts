// The funding partner's portal.
import type { NavGroup } from '../../ui/navigation';

export const DONOR_NAVIGATION: NavGroup[] = [
  { label: 'portal.donor.group', items: [{ to: '/donor', label: 'portal.donor.home' }] },
];
