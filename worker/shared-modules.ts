// Which modules the workflow sandbox evaluates once and shares, instead of once per workflow.
//
// With reuseV8Context (the SDK's default) every workflow gets its own copy of each module its code
// imports, unless the module was loaded before the first workflow (the bundler's preloadModules).
// Measured (bench/parked.ts, README "parked"): one parked workflow held 3.3 MB of the workflow
// thread's V8 heap, almost all of it domain/ (zod schemas built at module scope, the message
// catalogue) and zod itself; 600 parked workflows = 2 GB of a 3 GB RSS. Shared, 60 kB each.
//
// The SDK deep-freezes what it shares, and zod 4 (4.6.7) writes into a schema on its first reads
// and parses; three kinds of write, each settled before the freeze: members built on first read
// (worker/workflow-shared.ts reads them all), the cycle memoizer's `_zod.parse` (off in the
// sandbox: worker/zod-warm.ts) and a pattern's `lastIndex` (patterns swapped for copies the freeze
// cannot reach: worker/workflow-shared.ts). Every workflow test runs on this bundle.
//
// Only domain/ is shared: it is pure by rule (no I/O, no module-level mutable state), so one copy
// serves every workflow and nothing leaks from one to another. The SDK deep-freezes what it shares,
// which makes that rule enforced: a workflow writing to a shared export throws instead of leaking.
// workflows/ itself stays per workflow (its module scope may hold a workflow's own state).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DOMAIN_DIR = fileURLToPath(new URL('../domain/', import.meta.url));
/** Warms zod's lazy global config before the SDK freezes it (worker/zod-warm.ts). */
export const ZOD_WARM_PATH = fileURLToPath(new URL('./zod-warm.ts', import.meta.url));
/** Imports every domain module the workflows use, and settles their zod schemas (worker/workflow-shared.ts). */
export const WORKFLOW_SHARED_PATH = fileURLToPath(new URL('./workflow-shared.ts', import.meta.url));

const RELATIVE_IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+)'/g;

/** Every domain/ module reachable from `entry` by relative imports (type-only imports included: harmless). */
export function domainModulesOf(entry: string): string[] {
  const seen = new Set<string>();
  const found = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(RELATIVE_IMPORT)) {
      if (/^\s*(?:import|export)\s+type\s/.test(m[0])) continue;
      const target = resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts'));
      if (target.startsWith(DOMAIN_DIR)) found.add(target);
      if (target.startsWith(DOMAIN_DIR) || target.startsWith(dirname(entry))) visit(target);
    }
  };
  visit(entry);
  return [...found].sort();
}

/** The bundler's preloadModules: zod's warm-up first, then the pure domain modules workflows use, settled. */
export const SHARED_WORKFLOW_MODULES = [ZOD_WARM_PATH, WORKFLOW_SHARED_PATH];
