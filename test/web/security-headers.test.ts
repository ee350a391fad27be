// helmet's Content-Security-Policy against the two HTML pages the API serves, in real Chromium:
// the web app (its own module scripts, the <style> elements Mantine writes at run time) and
// Swagger UI at /docs (its own scripts, inline styles, data: icons) load and work with no violation.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { anonymousContext, buildWebIfStale, heading, launchBrowser, screenshot } from '../support/browser.js';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  await buildWebIfStale();
  app = await startTestApp({ worker: false });
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Everything the page reports as refused by the policy (console errors and violation events). */
async function watchViolations(page: Page): Promise<string[]> {
  const refused: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) refused.push(m.text());
  });
  page.on('pageerror', (e) => refused.push(`page error: ${e.message}`));
  await page.exposeFunction('reportViolation', (v: string) => refused.push(v));
  await page.addInitScript(() => {
    const d = (globalThis as unknown as { document: { addEventListener(t: string, f: (e: never) => void): void } })
      .document;
    d.addEventListener('securitypolicyviolation', (e: { violatedDirective: string; blockedURI: string }) =>
      (globalThis as unknown as { reportViolation(v: string): void }).reportViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
  return refused;
}

describe('Content-Security-Policy in the browser', () => {
  it('lets the web app load, style itself and run', async () => {
    const context = await anonymousContext(browser, app.url);
    const page = await context.newPage();
    const refused = await watchViolations(page);
    const response = await page.goto(`${app.url}/app/`);
    // Served by the API itself (with its headers), not by the test harness.
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
    await heading(page, 'Sign in');
    // Mantine's styles applied: its <style> elements were allowed.
    const styles = await page.locator('style').count();
    expect(styles).toBeGreaterThan(0);
    const button = page.getByRole('button').first();
    await button.waitFor({ state: 'visible' });
    const cursor = await button.evaluate(
      (b) => (globalThis as unknown as { getComputedStyle(e: unknown): { cursor: string } }).getComputedStyle(b).cursor,
    );
    expect(cursor).toBe('pointer');
    await screenshot(page, 'csp-web-app');
    expect(refused).toEqual([]);
    await context.close();
  });

  it('lets Swagger UI at /docs load the document and render its operations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const refused = await watchViolations(page);
    const response = await page.goto(`${app.url}/docs/`);
    expect(response!.headers()['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    await page.locator('.opblock-summary-path').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'csp-docs');
    // Swagger UI renders a long document's operations as the reader scrolls (a virtual list): every
    // path of the document must come into view on the way down.
    const seen = new Set<string>();
    for (let step = 0; step < 1_000; step++) {
      const paths = await page
        .locator('.opblock-summary-path')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-path') ?? ''));
      for (const p of paths) seen.add(p);
      const atEnd = await page.evaluate(() => {
        const w = globalThis as unknown as {
          scrollY: number;
          innerHeight: number;
          scrollBy(x: number, y: number): void;
        };
        const before = w.scrollY;
        w.scrollBy(0, w.innerHeight / 2);
        return w.scrollY === before;
      });
      if (atEnd) break;
      // Two frames: the list re-renders after the scroll event.
      await page.evaluate(
        () =>
          new Promise((done) => {
            const raf = (globalThis as unknown as { requestAnimationFrame(f: () => void): void }).requestAnimationFrame;
            raf(() => raf(() => done(undefined)));
          }),
      );
    }
    const document = (await (await fetch(`${app.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths).filter((p) => !seen.has(p))).toEqual([]);
    expect(refused).toEqual([]);
    await context.close();
  });
});
