// Routing by first path segment: a request walks only the layers that can match its path. One flat
// router walks every route's pattern before the last ones; a chain of routers costs every request
// a hop through each router it falls out of (Express leaves a router in a setImmediate).
import { Router, type RequestHandler } from 'express';

interface LayerLike {
  rawPath?: unknown;
  slash?: boolean;
}

/** Characters of Express 5 path syntax (path-to-regexp 8): a segment holding one is not a literal. */
const PATTERN = /[{}()[\]+?!:*\\]/;
/** The first segment of a route or mount path, up to `/` or an optional group that starts one (`/app{/*rest}`). */
const LEADING = /^\/([^/{]*)(?:\/|\{\/|$)/;

/** A request path's first segment, lower-cased as Express matches paths case-insensitively. */
export function firstSegment(path: string): string {
  const end = path.indexOf('/', 1);
  return (end < 0 ? path.slice(1) : path.slice(1, end)).toLowerCase();
}

/** The literal first segment every path a layer matches starts with; a startup error when it has none. */
export function layerSegment(layer: LayerLike): string {
  const path = layer.rawPath;
  const segment = typeof path === 'string' && !layer.slash ? LEADING.exec(path)?.[1] : undefined;
  if (segment === undefined || PATTERN.test(segment))
    throw new Error(`cannot dispatch ${String(path)} by its first segment: it must start with a literal one`);
  return segment.toLowerCase();
}

/**
 * The routers' layers regrouped into one router per first segment, in their order, and the
 * middleware that hands a request to its segment's router (or on, when no layer starts with it).
 * Each segment's router matches exactly as the routers did: the segment only chooses where to look.
 */
export function bySegment(routers: Router[]): RequestHandler {
  const segments = new Map<string, Router>();
  for (const router of routers) {
    for (const layer of router.stack) {
      const segment = layerSegment(layer as unknown as LayerLike);
      let own = segments.get(segment);
      if (!own) segments.set(segment, (own = Router()));
      own.stack.push(layer);
    }
  }
  return (req, res, next) => {
    const router = segments.get(firstSegment(req.path));
    if (router) router(req, res, next);
    else next();
  };
}
