// What the navigation offers each role: the console to staff, a portal to cities and donors.
// Each portal owns its list (web/src/portals/<portal>/navigation.ts).
import type { MessageKey } from '../i18n';
import { CITY_NAVIGATION } from '../portals/city/navigation';
import { DONOR_NAVIGATION } from '../portals/donor/navigation';

export interface NavItem {
  to: string;
  label: MessageKey;
}
export interface NavGroup {
  label: MessageKey;
  items: NavItem[];
}

/** The secretariat's console (staff and viewers). */
export const CONSOLE_NAVIGATION: NavGroup[] = [
  { label: 'nav.group.console', items: [{ to: '/', label: 'nav.overview' }] },
  {
    label: 'nav.group.registry',
    items: [
      { to: '/cities', label: 'nav.cities' },
      { to: '/clusters', label: 'nav.clusters' },
      { to: '/countries', label: 'nav.countries' },
      { to: '/donors', label: 'nav.donors' },
    ],
  },
  {
    label: 'nav.group.governance',
    items: [
      { to: '/elections', label: 'nav.elections' },
      { to: '/surveys', label: 'nav.surveys' },
      { to: '/partnerships', label: 'nav.partnerships' },
      { to: '/progress-reports', label: 'nav.progressReports' },
      { to: '/membership-calls', label: 'membership.nav' },
    ],
  },
  {
    label: 'nav.group.clusterWork',
    items: [
      { to: '/workshops', label: 'nav.workshops' },
      { to: '/work-plans', label: 'nav.workPlans' },
      { to: '/work-plans/timeline', label: 'nav.outputTimeline' },
      { to: '/coordinator-meetings', label: 'nav.coordinatorMeetings' },
      { to: '/peer-learning', label: 'nav.peerLearning' },
    ],
  },
  {
    label: 'nav.group.funding',
    items: [
      { to: '/funding-summary', label: 'nav.fundingSummary' },
      { to: '/pledges', label: 'nav.pledges' },
      { to: '/campaigns', label: 'nav.campaigns' },
      { to: '/pipeline', label: 'nav.pipeline' },
      { to: '/fx-rates', label: 'nav.fxRates' },
      { to: '/funds', label: 'nav.funds' },
    ],
  },
  {
    label: 'nav.group.access',
    items: [
      { to: '/people', label: 'nav.people' },
      { to: '/audit', label: 'nav.audit' },
    ],
  },
];

export function navigationFor(role: string | undefined): NavGroup[] {
  if (role === 'city') return CITY_NAVIGATION;
  if (role === 'donor') return DONOR_NAVIGATION;
  return CONSOLE_NAVIGATION;
}
