import type { Router } from 'express';
import type { AppDeps } from '../deps.js';
import { electionRoutes } from './elections.js';

/** Routers of the long-running processes (elections, funding, cluster work). */
export const processRoutes: ((deps: AppDeps) => Router)[] = [electionRoutes];
