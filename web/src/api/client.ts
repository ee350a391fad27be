// The one API client: typed by schema.d.ts (generated from the engine's OpenAPI document), same
// origin, session cookie, CSRF header on writes, and a 401 hook that sends the reader to sign-in.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

export interface FieldError {
  path: string;
  message: string;
}
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

/** A problem document (or a network failure) thrown by `unwrap` and seen by queries and forms. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
  get status() {
    return this.problem.status;
  }
}

let csrfToken: string | null = null;
/** Set from GET /me (session.csrfToken); sent as X-CSRF-Token on every write. */
export function setCsrfToken(token: string | null | undefined) {
  csrfToken = token ?? null;
}

let onUnauthorized: (() => void) | null = null;
export function setUnauthorizedHandler(fn: (() => void) | null) {
  onUnauthorized = fn;
}

let language: string | null = null;
/** The reader's language (set by the i18n provider): the API writes field errors in it. */
export function setRequestLanguage(lang: string) {
  language = lang;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const session: Middleware = {
  onRequest({ request }) {
    if (WRITES.has(request.method) && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
    if (language) request.headers.set('Accept-Language', language);
    return request;
  },
  onResponse({ response, schemaPath }) {
    // Signing in is the one place where a 401 is an answer, not a reason to go and sign in.
    if (response.status === 401 && !schemaPath.startsWith('/auth/')) onUnauthorized?.();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(session);

/** The data of an openapi-fetch answer, or an ApiError carrying its problem document. */
export function unwrap<D>(r: { data?: D; error?: unknown; response: Response }): D {
  if (r.response.ok) return r.data as D;
  const e = r.error;
  const problem: Problem =
    e && typeof e === 'object' && 'status' in e
      ? (e as Problem)
      : { status: r.response.status, title: r.response.statusText, detail: typeof e === 'string' ? e : undefined };
  throw new ApiError(problem);
}
