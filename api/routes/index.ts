import type { Router } from 'express';
import type { AppDeps } from '../deps.js';

/** Routers of the long-running processes (elections, funding, cluster work), added as they land. */
export const processRoutes: ((deps: AppDeps) => Router)[] = [];
