// Typed client access to a cluster work plan's output reminders (workflows/work-plan-output.ts), for
// the API: every saved version is told to the biennium's workflow, started if it is not running.
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { OUTPUT_REMINDER_DEFAULTS, workPlanOutputsWorkflowId } from '../domain/work-plan-output.js';
import type { PlanSavedArgs } from '../domain/work-plan-output.contract.js';
import { planSavedUpdate, workPlanOutputsWorkflow } from '../workflows/work-plan-output.js';

export function planSaved(client: Client, taskQueue: string, cluster: string, biennium: string, plan: PlanSavedArgs) {
  const start = new WithStartWorkflowOperation(workPlanOutputsWorkflow, {
    workflowId: workPlanOutputsWorkflowId(cluster, biennium),
    taskQueue,
    args: [{ cluster, biennium, beforeDue: plan.beforeDue ?? OUTPUT_REMINDER_DEFAULTS.beforeDue }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  return client.workflow.executeUpdateWithStart(planSavedUpdate, { args: [plan], startWorkflowOperation: start });
}
