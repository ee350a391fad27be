// The member-city representative's portal (coordinators see the same, with more on each page).
import type { NavGroup } from '../../ui/navigation';

export const CITY_NAVIGATION: NavGroup[] = [
  {
    label: 'portal.city.group',
    items: [
      { to: '/city', label: 'portal.city.home' },
      { to: '/city/surveys', label: 'nav.surveys' },
    ],
  },
];
