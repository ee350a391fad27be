import { randomUUID } from 'node:crypto';
import { SECRETARIAT } from './app.js';

export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  token?: string | null;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

/** A small black-box HTTP client: JSON in, JSON (or text) out, secretariat token by default. */
export function httpClient(baseUrl: string | (() => string)) {
  const base = typeof baseUrl === 'string' ? () => baseUrl : baseUrl;
  const call = async <T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<HttpResult<T>> => {
    const token = opts.token === undefined ? SECRETARIAT : opts.token;
    const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...opts.headers };
    let body: string | undefined;
    if (opts.raw !== undefined) body = opts.raw;
    else if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(base() + path, { method, headers, body });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return {
      status: res.status,
      headers: res.headers,
      body: (type.includes('json') && text ? JSON.parse(text) : text) as T,
    };
  };
  return {
    call,
    get: <T = any>(path: string, o?: RequestOptions) => call<T>('GET', path, o),
    post: <T = any>(path: string, body?: unknown, o?: RequestOptions) => call<T>('POST', path, { ...o, body }),
    patch: <T = any>(path: string, body?: unknown, o?: RequestOptions) => call<T>('PATCH', path, { ...o, body }),
    put: <T = any>(path: string, body?: unknown, o?: RequestOptions) => call<T>('PUT', path, { ...o, body }),
    del: <T = any>(path: string, o?: RequestOptions) => call<T>('DELETE', path, o),
  };
}
export type Http = ReturnType<typeof httpClient>;

export const unique = (prefix: string): string => `${prefix} ${randomUUID().slice(0, 8)}`;

/** Registry fixtures through the API, as a secretariat would create them. */
export function fixtures(http: Http) {
  return {
    async city(overrides: Record<string, unknown> = {}): Promise<{ id: string; name: string; country: string }> {
      const r = await http.post('/cities', { name: unique('City'), country: 'DE', ...overrides });
      if (r.status !== 201) throw new Error(`city fixture: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    async member(cluster: string, cityId: string, expertise: string[] = ['sustainable development']) {
      const r = await http.post(`/clusters/${cluster}/members`, {
        cityId,
        representative: { name: 'Rep', email: `rep-${cityId.slice(0, 8)}@example.org`, expertise },
      });
      if (r.status !== 201) throw new Error(`member fixture: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    async donor(overrides: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
      const r = await http.post('/donors', { name: unique('Donor'), type: 'foundation', ...overrides });
      if (r.status !== 201) throw new Error(`donor fixture: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    async token(
      role: 'secretariat' | 'city' | 'donor' | 'viewer',
      extra: Record<string, unknown> = {},
    ): Promise<string> {
      const r = await http.post('/tokens', { role, label: `test ${role}`, ...extra });
      if (r.status !== 201) throw new Error(`token fixture: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token;
    },
  };
}

export type Fixtures = ReturnType<typeof fixtures>;
