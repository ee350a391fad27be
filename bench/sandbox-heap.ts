// `node --expose-gc --import tsx bench/sandbox-heap.ts <bundle.js> <K>`: what one cached workflow
// costs the workflow thread's V8 heap. Creates K workflows in the SDK's reusable V8 context (the
// worker's default) the way the worker does (initRuntime, which imports the workflow modules), keeps
// them, and prints the heap growth per workflow after a full GC as JSON. Its own process, so nothing
// else is on the heap. Uses the SDK's internal sandbox class: a bench tool, not production code.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import v8 from 'node:v8';

const require = createRequire(import.meta.url);
const { ReusableVMWorkflowCreator } = require('@temporalio/worker/lib/workflow/reusable-vm.js') as {
  ReusableVMWorkflowCreator: {
    create(
      bundle: object,
      timeoutMs: number,
      activities: Set<string>,
      patch: undefined,
    ): Promise<{
      createWorkflow(opts: object): Promise<unknown>;
    }>;
  };
};

const [bundlePath, k] = process.argv.slice(2);
const K = Number(k) || 100;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const used = () => {
  gc();
  gc();
  return v8.getHeapStatistics().used_heap_size;
};
const code = readFileSync(bundlePath!, 'utf8');
const creator = await ReusableVMWorkflowCreator.create(
  { code, filename: 'workflow-bundle.js', sourceMap: { version: 3, sources: [], names: [], mappings: '' } },
  5000,
  new Set(),
  undefined,
);
const base = used();
const kept: unknown[] = [];
for (let i = 0; i < K; i++) {
  const now = new Date();
  kept.push(
    await creator.createWorkflow({
      info: {
        workflowType: 'pledgeWorkflow',
        workflowId: `pledge:${i}`,
        runId: `run-${i}`,
        firstExecutionRunId: `run-${i}`,
        taskQueue: 'bench',
        namespace: 'default',
        attempt: 1,
        historyLength: 3,
        historySize: 0,
        continueAsNewSuggested: false,
        searchAttributes: {},
        typedSearchAttributes: [],
        memo: {},
        unsafe: { isReplaying: false },
        startTime: now,
        runStartTime: now,
        priority: {},
      },
      randomnessSeed: [1, 2, 3, i],
      now: now.getTime(),
      showStackTraceSources: false,
    }),
  );
}
const after = used();
console.log(
  JSON.stringify({ workflows: kept.length, baseMb: base / 2 ** 20, perWorkflowKb: (after - base) / K / 1024 }),
);
