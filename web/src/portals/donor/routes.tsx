// The donor portal's pages, under /app/donor (lazy, like the console's). The list lives at
// /donor/pledges so that the navigation marks it for a pledge's page too, and only then.
import { Navigate, type RouteObject } from 'react-router';
import { page } from '../../ui/lazy-page';

export const donorRoutes: RouteObject[] = [
  { path: 'donor', element: <Navigate to="/donor/pledges" replace /> },
  { path: 'donor/pledges', ...page(() => import('./home')) },
  { path: 'donor/pledges/:id', ...page(() => import('./pledge')) },
  { path: 'donor/offer', ...page(() => import('./offer')) },
  { path: 'donor/statement', ...page(() => import('./statement')) },
];
