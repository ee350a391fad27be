// The donor portal's pages, under /app/donor (lazy, like the console's).
import type { RouteObject } from 'react-router';
import { page } from '../../ui/lazy-page';

export const donorRoutes: RouteObject[] = [{ path: 'donor', ...page(() => import('./home')) }];
