// One cluster work plan's outputs for a biennium: the cluster's coordinators are reminded a lead
// (default P14D) before each output falls due unless it is done, and told once, with the secretariat,
// when it has passed its due date without reaching its target. Every saved plan version reaches it
// by update-with-start (the API's PUT), so a moved due date re-arms its timers (the notices' keys
// carry the date) and a removed output is forgotten. The database says whether an output is done.
// ID: workPlanOutputsWorkflowId(cluster, biennium) = work-plan-outputs:<cluster>:<biennium>. It ends
// once the biennium is over and nothing is pending; it continues as new after many rounds.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineUpdate,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { bienniumRange } from '../domain/biennium.js';
import { message } from '../domain/messages/index.js';
import { toCities, toSecretariat, type NotificationRequest, type Sender } from '../domain/notification.js';
import { outputEvents, workPlanOutputsWorkflowId, type OutputEvent } from '../domain/work-plan-output.js';
import {
  OutputsInputSchema,
  PlanSavedArgsSchema,
  type OutputsInput,
  type OutputsState,
  type PlanSavedArgs,
  type TrackedOutput,
} from '../domain/work-plan-output.contract.js';
import { activities, checkInput, refuse, tellingTheSecretariat, waitUntil } from './kit.js';

const acts = activities();

export const outputsStateQuery = defineQuery<OutputsState>('state');
export const planSavedUpdate = defineUpdate<OutputsState, [PlanSavedArgs]>('planSaved');

/** Rounds (saved versions and notice batches) after which a run continues as new. */
const ROUNDS_PER_RUN = 200;

const sender = (cluster: string, biennium: string): Sender => ({
  key: workPlanOutputsWorkflowId(cluster, biennium),
  noun: 'work-plan-output',
  resource: '/work-plans/timeline',
  cluster,
});

async function runOutputsWorkflow(input: OutputsInput): Promise<{ sent: number }> {
  checkInput(OutputsInputSchema, input, 'work plan outputs');
  const { cluster, biennium } = input;
  const from = sender(cluster, biennium);
  let outputs: TrackedOutput[] = input.outputs ?? [];
  let version = input.version ?? 0;
  let beforeDue = input.beforeDue;
  let sent: string[] = input.sent ?? [];
  let rounds = 0;
  /** Counts the versions taken: a wait ends when it moves. */
  let revision = 0;
  const endsAt = Date.parse(`${bienniumRange(biennium).end}T00:00:00Z`);

  const pending = (): OutputEvent[] => outputEvents(outputs, beforeDue).filter((e) => !sent.includes(e.id));
  const state = (): OutputsState => {
    const next = pending()[0];
    return {
      cluster,
      biennium,
      version,
      beforeDue,
      outputs,
      sent: [...sent],
      next: next ? { id: next.id, at: new Date(next.at).toISOString() } : null,
    };
  };
  setHandler(outputsStateQuery, state);
  setHandler(
    planSavedUpdate,
    (args) => {
      // A version older than the one in force (two saves racing) changes nothing; the same number
      // again replaces it (a save undone after its update was taken reuses the number).
      if (args.version >= version) {
        version = args.version;
        revision++;
        outputs = args.outputs.map(({ key, title, due }) => ({ key, title, due }));
        if (args.beforeDue) beforeDue = args.beforeDue;
        rounds++;
      }
      return state();
    },
    {
      validator: (args) => {
        const r = PlanSavedArgsSchema.safeParse(args);
        if (!r.success) throw refuse('BadRequest', `invalid plan: ${r.error.issues[0]?.message ?? ''}`);
      },
    },
  );

  for (;;) {
    const seen = revision;
    const changed = () => revision !== seen;
    const next = pending()[0];
    if (!next) {
      // Nothing left to tell: wait for a new version until the biennium is over.
      if (await waitUntil(endsAt, changed)) continue;
      break;
    }
    if (await waitUntil(next.at, changed)) continue;
    await tell(pending().filter((e) => e.at <= Date.now()));
    rounds++;
    if (rounds >= ROUNDS_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      const current = new Set(outputEvents(outputs, beforeDue).map((e) => e.id));
      await continueAsNew<typeof workPlanOutputsWorkflow>({
        cluster,
        biennium,
        beforeDue,
        outputs,
        version,
        sent: sent.filter((id) => current.has(id)),
      });
    }
  }
  await condition(allHandlersFinished);
  return { sent: sent.length };

  /** Tells of every event that has come: per output only the latest (a late notice supersedes its reminder). */
  async function tell(due: OutputEvent[]): Promise<void> {
    sent = [...sent, ...due.map((e) => e.id)];
    const latest = new Map<string, OutputEvent>();
    for (const e of due) latest.set(e.key, e);
    const events = [...latest.values()];
    const { owed, coordinators } = await acts.outputsOwed({
      cluster,
      biennium,
      outputs: events.map((e) => ({ key: e.key, due: e.due })),
    });
    const requests: NotificationRequest[] = [];
    for (const e of events) {
      const o = outputs.find((x) => x.key === e.key);
      if (!o || !owed.includes(e.key)) continue;
      const values = { title: o.title, cluster, biennium, due: { date: e.due } };
      const m = message(e.kind === 'reminder' ? 'work-plan-output.due-soon' : 'work-plan-output.late', values);
      const suffix = `:${e.key}:${e.due}`;
      requests.push(...toCities(from, coordinators, m, suffix));
      // The secretariat hears of every late output, and of a reminder when the cluster has no coordinator.
      if (e.kind === 'late' || !coordinators.length)
        requests.push(toSecretariat(from, m, `${m.kind.slice(m.kind.indexOf('.') + 1)}${suffix}:secretariat`));
    }
    if (requests.length) await acts.notify(requests);
  }
}

export async function workPlanOutputsWorkflow(input: OutputsInput): Promise<{ sent: number }> {
  return tellingTheSecretariat(
    sender(input.cluster, input.biennium),
    (reason) => message('work-plan-output.failed', { cluster: input.cluster, biennium: input.biennium, reason }),
    () => runOutputsWorkflow(input),
  );
}
