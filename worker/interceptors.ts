// What an activity error means for its retries. Temporal retries every failure by default; an
// error that comes from the data itself (a value PostgreSQL cannot hold, a broken constraint, a
// domain rule throwing on impossible input) fails the same way on every attempt, so retrying it
// for ever only hides it. Such errors become non-retryable: the workflow sees the failure at once.
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityInboundCallsInterceptor, ActivityInterceptorsFactory } from '@temporalio/worker';

/** SQLSTATE classes that no retry can fix: 22 data exception, 23 integrity violation, 42 syntax or access rule. */
const DATA_CLASSES = new Set(['22', '23', '42']);

export function isDataError(err: unknown): boolean {
  if (err instanceof RangeError || err instanceof TypeError) return true;
  const e = err as { code?: unknown; sqlState?: unknown; cause?: { code?: unknown } } | null;
  const state = [e?.sqlState, e?.code, e?.cause?.code].find(
    (c): c is string => typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c),
  );
  return state !== undefined && DATA_CLASSES.has(state.slice(0, 2));
}

const inbound: ActivityInboundCallsInterceptor = {
  async execute(input, next) {
    try {
      return await next(input);
    } catch (err) {
      if (err instanceof ApplicationFailure || !isDataError(err)) throw err;
      const message = err instanceof Error ? err.message : String(err);
      throw ApplicationFailure.create({
        type: 'DataError',
        message,
        nonRetryable: true,
        cause: err instanceof Error ? err : undefined,
      });
    }
  },
};

export const activityInterceptors: ActivityInterceptorsFactory = () => ({ inbound });
