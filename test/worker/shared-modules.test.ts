import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKFLOWS_PATH } from '../../worker/index.js';
import { DOMAIN_DIR, WORKFLOW_SHARED_PATH, domainModulesOf } from '../../worker/shared-modules.js';

describe('modules the workflow sandbox shares between workflows', () => {
  const used = domainModulesOf(WORKFLOWS_PATH);
  const shared = [...readFileSync(WORKFLOW_SHARED_PATH, 'utf8').matchAll(/^import \* as \w+ from '([^']+)';$/gm)]
    .map((m) => resolve(DOMAIN_DIR, '..', 'worker', m[1]!.replace(/\.js$/, '.ts')))
    .sort();

  it('are exactly the domain modules the workflows import: none copied per workflow, none extra', () => {
    for (const m of ['pledge.ts', 'workshop.contract.ts', 'messages/index.ts', 'schemas.ts', 'sha256.ts'])
      expect(used).toContain(`${DOMAIN_DIR}${m}`);
    // Imported only by the API, never by a workflow: not bundled, so not shared.
    expect(used).not.toContain(`${DOMAIN_DIR}fx-rate.ts`);
    expect(shared).toEqual(used);
  });

  it('hold no module-level mutable bindings, which one copy would leak from one workflow to the next', () => {
    const mutable = used.filter((f) => /^(?:export\s+)?(?:let|var)\s/m.test(readFileSync(f, 'utf8')));
    expect(mutable).toEqual([]);
  });
});
