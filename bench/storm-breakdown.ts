// Where a timer storm's time goes, for the parked bench: CPU per process and per thread over the
// storm's window (read from /proc, so the Temporal server and PostgreSQL count as well as this
// process), and what each workflow did after its timer fired, from its history: events, workflow
// tasks (and how many went to the normal queue after a sticky one timed out), activities, and how
// long each step waited or ran. Whether a task found its workflow cached is not in the history: the
// worker thread's CPU profile (BENCH_PROFILE, bench/thread-profile.ts) shows the cost of misses.
import { readdir, readFile } from 'node:fs/promises';
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';

const { temporal } = proto;
const T = temporal.api.enums.v1.EventType;
const { TaskQueueKind } = temporal.api.enums.v1;
const TICKS = 100; // USER_HZ: /proc times are in 1/100 s on Linux

/** user + system CPU ms of a process's (or thread's) stat line. */
const cpuMs = (stat: string) => {
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / TICKS;
};
const commOf = (stat: string) => stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
const parentOf = (stat: string) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);

/** CPU ms so far: this process by thread name, and its descendants (Temporal, PostgreSQL) by command. */
export async function cpuSnapshot(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const add = (k: string, ms: number) => (out[k] = (out[k] ?? 0) + ms);
  for (const tid of await readdir('/proc/self/task')) {
    const stat = await readFile(`/proc/self/task/${tid}/stat`, 'utf8').catch(() => null);
    if (stat) add(`self:${commOf(stat)}`, cpuMs(stat));
  }
  const stats = new Map<number, string>();
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
    if (stat) stats.set(Number(pid), stat);
  }
  const mine = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 20; hops++) {
      const s = stats.get(p);
      if (!s) return false;
      const parent = parentOf(s);
      if (parent === process.pid) return true;
      p = parent;
    }
    return false;
  };
  for (const [pid, stat] of stats) if (mine(pid)) add(commOf(stat), cpuMs(stat));
  return out;
}

/** CPU ms spent between two snapshots, largest first. */
export function cpuBetween(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(b)
      .map(([k, v]) => [k, Math.round(v - (a[k] ?? 0))] as const)
      .filter(([, v]) => v > 0)
      .sort((x, y) => y[1] - x[1]),
  );
}

type Event = proto.temporal.api.history.v1.IHistoryEvent;
const ms = (e: Event) => Number(e.eventTime!.seconds) * 1000 + Math.floor((e.eventTime!.nanos ?? 0) / 1e6);

export interface AfterTimer {
  events: number;
  workflowTasks: number;
  /** Workflow tasks scheduled on the normal queue (a sticky one timed out, or the worker asked to be off sticky). */
  normalQueueTasks: number;
  activities: number;
  localActivityMarkers: number;
  /** Steps, ms: fired → first task started, task started → completed (summed), activity scheduled → started, started → completed. */
  toFirstTaskMs: number;
  taskRunMs: number;
  taskWaitMs: number;
  activityWaitMs: number;
  activityRunMs: number;
  /** fired → the last event of interest (the notification's activity completed, or the workflow's end). */
  totalMs: number;
  eventTypes: Record<string, number>;
}

/** What a workflow did after its (first fired) timer: from its history. */
export function afterTimer(events: Event[]): AfterTimer | null {
  const fired = events.findIndex((e) => e.eventType === T.EVENT_TYPE_TIMER_FIRED);
  if (fired < 0) return null;
  const rest = events.slice(fired);
  const t0 = ms(rest[0]!);
  const r: AfterTimer = {
    events: 0,
    workflowTasks: 0,
    normalQueueTasks: 0,
    activities: 0,
    localActivityMarkers: 0,
    toFirstTaskMs: 0,
    taskRunMs: 0,
    taskWaitMs: 0,
    activityWaitMs: 0,
    activityRunMs: 0,
    totalMs: 0,
    eventTypes: {},
  };
  let scheduledAt = 0;
  let startedAt = 0;
  const activityScheduled = new Map<string, number>();
  const activityStarted = new Map<string, number>();
  let end = t0;
  for (const e of rest) {
    // Stop at the next timer the workflow starts (the overdue reminder's): that is the next reminder.
    if (e.eventType === T.EVENT_TYPE_TIMER_STARTED) break;
    r.events++;
    const name = T[e.eventType!]!.replace('EVENT_TYPE_', '');
    r.eventTypes[name] = (r.eventTypes[name] ?? 0) + 1;
    const t = ms(e);
    end = t;
    const id = String(e.eventId);
    switch (e.eventType) {
      case T.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED:
        scheduledAt = t;
        if (e.workflowTaskScheduledEventAttributes?.taskQueue?.kind !== TaskQueueKind.TASK_QUEUE_KIND_STICKY)
          r.normalQueueTasks++;
        break;
      case T.EVENT_TYPE_WORKFLOW_TASK_STARTED:
        r.workflowTasks++;
        if (r.workflowTasks === 1) r.toFirstTaskMs = t - t0;
        r.taskWaitMs += t - scheduledAt;
        startedAt = t;
        break;
      case T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
      case T.EVENT_TYPE_WORKFLOW_TASK_FAILED:
        r.taskRunMs += t - startedAt;
        break;
      case T.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT:
        // A sticky task no poller took in time (schedule-to-start) is rescheduled on the normal queue.
        if (e.workflowTaskTimedOutEventAttributes?.startedEventId?.toString() !== '0') r.taskRunMs += t - startedAt;
        break;
      case T.EVENT_TYPE_MARKER_RECORDED:
        r.localActivityMarkers++;
        break;
      case T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
        r.activities++;
        activityScheduled.set(id, t);
        break;
      case T.EVENT_TYPE_ACTIVITY_TASK_STARTED: {
        const s = String(e.activityTaskStartedEventAttributes?.scheduledEventId);
        r.activityWaitMs += t - (activityScheduled.get(s) ?? t);
        activityStarted.set(s, t);
        break;
      }
      case T.EVENT_TYPE_ACTIVITY_TASK_COMPLETED: {
        const s = String(e.activityTaskCompletedEventAttributes?.scheduledEventId);
        r.activityRunMs += t - (activityStarted.get(s) ?? t);
        break;
      }
    }
  }
  r.totalMs = end - t0;
  return r;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

/** Mean per workflow of every count, and median / p90 of every duration, over `ids`' histories. */
export async function stormHistories(client: Client, ids: string[], inFlight = 10) {
  const all: AfterTimer[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < ids.length) {
        const h = await client.workflow.getHandle(ids[next++]!).fetchHistory();
        const a = afterTimer(h.events ?? []);
        if (a) all.push(a);
      }
    }),
  );
  const mean = (k: keyof AfterTimer) => Number((all.reduce((s, a) => s + (a[k] as number), 0) / all.length).toFixed(2));
  const spread = (k: keyof AfterTimer) => ({
    p50: quantile(
      all.map((a) => a[k] as number),
      0.5,
    ),
    p90: quantile(
      all.map((a) => a[k] as number),
      0.9,
    ),
  });
  const eventTypes: Record<string, number> = {};
  for (const a of all)
    for (const [k, v] of Object.entries(a.eventTypes)) eventTypes[k] = (eventTypes[k] ?? 0) + v / all.length;
  return {
    workflows: all.length,
    perWorkflow: {
      events: mean('events'),
      workflowTasks: mean('workflowTasks'),
      normalQueueTasks: mean('normalQueueTasks'),
      activities: mean('activities'),
      localActivityMarkers: mean('localActivityMarkers'),
    },
    ms: {
      toFirstTask: spread('toFirstTaskMs'),
      taskWait: spread('taskWaitMs'),
      taskRun: spread('taskRunMs'),
      activityWait: spread('activityWaitMs'),
      activityRun: spread('activityRunMs'),
      total: spread('totalMs'),
    },
    eventTypes: Object.fromEntries(Object.entries(eventTypes).map(([k, v]) => [k, Number(v.toFixed(2))])),
  };
}
