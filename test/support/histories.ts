import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import type { History } from '@temporalio/common/lib/proto-utils.js';

export const HISTORIES_DIR = join(import.meta.dirname, '..', 'histories');

/**
 * With RECORD_HISTORIES=1, saves the run's event history to test/histories/<name>.json so the
 * replay test can prove later code still produces the same commands for it.
 */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  const history = await handle.fetchHistory();
  await writeFile(join(HISTORIES_DIR, `${name}.json`), historyToJSON(history as History));
}

export async function loadHistories(): Promise<{ name: string; history: History; workflowType: string }[]> {
  const files = (await readdir(HISTORIES_DIR)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (f) => {
      const history = historyFromJSON(JSON.parse(await readFile(join(HISTORIES_DIR, f), 'utf8')));
      const workflowType = history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? '';
      return { name: f.replace(/\.json$/, ''), history, workflowType };
    }),
  );
}
