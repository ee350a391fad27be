import { fileURLToPath } from 'node:url';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { bundleWorkflows } from '../../worker/index.js';
import { loadHistories } from '../support/histories.js';
import { testDataConverter } from '../support/ballot-key.js';
import proto from '@temporalio/proto';
import { VISIBILITY_PATCH } from '../../workflows/visibility.js';
import { LOCAL_REMINDERS_PATCH, REPORT_OWED_PATCH } from '../../workflows/pledge.js';
import {
  ADVISORY_CURRENT_TERM_PATCH,
  ADVISORY_SESSION_PROPOSAL_PATCH,
} from '../../domain/advisory-session-proposal.js';

const { temporal } = proto;
type HistoryEvent = proto.temporal.api.history.v1.IHistoryEvent;

/** The patch ids a history's markers carry. */
const patchesOf = (events: HistoryEvent[]): string[] =>
  events.flatMap((e) =>
    (e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads ?? []).map((p) =>
      Buffer.from(p.data ?? new Uint8Array()).toString('utf8'),
    ),
  );

/** The activity types a history scheduled on the server, in order. */
const scheduledActivities = (events: HistoryEvent[]) =>
  events.flatMap((e) =>
    e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes.activityType?.name] : [],
  );

const WORKFLOW_TYPES = [
  'electionWorkflow',
  'clusterCycleWorkflow',
  'pledgeWorkflow',
  'campaignWorkflow',
  'workshopWorkflow',
  'coordinatorMeetingWorkflow',
  'surveyWorkflow',
  'partnershipWorkflow',
  'donorContactWorkflow',
  'progressReportCycleWorkflow',
  'reportingRequirementWorkflow',
  'membershipCallWorkflow',
  'membershipApplicationWorkflow',
  'workPlanOutputsWorkflow',
];

// Committed histories (RECORD_HISTORIES=1 npm test rewrites them) replayed against today's code:
// a DeterminismViolationError here means a change needs patched() before it can ship.
describe('replay of committed histories', () => {
  it('replays every history without a determinism violation, at least one per workflow type', async () => {
    const histories = await loadHistories();
    expect(new Set(histories.map((h) => h.workflowType))).toEqual(new Set(WORKFLOW_TYPES));
    const workflowBundle = await bundleWorkflows();
    const failures: string[] = [];
    const replays = histories.map((h) => ({ workflowId: h.name, history: h.history }));
    for await (const result of Worker.runReplayHistories(
      { workflowBundle, dataConverter: testDataConverter() },
      replays,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });

  // Histories from before the search attributes (workflows/visibility.ts) replay above without the
  // upserts; this one, recorded after, holds the patch marker and the upserts, and replays as well.
  it('has a history of the search-attribute path: its patch marker and upserts', async () => {
    const visible = (await loadHistories()).find((h) => h.name === 'pledge-visibility');
    const types = (visible?.history.events ?? []).map((e) => e.eventType);
    expect(types).toContain(temporal.api.enums.v1.EventType.EVENT_TYPE_MARKER_RECORDED);
    expect(
      types.filter((t) => t === temporal.api.enums.v1.EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES).length,
    ).toBeGreaterThanOrEqual(2);
    const patches = patchesOf(visible?.history.events ?? []);
    expect(patches.some((d) => d.includes(VISIBILITY_PATCH))).toBe(true);
  });

  // Pledge histories from before the report reminder changed direction replay above (they remind the
  // donor); this one, recorded after, holds the REPORT_OWED_PATCH marker and reminds the secretariat.
  it('has a history of the report-owed path: its patch marker', async () => {
    const owed = (await loadHistories()).find((h) => h.name === 'pledge-report-owed');
    const patches = patchesOf(owed?.history.events ?? []);
    expect(patches.some((d) => d.includes(REPORT_OWED_PATCH))).toBe(true);
  });

  // Pledge histories from before LOCAL_REMINDERS_PATCH replay above with each reminder's notification
  // as a remote activity; this one, recorded after, holds the marker and writes them as local
  // activities (markers), so no notify is scheduled on the server.
  it('has a history of the local-reminders path: its patch marker and no remote notify', async () => {
    const run = (await loadHistories()).find((h) => h.name === 'pledge-local-reminders');
    const events = run?.history.events ?? [];
    const patches = patchesOf(events);
    expect(patches.some((d) => d.includes(LOCAL_REMINDERS_PATCH))).toBe(true);
    const remote = scheduledActivities(events);
    expect(remote).not.toContain('notify');
  });

  // Cluster cycle histories from before advisory session proposals (cluster-cycle-term) replay above
  // without them; these, recorded after, hold the patch marker (the run that saw the term decided) and
  // the run it continued as, which proposes the session at the term's start and checks at its due date.
  it('has histories of the advisory-session path: its patch marker, then the proposal and the reminder', async () => {
    const histories = await loadHistories();
    const patchRun = histories.find((h) => h.name === 'cluster-cycle-advisory-patch');
    const patches = patchesOf(patchRun?.history.events ?? []);
    expect(patches.some((d) => d.includes(ADVISORY_SESSION_PROPOSAL_PATCH))).toBe(true);
    const next = histories.find((h) => h.name === 'cluster-cycle-advisory-reminder');
    const activities = scheduledActivities(next?.history.events ?? []);
    expect(activities).toEqual(expect.arrayContaining(['proposeAdvisorySession', 'remindAdvisorySession']));
  });

  // A cycle run that starts with a term it did not see decided reads the term's proposal and follows
  // it (ADVISORY_CURRENT_TERM_PATCH): the marker, the read and the reminder of an already proposed term.
  it('has a history of the current-term advisory path: its patch marker, the read, the reminder', async () => {
    const run = (await loadHistories()).find((h) => h.name === 'cluster-cycle-advisory-current-term');
    const events = run?.history.events ?? [];
    const patches = patchesOf(events);
    expect(patches.some((d) => d.includes(ADVISORY_CURRENT_TERM_PATCH))).toBe(true);
    const activities = scheduledActivities(events);
    expect(activities).toEqual(['loadCurrentTerm', 'advisoryOfTerm', 'remindAdvisorySession']);
  });

  // A running cycle signalled at worker start (ensureCycle) follows the term it carries: the signals,
  // the reads of the term and the proposal.
  it('has a history of the worker-start signal path: the signals, the reads, the proposal', async () => {
    const run = (await loadHistories()).find((h) => h.name === 'cluster-cycle-advisory-signal');
    const events = run?.history.events ?? [];
    expect(
      events.filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'followCurrentTerm'),
    ).toHaveLength(2);
    const activities = scheduledActivities(events);
    expect(activities).toEqual(['advisoryOfTerm', 'advisoryOfTerm', 'proposeAdvisorySession']);
  });

  // The harness itself must catch breakage: a changed copy of the election workflow (one timer more
  // before nominations open) replayed against the committed vote history is a determinism violation.
  it('fails with a DeterminismViolationError when a workflow changed without patched()', async () => {
    const vote = (await loadHistories()).find((h) => h.name === 'election-vote');
    expect(vote?.workflowType).toBe('electionWorkflow');
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('./changed/election.ts', import.meta.url)),
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} },
    });
    await expect(Worker.runReplayHistory({ workflowBundle }, vote!.history, 'election-vote')).rejects.toBeInstanceOf(
      DeterminismViolationError,
    );
  });
});
