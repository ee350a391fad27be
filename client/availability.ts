// Whether the engine's processes can run now: the namespace exists and a worker polls the task
// queue. A request that would start or message a workflow is refused with 503 when they cannot,
// instead of waiting for a worker that is not there and taking effect long after it was answered.
import type { Client, Connection, WorkflowClientInterceptor } from '@temporalio/client';
import { isGrpcServiceError } from '@temporalio/client';
// A CommonJS package: its namespace object is the default export under Node's ESM loader.
import proto from '@temporalio/proto';

const { TaskQueueKind, TaskQueueType } = proto.temporal.api.enums.v1;

/** A worker's long poll is renewed within about a minute: an older poller is gone. */
const POLLER_FRESH_MS = 90_000;
/** Every call into Temporal from a request is bounded: a start in seconds. */
export const TEMPORAL_CALL_DEADLINE_MS = 10_000;
/**
 * An update waits for the workflow to run it. A worker that dies mid-request is replaced within
 * seconds and the update then completes; waiting that long beats answering an error for an update
 * the server has already admitted (it would still take effect later).
 */
export const TEMPORAL_UPDATE_DEADLINE_MS = 30_000;

export class ProcessesUnavailableError extends Error {
  constructor(readonly reason: 'no worker polling' | 'namespace missing' | 'temporal unreachable') {
    super(`the engine's processes cannot run now: ${reason}`);
  }
}

const GRPC_NOT_FOUND = 5;

export class WorkerAvailability {
  private known: { until: number; error: ProcessesUnavailableError | null } | undefined;

  constructor(
    private readonly service: () => Client['workflowService'],
    private readonly namespace: string,
    private readonly taskQueue: string,
  ) {}

  /** Resolves when a worker polls; the answer is kept 5 s when good, 1 s when not. */
  async check(fresh = false): Promise<void> {
    if (!fresh && this.known && this.known.until > Date.now()) {
      if (this.known.error) throw this.known.error;
      return;
    }
    const error = await this.probe();
    this.known = { until: Date.now() + (error ? 1_000 : 5_000), error };
    if (error) throw error;
  }

  private async probe(): Promise<ProcessesUnavailableError | null> {
    try {
      const res = await this.service().describeTaskQueue({
        namespace: this.namespace,
        taskQueue: { name: this.taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      const now = Date.now();
      const fresh = (res.pollers ?? []).some((p) => {
        const seconds = Number(p.lastAccessTime?.seconds ?? 0);
        return now - seconds * 1000 < POLLER_FRESH_MS;
      });
      return fresh ? null : new ProcessesUnavailableError('no worker polling');
    } catch (err) {
      if (isGrpcServiceError(err) && err.code === GRPC_NOT_FOUND)
        return new ProcessesUnavailableError('namespace missing');
      return new ProcessesUnavailableError('temporal unreachable');
    }
  }
}

/**
 * Client interceptor of the API: before a start or an update, a worker must be polling; every such
 * call runs under a deadline.
 */
export function availabilityInterceptor(
  availability: WorkerAvailability,
  connection: () => Connection,
): WorkflowClientInterceptor {
  const guarded = async <T>(ms: number, next: () => Promise<T>): Promise<T> => {
    await availability.check();
    return connection().withDeadline(Date.now() + ms, next);
  };
  const call = TEMPORAL_CALL_DEADLINE_MS;
  const update = TEMPORAL_UPDATE_DEADLINE_MS;
  return {
    startWithDetails: (input, next) => guarded(call, () => next(input)),
    startUpdate: (input, next) => guarded(update, () => next(input)),
    startUpdateWithStart: (input, next) => guarded(update, () => next(input)),
    signalWithStart: (input, next) => guarded(call, () => next(input)),
    signal: (input, next) => guarded(call, () => next(input)),
  };
}
