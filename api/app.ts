import express, { type Express } from 'express';
import type { Client } from '@temporalio/client';
import type { Orm } from '../db/orm.js';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import { TokenAuthenticator } from './auth.js';
import type { AppDeps } from './deps.js';
import { HttpProblem, notFound, problemHandler, sendProblem } from './errors.js';
import { createMetrics } from './metrics.js';
import { createRegistry } from './openapi.js';
import { cityRoutes } from './routes/cities.js';
import { clusterRoutes } from './routes/clusters.js';
import { countryRoutes } from './routes/countries.js';
import { donorRoutes } from './routes/donors.js';
import { healthRoutes } from './routes/health.js';
import { notificationRoutes } from './routes/notifications.js';
import { tokenRoutes } from './routes/tokens.js';
import { processRoutes } from './routes/index.js';

export interface AppOptions {
  orm: Orm;
  temporal: Client;
  config: AppDeps['config'];
  logger: Logger;
}

export function createApp(opts: AppOptions): { app: Express; deps: AppDeps } {
  const deps: AppDeps = {
    ...opts,
    auth: new TokenAuthenticator(() => opts.orm.em.fork() as never, opts.config.SECRETARIAT_TOKEN, opts.config.AUTH_FAILURES_PER_MINUTE),
    registry: createRegistry(),
  };
  const metrics = createMetrics();
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(metrics.middleware);
  app.use(express.json({ limit: opts.config.BODY_LIMIT, type: ['application/json', 'application/*+json'] }));
  app.use((req, _res, next) => {
    // A body on a write must be JSON; anything else would silently parse as empty.
    if (['POST', 'PUT', 'PATCH'].includes(req.method) && req.headers['content-length'] !== '0' && req.body === undefined && req.readable && req.headers['content-type'])
      return next(new HttpProblem(415, 'Unsupported Media Type', 'send application/json'));
    next();
  });
  app.use(healthRoutes(deps, metrics.registry));
  for (const routes of [tokenRoutes, countryRoutes, cityRoutes, clusterRoutes, donorRoutes, notificationRoutes, ...processRoutes]) {
    app.use(routes(deps));
  }
  app.use((req, _res, next) => next(notFound(`route ${req.method} ${req.path}`)));
  app.use(problemHandler(opts.logger));
  app.use(((err, _req, res, _next) => sendProblem(res, new HttpProblem(500, 'Internal Server Error'))) as express.ErrorRequestHandler);
  return { app, deps };
}

export type { Config };
