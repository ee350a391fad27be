// What a browser test file stands on: the built web app, a database of its own (a copy of the run's
// template), the API with its worker, optionally a real SMTP server the outbox delivers to, and
// Chromium. Started together before the file's tests, stopped after them.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startTestApp, type TestApp } from './app.js';
import { anonymousContext, buildWebIfStale, launchBrowser } from './browser.js';
import { freshDatabase } from './fresh-database.js';
import { fixtures, httpClient, type Fixtures, type Http } from './http.js';
import { startSmtpSink, type SmtpSink } from './mail.js';
import { linkTokenFor, linksSent } from './session.js';

type Db = Awaited<ReturnType<typeof freshDatabase>>;

export interface WebStack {
  readonly app: TestApp;
  readonly db: Db;
  readonly browser: Browser;
  /** Only with `mail: true`. */
  readonly sink: SmtpSink;
  http: Http;
  fx: Fixtures;
}

/** The token of the first sign-in link in an e-mail's text. */
export const signInTokenIn = (text: string) => /\/app\/sign-in\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];

/**
 * A browser signed in as `address` the way a person is: asks for a link back to `next`, spends the one
 * e-mailed (the stack's SMTP sink) and lands on `next`.
 */
export async function signedIn(stack: WebStack, address: string, next: string): Promise<Page> {
  const before = linksSent(stack.sink, address);
  const asked = await fetch(`${stack.app.url}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: address, next }),
  });
  expect(asked.status).toBe(202);
  const token = await linkTokenFor(stack.sink, address, before);
  const context = await anonymousContext(stack.browser, stack.app.url);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error (${address}):`, e.message));
  await page.goto(`${stack.app.url}/app/sign-in?token=${token}`);
  await page.waitForURL((u) => u.pathname + u.search === next);
  return page;
}

export function useWebStack(opts: { mail?: boolean; env?: Record<string, string> } = {}): WebStack {
  const parts: { app?: TestApp; db?: Db; browser?: Browser; sink?: SmtpSink } = {};
  const get = <K extends keyof typeof parts>(k: K): NonNullable<(typeof parts)[K]> => {
    const v = parts[k];
    if (!v)
      throw new Error(`the web stack's ${k} is not started${k === 'sink' ? ' (useWebStack({ mail: true }))' : ''}`);
    return v as NonNullable<(typeof parts)[K]>;
  };
  const http = httpClient(() => get('app').url);
  beforeAll(async () => {
    // The outbox delivers every pending message of its database: a database of the file's own.
    const [, db, sink, browser] = await Promise.all([
      buildWebIfStale(),
      freshDatabase(),
      opts.mail ? startSmtpSink() : undefined,
      launchBrowser(),
    ]);
    Object.assign(parts, { db, sink, browser });
    parts.app = await startTestApp({
      orm: db.orm,
      ...(sink ? { smtpUrl: sink.url } : {}),
      ...(opts.env ? { env: opts.env } : {}),
    });
  }, 240_000);
  afterAll(async () => {
    await parts.browser?.close();
    await parts.app?.close();
    await parts.db?.drop();
    await parts.sink?.close();
  });
  return {
    get app() {
      return get('app');
    },
    get db() {
      return get('db');
    },
    get browser() {
      return get('browser');
    },
    get sink() {
      return get('sink');
    },
    http,
    fx: fixtures(http),
  };
}
