// The funding partner's portal.
import type { NavGroup } from '../../ui/navigation';

export const DONOR_NAVIGATION: NavGroup[] = [
  {
    label: 'portal.donor.group',
    items: [
      { to: '/donor/pledges', label: 'portal.donor.home' },
      { to: '/donor/offer', label: 'donor.offer.title' },
      { to: '/donor/statement', label: 'donor.statement.title' },
    ],
  },
];
