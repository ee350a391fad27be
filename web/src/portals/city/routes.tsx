// The city portal's pages, under /app/city (lazy, like the console's). Paths after /city follow the
// API's nouns, so a notification's or an event's resource (/elections/<id>) maps to /city/elections/<id>.
import type { RouteObject } from 'react-router';
import { page } from '../../ui/lazy-page';

export const cityRoutes: RouteObject[] = [
  { path: 'city', ...page(() => import('./home')) },
  { path: 'city/clusters/:code', ...page(() => import('./cluster')) },
  { path: 'city/clusters/:code/work-plan/:biennium', ...page(() => import('./work-plan')) },
  { path: 'city/work-plans/timeline', ...page(() => import('./work-plan-outputs')) },
  { path: 'city/elections', ...page(() => import('./elections')) },
  { path: 'city/elections/:id', ...page(() => import('./election')) },
  { path: 'city/workshops', ...page(() => import('./workshops')) },
  { path: 'city/workshops/:id', ...page(() => import('./workshop')) },
  { path: 'city/coordinator-meetings', ...page(() => import('./coordinator-meetings')) },
  { path: 'city/coordinator-meetings/:id', ...page(() => import('./coordinator-meeting')) },
  { path: 'city/peer-learning', ...page(() => import('./peer-learning')) },
  { path: 'city/peer-learning/:id', ...page(() => import('./peer-entry')) },
  { path: 'city/calendar', ...page(() => import('./calendar')) },
  { path: 'city/notifications', ...page(() => import('./notifications')) },
  { path: 'city/surveys', ...page(() => import('./surveys/list')) },
  { path: 'city/surveys/:id', ...page(() => import('./surveys/answer')) },
  { path: 'city/partnerships', ...page(() => import('./partnerships/list')) },
  { path: 'city/partnerships/:id', ...page(() => import('./partnerships/detail')) },
  { path: 'city/progress-reports', ...page(() => import('./progress-reports/list')) },
  { path: 'city/progress-reports/:biennium', ...page(() => import('./progress-reports/report')) },
];
