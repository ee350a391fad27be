// The router (basename /app), providers, and the 401 → sign-in redirect.
import { Anchor, MantineProvider, NavLink, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router';
import { ApiError, setUnauthorizedHandler } from './api/client';
import { I18nProvider } from './i18n';
import { Shell } from './ui/shell';
import { NotFoundPage, RouteError } from './ui/not-found';
import { page } from './ui/lazy-page';
import { donorAware } from './ui/donor-aware';
import { Home } from './ui/home';
import { cityRoutes } from './portals/city/routes';
import { donorRoutes } from './portals/donor/routes';

export const BASENAME = '/app';

// Shade 8 of blue keeps white-on-primary and primary-on-white at WCAG AA contrast (4.5:1).
// Links are underlined: told apart from text without relying on colour. The current page's
// navigation link is filled: the light variant's text falls under 4.5:1 on its hover background.
const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  defaultRadius: 'sm',
  components: {
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    NavLink: NavLink.extend({ defaultProps: { variant: 'filled' } }),
  },
});

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 10_000,
    },
  },
});

export const routes: RouteObject[] = [
  { path: '/sign-in', errorElement: <RouteError />, ...page(() => import('./pages/sign-in/sign-in')) },
  // Public, no sign-in: a prospective funding partner's inquiry and its e-mailed confirmation.
  { path: '/partner', errorElement: <RouteError />, ...page(() => import('./pages/partner/inquiry')) },
  { path: '/partner/confirm', errorElement: <RouteError />, ...page(() => import('./pages/partner/confirm')) },
  // Public membership pages: no sign-in (the applicant has no account; the National Commission has its link).
  { path: '/apply/:callId', errorElement: <RouteError />, ...page(() => import('./pages/membership-calls/apply')) },
  {
    path: '/apply/confirm/:token',
    errorElement: <RouteError />,
    ...page(() => import('./pages/membership-calls/confirm')),
  },
  { path: '/natcom/:token', errorElement: <RouteError />, ...page(() => import('./pages/membership-calls/natcom')) },
  { path: '/jury/:token', errorElement: <RouteError />, ...page(() => import('./pages/membership-calls/jury')) },
  {
    path: '/',
    element: <Shell />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Home /> },
      ...cityRoutes,
      ...donorRoutes,
      { path: 'cities', ...page(() => import('./pages/cities/list')) },
      { path: 'cities/:id', ...page(() => import('./pages/cities/detail')) },
      { path: 'clusters', ...page(() => import('./pages/clusters/list')) },
      { path: 'clusters/restructure', ...page(() => import('./pages/clusters/restructure')) },
      { path: 'clusters/:code', ...page(() => import('./pages/clusters/detail')) },
      { path: 'countries', ...page(() => import('./pages/countries/list')) },
      { path: 'donors', ...page(() => import('./pages/donors/list')) },
      { path: 'donors/:id', ...page(() => import('./pages/donors/detail')) },
      { path: 'elections', ...page(() => import('./pages/elections/list')) },
      { path: 'elections/:id', ...page(() => import('./pages/elections/detail')) },
      { path: 'workshops', ...page(() => import('./pages/workshops/list')) },
      { path: 'workshops/:id', ...page(() => import('./pages/workshops/detail')) },
      { path: 'work-plans', ...page(() => import('./pages/work-plans/page')) },
      { path: 'work-plans/timeline', ...page(() => import('./pages/work-plans/timeline')) },
      { path: 'coordinator-meetings', ...page(() => import('./pages/coordinator-meetings/list')) },
      { path: 'coordinator-meetings/:id', ...page(() => import('./pages/coordinator-meetings/detail')) },
      { path: 'peer-learning', ...page(() => import('./pages/peer-learning/list')) },
      { path: 'funding-summary', ...page(() => import('./pages/funding-summary/page')) },
      { path: 'pledges', ...page(() => import('./pages/pledges/list')) },
      {
        path: 'pledges/:id',
        ...donorAware(
          () => import('./pages/pledges/detail'),
          (p) => `/donor/pledges/${p.id ?? ''}`,
        ),
      },
      { path: 'campaigns', ...page(() => import('./pages/campaigns/page')) },
      { path: 'pipeline', ...page(() => import('./pages/pipeline/list')) },
      { path: 'campaigns/:id', ...page(() => import('./pages/campaigns/page')) },
      { path: 'fx-rates', ...page(() => import('./pages/fx-rates/list')) },
      { path: 'funds', ...page(() => import('./pages/funds/list')) },
      { path: 'funds/:fund', ...page(() => import('./pages/funds/detail')) },
      { path: 'fund-allocations/:id', ...page(() => import('./pages/funds/allocation')) },
      { path: 'surveys', ...page(() => import('./pages/surveys/list')) },
      { path: 'surveys/:id', ...page(() => import('./pages/surveys/results')) },
      { path: 'partnerships', ...page(() => import('./pages/partnerships/list')) },
      { path: 'partnerships/africa-support', ...page(() => import('./pages/partnerships/africa-support')) },
      { path: 'partnerships/:id', ...page(() => import('./pages/partnerships/detail')) },
      { path: 'progress-reports', ...page(() => import('./pages/progress-reports/list')) },
      { path: 'progress-reports/:biennium', ...page(() => import('./pages/progress-reports/detail')) },
      { path: 'membership-calls', ...page(() => import('./pages/membership-calls/list')) },
      { path: 'membership-calls/:id', ...page(() => import('./pages/membership-calls/detail')) },
      { path: 'people', ...page(() => import('./pages/people/list')) },
      { path: 'people/tokens', ...page(() => import('./pages/people/tokens')) },
      { path: 'audit', ...page(() => import('./pages/audit/list')) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const router = createBrowserRouter(routes, { basename: BASENAME });

setUnauthorizedHandler(() => {
  const here = window.location.pathname;
  if (here.startsWith(`${BASENAME}/sign-in`)) return;
  if (here.startsWith(`${BASENAME}/partner`)) return;
  // A single-purpose link's page (National Commission, juror, applicant): a 401 is the answer that
  // its link is not valid (unknown, expired, replaced), shown on the page; signing in would not help.
  if (/^\/(natcom|jury|apply)\//.test(here.slice(BASENAME.length))) return;
  queryClient.clear();
  void router.navigate(`/sign-in?next=${encodeURIComponent(here + window.location.search)}`, { replace: true });
});

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      {/* Never wider than a phone's screen (the default 440 px made 390 px pages scroll sideways). */}
      <Notifications position="top-right" containerWidth="min(440px, calc(100vw - 32px))" />
      <I18nProvider>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </I18nProvider>
    </MantineProvider>
  );
}
