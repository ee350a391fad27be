// What every workflow of the engine is built from: refusals with their HTTP meaning, the
// sleep-until-a-deadline-unless wait, and the activity proxy presets. Workflow code only: no I/O.
import type { UpdateDefinition } from '@temporalio/common';
import {
  ApplicationFailure,
  ContinueAsNew,
  TemporalFailure,
  condition,
  isCancellation,
  log,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
} from '@temporalio/workflow';
import { toSecretariat, type Sender } from '../domain/notification.js';
import type { MessageRef } from '../domain/messages/index.js';
import type { Activities } from '../activities/index.js';
import type { Refusal } from '../domain/refusal.js';
import type { ZodType } from 'zod';

/**
 * A refusal an update validator (or handler) throws: non-retryable, typed by its HTTP meaning
 * (domain/refusal.ts), with optional details the API puts into the problem document.
 */
export const refuse = (type: Refusal, message: string, details?: Record<string, unknown>): ApplicationFailure => {
  // The workflow logger (the worker's, through pino) is replay-safe: nothing is logged twice on replay.
  log.info('refused', { refusal: type, reason: message });
  return ApplicationFailure.create({ type, message, nonRetryable: true, ...(details ? { details: [details] } : {}) });
};

/**
 * Checks a workflow's input against the same domain schema the API used: a bad input (a caller
 * that skipped the API, an old client) fails the workflow at once, non-retryable, naming the field,
 * instead of failing every workflow task for ever. Only checks: the workflow goes on with `input`.
 */
export function checkInput<T>(schema: ZodType, input: T, what: string): T {
  const r = schema.safeParse(input);
  if (r.success) return input;
  const fields = r.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ');
  log.error('invalid input: the process fails at once', { what, fields });
  throw ApplicationFailure.create({
    type: 'InvalidInput',
    message: `invalid ${what} input: ${fields}`,
    nonRetryable: true,
  });
}

/**
 * Sleeps until `deadline` (epoch ms) unless `unless()` becomes true first; a deadline already past
 * returns at once. Resolves true when `unless()` ended the wait.
 */
export async function waitUntil(deadline: number, unless: () => boolean): Promise<boolean> {
  if (unless()) return true;
  const ms = deadline - Date.now();
  if (ms <= 0) return false;
  return condition(unless, ms);
}

/** Effects that may take a while (notifications to a whole cluster, result projections). */
export const activities = (): Activities =>
  proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: { maximumInterval: '30 seconds' } });

/**
 * Single-row upserts that a caller's update waits for: when a worker dies mid-write the attempt is
 * given up after this timeout (the server cannot tell a dead worker from a slow one), not a minute.
 */
export const writes = (): Activities =>
  proxyActivities<Activities>({ startToCloseTimeout: '10 seconds', retry: { maximumInterval: '10 seconds' } });

/**
 * A process's own short keyed writes as local activities: they complete inside the workflow task
 * that asks for them (no round trip through the server), which keeps an update's answer fast.
 * Same at-least-once retries as the others.
 */
export const localWrites = (): Activities =>
  proxyLocalActivities<Activities>({
    startToCloseTimeout: '30 seconds',
    localRetryThreshold: '10 seconds',
    retry: { maximumInterval: '30 seconds' },
  });

/** The argument of every process's `cancel` update. */
export interface CancelArgs {
  reason: string;
}

/**
 * The `cancel` update of a process: refused (Conflict) while `refusal()` names why it cannot be
 * cancelled any more; otherwise `cancel(reason)` records and tells, and the update answers `state()`.
 */
export function setCancelHandler<S>(
  update: UpdateDefinition<S, [CancelArgs]>,
  p: { refusal: () => string | null; cancel: (reason: string) => Promise<void>; state: () => S },
): void {
  setHandler(
    update,
    async ({ reason }) => {
      log.info('cancelled');
      await p.cancel(reason);
      return p.state();
    },
    {
      validator: (_args: CancelArgs) => {
        const why = p.refusal();
        if (why) throw refuse('Conflict', why);
      },
    },
  );
}

/**
 * Runs a process's body; when it fails (an activity's data error, an invalid input), the
 * secretariat is told what stopped and why (`failed(reason)`, the process's `<noun>.failed` message) before the workflow closes as failed. Cancellation and
 * continue-as-new pass through; a bug that fails workflow tasks is retried by Temporal as usual.
 */
export async function tellingTheSecretariat<T>(
  sender: Sender,
  failed: (reason: string) => MessageRef,
  body: () => Promise<T>,
): Promise<T> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof ContinueAsNew || isCancellation(err) || !(err instanceof TemporalFailure)) throw err;
    const reason = err.cause?.message ?? err.message;
    log.error('process failed: telling the secretariat', { reason });
    await activities().notify([toSecretariat(sender, failed(reason))]);
    throw err;
  }
}
