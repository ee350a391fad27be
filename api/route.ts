import { createHash } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type z } from 'zod';
import type { Language, Principal, Role } from '../domain/auth.js';
import { principalKey } from '../domain/auth.js';
import { AuditEvent, IdempotencyRecord } from '../db/entities/index.js';
import type { AppDeps } from './deps.js';
import { requireRole } from './auth.js';
import { badRequest, retryLater, toProblem, unprocessable, zodFieldErrors } from './errors.js';
import { openApiPath } from './openapi.js';
import { nulMessage, requestLanguage, zodErrorMapOf } from './request-language.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type AnyObject = z.ZodType<Record<string, unknown>>;

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  contentType?: string;
}

const REPLY = Symbol('reply');
export const reply = (status: number, body?: unknown, headers?: Record<string, string>, contentType?: string): Reply =>
  ({ [REPLY]: true, status, body, headers, contentType }) as Reply;
const isReply = (v: unknown): v is Reply => typeof v === 'object' && v !== null && REPLY in v;

export interface Ctx<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Set on every route but public ones. */
  principal: Principal;
  em: EntityManager;
  deps: AppDeps;
  req: Request;
  res: Response;
}

export interface RouteSpec<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  method: Method;
  path: string;
  summary: string;
  tags: string[];
  /** 'public' routes need no token. */
  roles: readonly Role[] | 'public';
  params?: P;
  query?: Q;
  body?: B;
  /** The request body's media type in the OpenAPI document (default application/json); validation is the same. */
  bodyContentType?: string;
  /**
   * An answer without a schema at 400 and above is a problem document (application/problem+json).
   * `alternatives`: other media types of the same answer, chosen by Accept (the funding summary's CSV).
   */
  responses: Record<
    number,
    { description: string; schema?: z.ZodType; contentType?: string; alternatives?: Record<string, z.ZodType> }
  >;
  /** The operation's name in the OpenAPI document; by default derived from the method and path (operationIdOf). */
  operationId?: string;
  /** Top-level response fields never stored for Idempotency-Key replays (a secret is shown once). */
  secretFields?: readonly string[];
  handler: (ctx: Ctx<z.output<P>, z.output<Q>, z.output<B>>) => Promise<Reply | unknown>;
}

const MUTATING = new Set(['post', 'put', 'patch', 'delete']);
const problemContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
const problem = (description: string) => ({ description, content: problemContent });

/**
 * A stable operationId from the method and the path, so that no route has to name its own:
 * `get /clusters/:code/members` → `getClustersByCodeMembers`, `get /calendar.ics` → `getCalendarIcs`.
 */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .split(/[/.-]+/)
    .filter(Boolean)
    .map((w) => (w.startsWith(':') ? `By${w.slice(1, 2).toUpperCase()}${w.slice(2)}` : w))
    .map((w) => w.slice(0, 1).toUpperCase() + w.slice(1));
  return method + words.join('');
}
const operationIds = new WeakMap<OpenAPIRegistry, Set<string>>();

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string, lang: Language): z.output<T> {
  const error = zodErrorMapOf(lang);
  const r = error ? schema.safeParse(value, { error }) : schema.safeParse(value);
  if (!r.success) throw badRequest(`invalid ${where}`, zodFieldErrors(r.error, where));
  if (!hasNul(r.data)) return r.data;
  throw badRequest(
    `invalid ${where}`,
    nulPaths(r.data, where).map((path) => ({ path, message: nulMessage(lang) })),
  );
}

/**
 * Whether any string or key in a parsed value holds U+0000, which PostgreSQL text cannot store (a
 * string that passed its schema would still fail in the database with a 500). The common answer,
 * no, allocates nothing but the stack; nulPaths names the places when there are some. An explicit
 * stack, not recursion: no recursion limit to hit.
 */
function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (typeof value !== 'object' || value === null) return false;
  const stack: object[] = [value];
  while (stack.length) {
    const v = stack.pop()!;
    for (const k in v) {
      if (!Object.hasOwn(v, k)) continue;
      if (k.includes('\u0000')) return true;
      const child = (v as Record<string, unknown>)[k];
      if (typeof child === 'string') {
        if (child.includes('\u0000')) return true;
      } else if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
  return false;
}

/** The paths (body.a.0.b) of the strings and keys holding U+0000. */
function nulPaths(value: unknown, root: string): string[] {
  const found: string[] = [];
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) found.push(path);
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, child] of Object.entries(v)) {
        const at = `${path}.${k}`;
        if (k.includes('\u0000')) found.push(at);
        stack.push([child, at]);
      }
    }
  }
  return found;
}

function register(registry: OpenAPIRegistry, spec: RouteSpec<AnyObject, AnyObject, z.ZodType>): void {
  const operationId = spec.operationId ?? operationIdOf(spec.method, spec.path);
  const taken = operationIds.get(registry) ?? new Set<string>();
  operationIds.set(registry, taken);
  if (taken.has(operationId)) throw new Error(`operationId ${operationId} is used twice (${spec.method} ${spec.path})`);
  taken.add(operationId);
  const request: RouteConfig['request'] = {};
  if (spec.params) request.params = spec.params as never;
  if (spec.query) request.query = spec.query as never;
  if (spec.body)
    request.body = { content: { [spec.bodyContentType ?? 'application/json']: { schema: spec.body } }, required: true };
  const responses: RouteConfig['responses'] = {};
  for (const [status, r] of Object.entries(spec.responses)) {
    if (!r.schema) {
      responses[status] = Number(status) >= 400 ? problem(r.description) : { description: r.description };
      continue;
    }
    const content: Record<string, { schema: z.ZodType }> = {
      [r.contentType ?? 'application/json']: { schema: r.schema },
    };
    for (const [type, schema] of Object.entries(r.alternatives ?? {})) content[type] = { schema };
    responses[status] = { description: r.description, content };
  }
  // The answers every route can give, whatever it does (api/app.ts, api/auth.ts, api/errors.ts).
  responses['400'] ??= problem('Invalid input: the problem names each field');
  const authenticated = spec.roles !== 'public';
  if (authenticated) {
    responses['401'] ??= problem('Missing or unknown token');
    responses['403'] ??= problem('Not allowed for this token');
    responses['429'] ??= problem('Too many failed authentication attempts; see Retry-After');
  }
  if (spec.body && spec.method !== 'delete') {
    responses['413'] ??= problem('The request body exceeds the size limit (BODY_LIMIT)');
    responses['415'] ??= problem(`The body is not ${spec.bodyContentType ?? 'application/json'}`);
  }
  // Idempotency-Key: a duplicate of a request still in progress, or the key reused for another request.
  if (spec.method === 'post' && authenticated) {
    responses['409'] ??= problem('A request with this Idempotency-Key is in progress; see Retry-After');
    responses['422'] ??= problem('This Idempotency-Key was used with a different request');
  }
  // Every route can meet a dependency that is down (api/errors.ts fromUnavailable).
  responses['503'] ??= problem('PostgreSQL, Temporal or the worker is unavailable; see Retry-After');
  registry.registerPath({
    method: spec.method,
    path: openApiPath(spec.path),
    operationId,
    summary: spec.summary,
    tags: spec.tags,
    ...(spec.roles === 'public' ? { security: [] } : { description: `Roles: ${spec.roles.join(', ')}` }),
    ...(spec.method === 'post' && authenticated
      ? {
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description: 'Makes a retry safe: the same key and body answer the first response again',
              schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
            },
          ],
        }
      : {}),
    request,
    responses,
  });
}

const requestHash = (req: Request): string =>
  createHash('sha256')
    .update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`)
    .digest('hex');

/**
 * Same key and body → the stored response, no second effect; same key with another body → 422.
 * A placeholder row claims the key first so two concurrent retries cannot both run.
 */
async function claimIdempotencyKey(
  em: EntityManager,
  principal: Principal,
  req: Request,
  key: string,
): Promise<Reply | string> {
  if (key.trim() === '') throw badRequest('Idempotency-Key must not be empty');
  if (key.length > 200) throw badRequest('Idempotency-Key is longer than 200 characters');
  const hash = requestHash(req);
  const owner = principalKey(principal);
  // A claim that failed is deleted by its request: a concurrent duplicate then claims afresh.
  for (let attempt = 0; attempt < 5; attempt++) {
    const claimed = await em.getConnection().execute<{ id: string }[]>(
      `insert into idempotency_record (id, principal, key, method, path, request_hash, created_at)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, now()) on conflict (principal, key) do nothing returning id`,
      [owner, key, req.method, req.originalUrl, hash],
    );
    if (claimed[0]) return claimed[0].id;
    const prior = await em.fork().findOne(IdempotencyRecord, { principal: owner, key });
    if (!prior) continue;
    if (prior.requestHash !== hash) throw unprocessable('this Idempotency-Key was used with a different request');
    if (prior.statusCode === null || prior.statusCode === undefined)
      throw retryLater(409, 'a request with this Idempotency-Key is still in progress; retry it shortly', 1);
    return {
      status: prior.statusCode,
      body: prior.body ?? undefined,
      headers: { ...(prior.headers ?? {}), 'Idempotent-Replayed': 'true' },
    };
  }
  throw retryLater(409, 'a request with this Idempotency-Key is being retried concurrently; retry it shortly', 1);
}

function withoutFields(body: unknown, fields: readonly string[] | undefined): unknown {
  if (!fields?.length || typeof body !== 'object' || body === null) return body;
  return Object.fromEntries(Object.entries(body).filter(([k]) => !fields.includes(k)));
}

function send(res: Response, r: Reply): void {
  if (r.headers) for (const k in r.headers) res.setHeader(k, r.headers[k]!);
  if (r.body === undefined) res.status(r.status).end();
  else if (r.contentType) res.status(r.status).type(r.contentType).send(r.body);
  else res.status(r.status).json(r.body);
}

export function defineRoute<P extends AnyObject, Q extends AnyObject, B extends z.ZodType>(
  router: Router,
  deps: AppDeps,
  spec: RouteSpec<P, Q, B>,
): void {
  register(deps.registry, spec as never);
  const auth = deps.auth.middleware();
  const roles = spec.roles === 'public' ? undefined : spec.roles;
  const handlers = roles ? [auth] : [];
  // Fixed per route, so each request only reads them. A public route (no principal) is never audited.
  const audits = MUTATING.has(spec.method) && roles !== undefined;
  // Keys are per principal: a public route (no principal) has none to replay.
  const replays = spec.method === 'post' && roles !== undefined;
  const { params: paramsSchema, query: querySchema, body: bodySchema } = spec;
  router[spec.method](spec.path, ...handlers, async (req: Request, res: Response) => {
    const principal = req.principal as Principal;
    // Forked on first use: a GET that reads through readRow (./read-row.ts) needs no unit of work.
    let forked: EntityManager | undefined;
    const em = () => (forked ??= deps.orm.em.fork() as EntityManager);
    const idemKey = replays ? req.get('idempotency-key') : undefined;
    let claimed: string | undefined;
    try {
      // Inside the try so a refused write is audited too.
      if (roles) requireRole(principal, roles);
      // Validate before hashing the body for the key: an unvalidated body may be nested deep enough
      // to overflow JSON.stringify, and an invalid request has no effect worth replaying.
      const lang = requestLanguage(req);
      // Express parses the query string at each read of req.query: only a route with a schema reads it.
      const params = paramsSchema ? parse(paramsSchema, req.params, 'params', lang) : undefined;
      const query = querySchema ? parse(querySchema, req.query, 'query', lang) : undefined;
      const body = bodySchema ? parse(bodySchema, req.body, 'body', lang) : undefined;
      if (idemKey !== undefined) {
        const c = await claimIdempotencyKey(em(), principal, req, idemKey);
        if (typeof c !== 'string') {
          // The audit row is written before the answer leaves, so a client that reads the trail next finds it.
          if (audits) await audit(deps, principal, req, c.status);
          return send(res, c);
        }
        claimed = c;
      }
      const out = await spec.handler({
        params,
        query,
        body,
        principal,
        get em() {
          return em();
        },
        deps,
        req,
        res,
      } as never);
      const result = isReply(out) ? out : reply(200, out);
      if (claimed) {
        const stored = withoutFields(result.body, spec.secretFields);
        await em()
          .fork()
          .nativeUpdate(
            IdempotencyRecord,
            { id: claimed },
            { statusCode: result.status, headers: result.headers ?? {}, body: (stored ?? null) as never },
          );
      }
      if (audits) await audit(deps, principal, req, result.status);
      send(res, result);
    } catch (err) {
      if (claimed) await em().fork().nativeDelete(IdempotencyRecord, { id: claimed });
      if (audits) await audit(deps, principal, req, toProblem(err)?.status ?? 500);
      throw err;
    }
  });
}

async function audit(deps: AppDeps, principal: Principal, req: Request, status: number): Promise<void> {
  try {
    const em = deps.orm.em.fork();
    em.create(AuditEvent, {
      actorTokenId: principal.tokenId,
      actorPersonId: principal.personId ?? null,
      actorRole: principal.role,
      method: req.method,
      path: req.originalUrl.split('?')[0] ?? req.originalUrl,
      status,
    });
    await em.flush();
  } catch (err) {
    deps.logger.error({ err }, 'audit write failed');
  }
}
