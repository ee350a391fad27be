import express, { Router, type Express } from 'express';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
import type { Client, Connection } from '@temporalio/client';
import type { Orm } from '../db/orm.js';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import { TokenAuthenticator } from './auth.js';
import { Sessions } from './sessions.js';
import { engineClient } from '../client/engine-client.js';
import type { AppDeps } from './deps.js';
import { HttpProblem, badRequest, notFound, problemHandler, sendProblem } from './errors.js';
import { loneSurrogateAt, refuseInvalidUtf8, refuseMalformedQuery } from './text-input.js';
import { createMetrics } from './metrics.js';
import { outboxCounts } from '../db/queries/notification.js';
import { businessCounts } from '../db/queries/metrics.js';
import { createRegistry } from './openapi.js';
import { cityRoutes } from './routes/cities.js';
import { clusterRoutes } from './routes/clusters.js';
import { countryRoutes } from './routes/countries.js';
import { donorRoutes } from './routes/donors.js';
import { healthRoutes } from './routes/health.js';
import { notificationRoutes } from './routes/notifications.js';
import { tokenRoutes } from './routes/tokens.js';
import { calendarFeedRoutes } from './routes/calendar-feeds.js';
import { sessionRoutes } from './routes/sessions.js';
import { peopleRoutes } from './routes/people.js';
import { processRoutes } from './routes/index.js';
import { clusterRestructuringRoutes } from './routes/cluster-restructurings.js';
import { webAppRoutes } from './web-app.js';
import { requestLog } from './request-log.js';
import { bySegment } from './dispatch.js';
import { methodNotAllowed, securityHeaders } from './http-policy.js';

export interface AppOptions {
  orm: Orm;
  temporal: Client;
  config: AppDeps['config'];
  logger: Logger;
  /** More Prometheus text for /metrics: the Temporal SDK's own when the worker runs in this process. */
  extraMetrics?: () => Promise<string>;
}

export function createApp(opts: AppOptions): { app: Express; deps: AppDeps } {
  const em = () => opts.orm.em.fork() as never;
  const sessions = new Sessions({
    em,
    logger: opts.logger,
    publicUrl: opts.config.PUBLIC_URL,
    smtp: !!opts.config.SMTP_URL,
  });
  const metrics = createMetrics({
    outbox: () => outboxCounts(em()),
    business: () => businessCounts(em()),
    extra: opts.extraMetrics,
  });
  // The API's own client: starts and updates refused fast (503) when no worker can run them.
  const { client: temporal, availability } = engineClient({
    record: metrics.workflowCalls,
    connection: opts.temporal.connection as Connection,
    namespace: opts.temporal.options.namespace,
    taskQueue: opts.config.TEMPORAL_TASK_QUEUE,
    dataConverter: opts.temporal.options.dataConverter,
  });
  const deps: AppDeps = {
    ...opts,
    temporal,
    availability,
    sessions,
    auth: new TokenAuthenticator(
      em,
      opts.config.SECRETARIAT_TOKEN,
      opts.config.AUTH_FAILURES_PER_MINUTE,
      undefined,
      sessions,
    ),
    registry: createRegistry(),
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', opts.config.TRUST_PROXY);
  // First, so that every answer (a refusal by any later middleware too) has its line and its id.
  app.use(requestLog(opts.logger));
  app.use(securityHeaders());
  app.use(metrics.middleware);
  const json = express.json({
    limit: opts.config.BODY_LIMIT,
    type: ['application/json', 'application/*+json'],
    verify: refuseInvalidUtf8,
  });
  // The one route that reads CSV (exchange-rate import); everywhere else a write is JSON.
  const csv = express.text({ limit: opts.config.BODY_LIMIT, type: 'text/csv', verify: refuseInvalidUtf8 });
  app.use(refuseMalformedQuery);
  app.use((req, res, next) => {
    // Reads carry no body: parsing is only for writes.
    if (!WRITES.has(req.method)) return next();
    const parser = req.path === '/fx-rates/import' ? csv : json;
    parser(req, res, (err?: unknown) => {
      if (err) return next(err);
      const bad = loneSurrogateAt(req.body, 'body');
      if (bad)
        return next(
          badRequest('the body has a lone surrogate: text that is not well-formed Unicode', [
            { path: bad, message: 'must not contain a lone surrogate (\\ud800-\\udfff without its pair)' },
          ]),
        );
      // A body on a write must be JSON; anything else would silently parse as empty. A request with
      // no body at all (no length, or 0, and not chunked) is a body-less action, whatever its type.
      const hasBody =
        req.headers['transfer-encoding'] !== undefined ||
        (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
      if (req.method !== 'DELETE' && hasBody && req.body === undefined && req.readable && req.headers['content-type'])
        return next(new HttpProblem(415, 'Unsupported Media Type', 'send application/json'));
      next();
    });
  });
  // All the API's routes, for 405's Allow (methodNotAllowed); requests reach them by segment (bySegment).
  const routes = Router();
  for (const module of [
    sessionRoutes,
    peopleRoutes,
    tokenRoutes,
    calendarFeedRoutes,
    countryRoutes,
    cityRoutes,
    clusterRoutes,
    clusterRestructuringRoutes,
    donorRoutes,
    notificationRoutes,
    ...processRoutes,
  ]) {
    routes.stack.push(...module(deps).stack);
  }
  const health = healthRoutes(deps, metrics);
  // Health, docs and the web app first, then the API, as if mounted in that order.
  app.use(bySegment([health, webAppRoutes(), routes]));
  app.use(methodNotAllowed([health, routes]));
  app.use((req, _res, next) => next(notFound(`route ${req.method} ${req.path}`)));
  app.use(problemHandler(opts.logger));
  app.use(((err, _req, res, _next) =>
    sendProblem(res, new HttpProblem(500, 'Internal Server Error'))) as express.ErrorRequestHandler);
  return { app, deps };
}

export type { Config };
