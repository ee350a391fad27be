// Real Chromium (playwright-core) on the built web app: build when stale, launch, serve /app/ when
// the API does not yet, sign in, check accessibility with axe-core, take screenshots.
import { createRequire } from 'node:module';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { expect } from 'vitest';

// Code run inside the page by page.evaluate: the browser's document (the Node project has no DOM lib).
declare const document: {
  documentElement: { scrollWidth: number; lang: string };
  querySelectorAll(s: string): { length: number };
  getAnimations(): {
    effect: { getComputedTiming(): { endTime?: number | string } } | null;
    finished: Promise<unknown>;
  }[];
};

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WEB = join(ROOT, 'web');
const DIST = join(WEB, 'dist');
export const ARTIFACTS = join(ROOT, 'test', 'artifacts');

export const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function newest(dir: string): Promise<number> {
  let latest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, await newest(path));
    else latest = Math.max(latest, (await stat(path)).mtimeMs);
  }
  return latest;
}

/** `vite build` when web/dist is missing or older than any source of the app. */
export async function buildWebIfStale(): Promise<void> {
  const built = await stat(join(DIST, 'index.html')).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  const sources = Math.max(
    await newest(join(WEB, 'src')),
    ...(await Promise.all(
      ['index.html', 'vite.config.ts', 'postcss.config.cjs', 'tsconfig.json'].map((f) =>
        stat(join(WEB, f)).then((s) => s.mtimeMs),
      ),
    )),
  );
  if (built > sources) return;
  const nodeEnv = process.env.NODE_ENV; // the config makes a build production; the test run stays 'test'
  try {
    await build({ configFile: join(WEB, 'vite.config.ts'), logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

export async function launchBrowser(): Promise<Browser> {
  // launch() gives every browser a fresh temporary profile (user-data-dir) of its own.
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: LAUNCH_ARGS,
    headless: true,
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/**
 * The API serves web/dist under /app/ once api/web-app.ts is in; until then (or if it does not
 * answer with the app) the context serves web/dist itself on the API's origin, SPA fallback included.
 */
export async function serveWebApp(context: BrowserContext, baseUrl: string): Promise<'api' | 'test'> {
  const probe = await fetch(`${baseUrl}/app/`).then(
    async (r) => (r.ok ? await r.text() : ''),
    () => '',
  );
  if (probe.includes('id="root"')) return 'api';
  await context.route(
    (url) => url.origin === new URL(baseUrl).origin && (url.pathname === '/app' || url.pathname.startsWith('/app/')),
    async (route) => {
      const path = new URL(route.request().url()).pathname.replace(/^\/app\/?/, '');
      let file = join(DIST, path);
      if (relative(DIST, file).startsWith('..')) return route.fulfill({ status: 404 });
      const found = await stat(file).then(
        (s) => s.isFile(),
        () => false,
      );
      if (!found) file = join(DIST, 'index.html');
      return route.fulfill({
        status: 200,
        body: await readFile(file),
        headers: { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' },
      });
    },
  );
  return 'test';
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  // Evaluated by the browser's debugger protocol, not as a <script> tag: the API's
  // Content-Security-Policy (api/http-policy.ts) rightly refuses inline scripts on its pages.
  if (!loaded) await page.evaluate(await readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(async () => {
    // A notice fading in is measured at its final colours: axe computes contrast from the opacity
    // of the moment. Finite transitions only (a loader spins forever).
    await Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
        .map((a) => a.finished.catch(() => undefined)),
    );
    const axe = (
      globalThis as unknown as { axe: { run(ctx?: unknown, opts?: unknown): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export const describeViolations = (vs: AxeViolation[]): string =>
  vs
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes
          .slice(0, 3)
          .map((n) => `  ${n.target.join(' ')} ${n.html.slice(0, 160)}`)
          .join('\n')}`,
    )
    .join('\n');

/** No serious or critical axe-core violation on the page as it is now; `label` names the page in a failure. */
export async function expectAxeClean(page: Page, label?: string): Promise<void> {
  const violations = await seriousViolations(page);
  const described = describeViolations(violations);
  expect(violations, label ? `${label}: ${described}` : described).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A page signed in with a Bearer token (what a token holder sees; no session cookie, no CSRF). */
export async function tokenContext(
  browser: Browser,
  baseUrl: string,
  token: string,
  viewport: keyof typeof VIEWPORTS = 'desktop',
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: VIEWPORTS[viewport],
    locale: 'en-GB',
    timezoneId: 'Europe/Paris',
  });
  const origin = new URL(baseUrl).origin;
  // Only the API's own requests carry the token, never the page's.
  await context.route(
    (url) => url.origin === origin && !url.pathname.startsWith('/app'),
    (route) => route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${token}` } }),
  );
  await serveWebApp(context, baseUrl);
  return context;
}

/** A context with no credentials, for the sign-in journey. */
export async function anonymousContext(
  browser: Browser,
  baseUrl: string,
  viewport: keyof typeof VIEWPORTS = 'desktop',
  locale = 'en-GB',
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport], locale, timezoneId: 'Europe/Paris' });
  await serveWebApp(context, baseUrl);
  return context;
}

/** Waits until the page's main heading reads `name`. */
export async function heading(page: Page, name: string | RegExp) {
  const h = page.getByRole('heading', { level: 1, name });
  await h.waitFor({ state: 'visible' });
  return h;
}

/**
 * Once the page has loaded: no serious or critical axe violation at desktop and at phone width, a
 * screenshot of each, and (with `noSideways`) nothing wider than the phone. Ends at desktop width.
 */
export async function checkBothWidths(page: Page, name: string, opts: { noSideways?: boolean } = {}): Promise<void> {
  await page.getByRole('status', { name: 'Loading…' }).first().waitFor({ state: 'detached' });
  await page.mouse.move(0, 0);
  for (const viewport of ['desktop', 'phone'] as const) {
    await page.setViewportSize(VIEWPORTS[viewport]);
    await expectAxeClean(page, `${name} ${viewport}`);
    await screenshot(page, `${name}-${viewport}`);
    if (viewport === 'phone' && opts.noSideways)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        VIEWPORTS.phone.width,
      );
  }
  await page.setViewportSize(VIEWPORTS.desktop);
}
