// The web app under /app/: hashed assets cached for a year, every other /app path answered with
// index.html so that deep links (/app/elections/<id>) survive a reload; the API's paths are untouched.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import { WEB_DIST } from '../platform/web-build.js';
import { HttpProblem } from './errors.js';

export function webAppRoutes(dist = WEB_DIST): Router {
  const router = Router();
  const index = join(dist, 'index.html');
  router.get('/', (_req, res) => res.redirect(302, '/app/'));
  router.use(
    '/app/assets',
    express.static(join(dist, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }),
  );
  router.use('/app', express.static(dist, { index: false, maxAge: 0 }));
  router.get('/app{/*rest}', (_req, res, next) => {
    if (!existsSync(index)) {
      return next(new HttpProblem(503, 'Service Unavailable', 'the web app is not built: run npm run web:build'));
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
