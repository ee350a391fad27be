// Every workflow the engine's clients start carries a one-line summary for the Temporal UI's list
// (domain/visibility.ts workflowSummary), added here so no caller has to remember it.
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { workflowSummary } from '../domain/visibility.js';

export function summaryInterceptor(): WorkflowClientInterceptor {
  return {
    startWithDetails: (input, next) =>
      next({
        ...input,
        options: {
          ...input.options,
          staticSummary: input.options.staticSummary ?? workflowSummary(input.workflowType, input.options.args?.[0]),
        },
      }),
    startUpdateWithStart: (input, next) =>
      next({
        ...input,
        workflowStartOptions: {
          ...input.workflowStartOptions,
          staticSummary:
            input.workflowStartOptions.staticSummary ??
            workflowSummary(input.workflowType, input.workflowStartOptions.args?.[0]),
        },
      }),
  };
}
