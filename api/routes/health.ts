import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { ProcessesUnavailableError } from '../../client/availability.js';
import { generateDocument } from '../openapi.js';
import { defineRoute, reply } from '../route.js';

const Health = z.object({ status: z.enum(['ok', 'unavailable']), checks: z.record(z.string(), z.string()).optional() });

/** 'ok', or what is wrong in a word — never an address or an error text. */
async function check(fn: () => Promise<unknown>, ms = 2_000): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([fn(), new Promise((_, rej) => (timer = setTimeout(() => rej(new Error('timeout')), ms)))]);
    return 'ok';
  } catch (err) {
    if (err instanceof ProcessesUnavailableError) return err.reason;
    return 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(
  deps: AppDeps,
  metrics: { exposition: () => Promise<string>; contentType: string },
): Router {
  const router = Router();
  defineRoute(router, deps, {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: the process answers',
    tags: ['operations'],
    roles: 'public',
    responses: { 200: { description: 'alive', schema: Health } },
    handler: async () => ({ status: 'ok' }),
  });
  defineRoute(router, deps, {
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: PostgreSQL and Temporal reachable, a worker polling the task queue',
    tags: ['operations'],
    roles: 'public',
    responses: {
      200: { description: 'ready', schema: Health },
      503: { description: 'a dependency is down', schema: Health },
    },
    handler: async () => {
      const [database, temporal, worker] = await Promise.all([
        check(() => deps.orm.em.getConnection().execute('select 1')),
        check(() => deps.temporal.workflowService.getSystemInfo({})),
        // Ready means requests can take effect: a worker polls the task queue of the namespace.
        check(() => deps.availability.check(true)),
      ]);
      const checks = { database, temporal, worker };
      const ok = Object.values(checks).every((c) => c === 'ok');
      return reply(ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', checks });
    },
  });
  defineRoute(router, deps, {
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics',
    tags: ['operations'],
    roles: 'public',
    responses: { 200: { description: 'text exposition format', schema: z.string(), contentType: 'text/plain' } },
    handler: async () => reply(200, await metrics.exposition(), undefined, metrics.contentType),
  });
  // The document is generated from the same zod schemas that validate requests.
  router.get('/openapi.json', (_req, res) => {
    res.json(generateDocument(deps.registry, deps.config.PUBLIC_URL));
  });
  // No online validator badge: the page loads nothing from elsewhere (api/http-policy.ts's CSP).
  router.use(
    '/docs',
    swaggerUi.serve,
    swaggerUi.setup(undefined, { swaggerOptions: { url: '/openapi.json', validatorUrl: null } }),
  );
  return router;
}
