// Answers about HTTP itself, the same for every route: security headers (helmet) and 405 for a
// known path asked with a method it does not take.
import type { RequestHandler, Router } from 'express';
import helmet from 'helmet';
import { HttpProblem } from './errors.js';

/**
 * helmet's defaults, with a Content-Security-Policy the two HTML pages live with: the web app
 * (/app/: its own module scripts; Mantine writes <style> elements at run time, so inline styles are
 * allowed, inline scripts are not) and Swagger UI (/docs: its own scripts, inline styles, data: icons).
 * No upgrade-insecure-requests: the API is also served over plain HTTP on 127.0.0.1 or behind a proxy.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
  });
}

interface RouteLayer {
  route?: { methods: Record<string, boolean | undefined> };
  match(path: string): boolean;
}

/** The methods the routers serve at `path` (HEAD wherever GET is: Express answers it). */
export function allowedMethods(routers: Router[], path: string): string[] {
  const allowed = new Set<string>();
  for (const router of routers) {
    for (const layer of router.stack as unknown as RouteLayer[]) {
      if (!layer.route || !layer.match(path)) continue;
      for (const [method, on] of Object.entries(layer.route.methods)) if (on) allowed.add(method.toUpperCase());
    }
  }
  if (allowed.has('GET')) allowed.add('HEAD');
  allowed.delete('_ALL');
  return [...allowed].sort();
}

/** After the routers: a path they know with another method is a 405 with `Allow`, not a 404. */
export function methodNotAllowed(routers: Router[]): RequestHandler {
  return (req, _res, next) => {
    const allowed = allowedMethods(routers, req.path);
    if (!allowed.length) return next();
    next(
      new HttpProblem(
        405,
        'Method Not Allowed',
        `${req.method} is not served at ${req.path}; it takes ${allowed.join(', ')}`,
        undefined,
        undefined,
        { Allow: allowed.join(', ') },
      ),
    );
  };
}
