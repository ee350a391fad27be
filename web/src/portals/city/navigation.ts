// The member-city representative's portal (coordinators see the same, with more on each page).
import type { NavGroup } from '../../ui/navigation';

export const CITY_NAVIGATION: NavGroup[] = [
  {
    label: 'portal.city.group',
    items: [
      { to: '/city', label: 'portal.city.home' },
      { to: '/city/elections', label: 'elections.title' },
      { to: '/city/workshops', label: 'city.workshops.title' },
      { to: '/city/coordinator-meetings', label: 'meetings.title' },
      { to: '/city/work-plans/timeline', label: 'outputs.city.nav' },
      { to: '/city/peer-learning', label: 'peer.title' },
      { to: '/city/calendar', label: 'city.calendar.title' },
      { to: '/city/notifications', label: 'city.notifications.title' },
      { to: '/city/surveys', label: 'nav.surveys' },
      { to: '/city/partnerships', label: 'partnerships.mine' },
      { to: '/city/progress-reports', label: 'nav.progressReports' },
    ],
  },
];
