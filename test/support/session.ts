// Signing in as a person does in the browser: ask for a link, read it from the SMTP sink, spend it,
// then call the API with the session cookie (and the CSRF header on writes).
import { expect } from 'vitest';
import type { SmtpSink } from './mail.js';

export interface SessionClient {
  cookie: string;
  csrf: string;
  setCookie: string;
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any }>;
}

const LINK = /\/app\/sign-in\?token=([A-Za-z0-9_-]+)/;

/** The sign-in token of the link e-mailed to `email` after the first `skip` such messages. */
export async function linkTokenFor(smtp: SmtpSink, email: string, skip = 0): Promise<string> {
  const mail = await smtp.waitFor(email, LINK, { skip });
  return LINK.exec(mail.text)![1]!;
}

/** How many sign-in links `email` has received so far. */
export const linksSent = (smtp: SmtpSink, email: string): number =>
  smtp.received.filter((m) => m.to.includes(email) && LINK.test(m.text)).length;

export async function redeem(
  base: string,
  token: string,
): Promise<{ status: number; body: any; setCookie: string | null }> {
  const res = await fetch(`${base}/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  return { status: res.status, body: await res.json(), setCookie: res.headers.get('set-cookie') };
}

export function sessionClient(base: string, setCookie: string, csrf: string): SessionClient {
  const cookie = setCookie.split(';')[0]!;
  return {
    cookie,
    csrf,
    setCookie,
    async call(method, path, body, headers = {}) {
      const write = method !== 'GET';
      const res = await fetch(base + path, {
        method,
        headers: {
          cookie,
          ...(write ? { origin: base, 'x-csrf-token': csrf } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return {
        status: res.status,
        body: text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text,
      };
    },
  };
}

/** Asks for a link for `email`, spends it and returns the signed-in client. */
export async function signIn(base: string, smtp: SmtpSink, email: string): Promise<SessionClient> {
  const before = linksSent(smtp, email);
  const asked = await fetch(`${base}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  expect(asked.status).toBe(202);
  const r = await redeem(base, await linkTokenFor(smtp, email, before));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return sessionClient(base, r.setCookie!, r.body.session.csrfToken);
}
