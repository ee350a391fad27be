// The web app's first page: the JavaScript a browser loads for the overview (the entry, its static
// imports, the overview route's chunk with its own and the charts it loads lazily), gzipped, against the 350 kB budget.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { WEB_DIR } from '../platform/web-build.js';
import type { Bench } from './support.js';

const BUDGET_KB = 350;

interface Chunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
}

export const bundleBench: Bench = {
  name: 'bundle',
  description: `JavaScript of the first page (entry + overview route), gzipped, against ${BUDGET_KB} kB`,
  needsTemporal: false,
  async run() {
    const out = await mkdtemp(join(tmpdir(), 'gnlc-bundle-'));
    try {
      await build({
        configFile: join(WEB_DIR, 'vite.config.ts'),
        logLevel: 'warn',
        build: { outDir: out, emptyOutDir: true, manifest: true },
      });
      const manifest = JSON.parse(await readFile(join(out, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;
      const files = new Set<string>();
      const add = (key: string) => {
        const c = manifest[key];
        if (!c || files.has(c.file)) return;
        files.add(c.file);
        for (const i of c.imports ?? []) add(i);
      };
      const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
      add(entry);
      const overview = Object.keys(manifest).find((k) => k.includes('pages/overview/overview'));
      if (!overview) throw new Error('no overview chunk in the manifest');
      add(overview);
      // The overview's charts load lazily, but they are part of the page as it is first seen.
      for (const d of manifest[overview]!.dynamicImports ?? []) add(d);
      let gz = 0;
      let raw = 0;
      for (const f of files) {
        if (!f.endsWith('.js')) continue;
        const bytes = await readFile(join(out, f));
        raw += bytes.length;
        gz += gzipSync(bytes, { level: 9 }).length;
      }
      const kb = (n: number) => Math.round(n / 102.4) / 10;
      return {
        table: {
          'first page JS (gzip)': `${kb(gz)} kB`,
          raw: `${kb(raw)} kB`,
          files: files.size,
          budget: `${BUDGET_KB} kB`,
        },
        details: { files: [...files], gzipBytes: gz, rawBytes: raw },
        ok: gz <= BUDGET_KB * 1024,
      };
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  },
};
