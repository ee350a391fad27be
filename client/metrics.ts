// Counts what the API asks of Temporal (starts by workflow type, updates by name) for /metrics,
// whatever route asked: the interceptor sees every call, so no route has to remember to count.
import { WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { ProcessesUnavailableError } from './availability.js';

export type StartOutcome = 'started' | 'already_started' | 'unavailable' | 'failed';
export type UpdateOutcome = 'accepted' | 'refused' | 'unavailable' | 'failed';

export interface WorkflowCallRecorder {
  start(workflowType: string, outcome: StartOutcome): void;
  update(updateName: string, outcome: UpdateOutcome): void;
}

const startOutcome = (err: unknown): StartOutcome =>
  err instanceof WorkflowExecutionAlreadyStartedError
    ? 'already_started'
    : err instanceof ProcessesUnavailableError
      ? 'unavailable'
      : 'failed';

const updateOutcome = (err: unknown): UpdateOutcome =>
  err instanceof WorkflowUpdateFailedError
    ? 'refused'
    : err instanceof ProcessesUnavailableError
      ? 'unavailable'
      : 'failed';

async function counted<T>(run: () => Promise<T>, ok: (result: T) => void, failed: (err: unknown) => void): Promise<T> {
  try {
    const result = await run();
    ok(result);
    return result;
  } catch (err) {
    failed(err);
    throw err;
  }
}

/** Put before the availability interceptor, so a start refused for want of a worker is counted too. */
export function metricsInterceptor(record: WorkflowCallRecorder): WorkflowClientInterceptor {
  return {
    startWithDetails: (input, next) =>
      counted(
        () => next(input),
        () => record.start(input.workflowType, 'started'),
        (err) => record.start(input.workflowType, startOutcome(err)),
      ),
    // Update-with-start (a cluster's cycle asked for an election): the start and the update both count.
    startUpdateWithStart: (input, next) =>
      counted(
        () => next(input),
        () => {
          record.start(input.workflowType, 'started');
          record.update(input.updateName, 'accepted');
        },
        (err) => record.update(input.updateName, updateOutcome(err)),
      ),
    startUpdate: (input, next) =>
      counted(
        () => next(input),
        // A validator's refusal comes back as the update's outcome, not as an error, at this level.
        (out) => record.update(input.updateName, out.outcome?.failure ? 'refused' : 'accepted'),
        (err) => record.update(input.updateName, updateOutcome(err)),
      ),
  };
}
