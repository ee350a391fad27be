// The web app is built into web/dist and served by the API. `npm start` builds it when it is missing
// or older than its sources, so a fresh clone needs no other step; an image builds it at image
// build time (and sets WEB_BUILD=never).
import { readdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Logger } from './logger.js';

export const WEB_DIR = fileURLToPath(new URL('../web/', import.meta.url));
export const WEB_DIST = join(WEB_DIR, 'dist');
const SOURCES = ['src', 'index.html', 'vite.config.ts', 'postcss.config.cjs'];

async function newest(path: string): Promise<number> {
  const s = await stat(path).catch(() => undefined);
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  const entries = await readdir(path);
  return Math.max(s.mtimeMs, ...(await Promise.all(entries.map((e) => newest(join(path, e))))));
}

/** Whether web/dist is missing or older than a source file of the web app. */
export async function webBuildStale(): Promise<boolean> {
  const built = await newest(join(WEB_DIST, 'index.html'));
  if (!built) return true;
  const sources = await Promise.all(SOURCES.map((s) => newest(join(WEB_DIR, s))));
  return Math.max(...sources) > built;
}

export async function ensureWebBuild(logger: Logger): Promise<void> {
  if (!(await webBuildStale())) return;
  const started = Date.now();
  logger.info('building the web app (web/dist is missing or stale)');
  // Vite is a development dependency: imported only when a build is needed.
  const { build } = await import('vite');
  await build({ configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn' });
  logger.info({ ms: Date.now() - started }, 'web app built');
}
