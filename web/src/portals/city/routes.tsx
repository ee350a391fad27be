// The city portal's pages, under /app/city (lazy, like the console's).
import type { RouteObject } from 'react-router';
import { page } from '../../ui/lazy-page';

export const cityRoutes: RouteObject[] = [
  { path: 'city', ...page(() => import('./home')) },
  { path: 'city/surveys', ...page(() => import('./surveys/list')) },
  { path: 'city/surveys/:id', ...page(() => import('./surveys/answer')) },
];
