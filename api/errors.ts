import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, Response } from 'express';
import { type z } from 'zod';
import { UniqueConstraintViolationException, ForeignKeyConstraintViolationException } from '@mikro-orm/core';
import {
  ServiceError,
  isGrpcServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Logger } from '../platform/logger.js';
import { ProcessesUnavailableError } from '../client/availability.js';
import { REFUSAL_STATUS, isRefusal } from '../domain/refusal.js';
import { requestIdOf } from './request-log.js';
import { requestLanguage } from './request-language.js';
import { problemText } from './problem-text/index.js';

export interface FieldError {
  path: string;
  message: string;
}

/** An RFC 9457 problem; thrown anywhere in a request and rendered by `problemHandler`. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
    /** Response headers that go with it, e.g. Retry-After on 409 in progress, 429 and 503. */
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
  }
}

/** A problem the client may simply retry after `seconds` (409 in progress, 429, 503). */
export const retryLater = (status: 409 | 429 | 503, detail: string, seconds: number): HttpProblem =>
  new HttpProblem(status, STATUS_CODES[status] ?? 'Error', detail, undefined, undefined, {
    'Retry-After': String(seconds),
  });

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new HttpProblem(400, 'Bad Request', detail, errors);
export const unauthorized = (detail = 'a valid Bearer token is required') =>
  new HttpProblem(401, 'Unauthorized', detail);
export const forbidden = (detail = 'this token may not do that') => new HttpProblem(403, 'Forbidden', detail);
export const notFound = (what: string) => new HttpProblem(404, 'Not Found', `${what} not found`);
export const conflict = (detail: string, extra?: Record<string, unknown>) =>
  new HttpProblem(409, 'Conflict', detail, undefined, extra);
export const unprocessable = (detail: string, errors?: FieldError[]) =>
  new HttpProblem(422, 'Unprocessable Content', detail, errors);

export function zodFieldErrors(error: z.ZodError, prefix: string): FieldError[] {
  return error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].join('.'), message: i.message }));
}

function fromTemporal(err: unknown): HttpProblem | undefined {
  if (err instanceof WorkflowExecutionAlreadyStartedError) return conflict(`${err.workflowId} is already running`);
  if (err instanceof WorkflowNotFoundError) return notFound(err.workflowId ?? 'workflow');
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    // Business refusals raised in workflows travel as ApplicationFailures typed by HTTP meaning.
    const status = isRefusal(err.cause.type) ? REFUSAL_STATUS[err.cause.type] : 422;
    const details = err.cause.details?.[0] as Record<string, unknown> | undefined;
    return new HttpProblem(
      status,
      status === 422 ? 'Unprocessable Content' : (STATUS_CODES[status] ?? 'Error'),
      err.cause.message,
      undefined,
      details,
    );
  }
  return undefined;
}

/**
 * Client errors raised by Express itself or its middleware: body-parser (typed) and the router,
 * which throws an untyped 400 for a path parameter that is not valid percent-encoding.
 */
function fromMiddleware(err: {
  type?: string;
  status?: number;
  expose?: boolean;
  message?: string;
}): HttpProblem | undefined {
  if (err.type === 'entity.too.large')
    return new HttpProblem(413, 'Content Too Large', 'the request body exceeds the size limit');
  if (err.type === 'entity.parse.failed') return badRequest('the body is not valid JSON');
  // Only errors meant for the client (http-errors' `expose`, the router's URIError), never any object with a status.
  const clientError = err.expose === true || (err as unknown) instanceof URIError;
  const status = err.status;
  if (clientError && typeof status === 'number' && status >= 400 && status < 500)
    return new HttpProblem(status, STATUS_CODES[status] ?? 'Bad Request', err.message || err.type);
  return undefined;
}

// PostgreSQL unreachable, restarting or refusing connections; the pool's own acquire timeout.
const DB_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);
const DB_DOWN_MESSAGES = /Timeout acquiring a connection|Connection terminated|connection timeout|Knex: Timeout/i;
// gRPC UNAVAILABLE and DEADLINE_EXCEEDED: Temporal did not answer in time.
const GRPC_UNAVAILABLE = new Set([4, 14]);

/** A dependency is down: 503 with Retry-After, the dependency named, no address. */
export function fromUnavailable(err: unknown): HttpProblem | undefined {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError)
    return retryLater(
      503,
      'the process did not answer in time; the request may still take effect: retry it with the same Idempotency-Key to learn its outcome',
      5,
    );
  if (err instanceof ProcessesUnavailableError)
    return retryLater(503, `the engine's processes cannot run now (${err.reason}); retry shortly`, 10);
  const e = err as { code?: unknown; cause?: { code?: unknown }; message?: unknown } | null;
  if (!e || typeof e !== 'object') return undefined;
  const code = e.code ?? e.cause?.code;
  if (
    (typeof code === 'string' && DB_DOWN_CODES.has(code)) ||
    (typeof e.message === 'string' && DB_DOWN_MESSAGES.test(e.message))
  )
    return retryLater(503, 'the database is unavailable; retry shortly', 5);
  if (isGrpcServiceError(err) && GRPC_UNAVAILABLE.has(err.code))
    return retryLater(503, 'the workflow service is unavailable; retry shortly', 5);
  if (err instanceof ServiceError && isGrpcServiceError(err.cause) && GRPC_UNAVAILABLE.has(err.cause.code))
    return retryLater(503, 'the workflow service is unavailable; retry shortly', 5);
  return undefined;
}

function fromDatabase(err: unknown): HttpProblem | undefined {
  if (err instanceof UniqueConstraintViolationException)
    return conflict('a record with the same identity exists already');
  if (err instanceof ForeignKeyConstraintViolationException) return unprocessable('a referenced record does not exist');
  return undefined;
}

export const toProblem = (err: unknown): HttpProblem | undefined =>
  err instanceof HttpProblem
    ? err
    : (fromTemporal(err) ??
      fromUnavailable(err) ??
      (typeof err === 'object' && err ? fromMiddleware(err) : undefined) ??
      fromDatabase(err));

export function sendProblem(res: Response, p: HttpProblem): void {
  for (const [k, v] of Object.entries(p.headers ?? {})) res.setHeader(k, v);
  // The request's id (api/request-log.ts): what a user quotes and an operator finds in the logs.
  const requestId = requestIdOf(res.req);
  // Texts for a person in the language they read (Accept-Language, set by the web app).
  const lang = requestLanguage(res.req);
  res
    .status(p.status)
    .type('application/problem+json')
    .json({
      type: `about:blank`,
      title: p.title,
      status: p.status,
      ...(p.detail ? { detail: problemText(p.detail, lang) } : {}),
      ...(p.errors ? { errors: p.errors.map((e) => ({ ...e, message: problemText(e.message, lang) })) } : {}),
      ...(p.extra ?? {}),
      ...(requestId ? { instance: `urn:request:${requestId}`, requestId } : {}),
    });
}

export function problemHandler(logger: Logger): ErrorRequestHandler {
  // A dependency that is down fails every request: it is logged once per half minute, not each time.
  const lastLogged = new Map<string, number>();
  return (err, req, res, _next) => {
    // The request's own logger (api/request-log.ts): the line carries its requestId.
    const log = (req as { log?: Logger }).log ?? logger;
    const problem = toProblem(err);
    if (problem?.status === 503) {
      const now = Date.now();
      if (now - (lastLogged.get(problem.detail ?? '') ?? 0) > 30_000) {
        lastLogged.set(problem.detail ?? '', now);
        log.warn({ err, detail: problem.detail }, 'dependency unavailable (logged once per 30 s)');
      }
    }
    if (problem) return sendProblem(res, problem);
    // No stack traces leave the server: log it, answer with an opaque 500.
    log.error({ err, method: req.method, path: req.path }, 'unhandled error');
    sendProblem(res, new HttpProblem(500, 'Internal Server Error', 'an unexpected error occurred'));
  };
}
