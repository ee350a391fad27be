// The biennial rhythm of one cluster: the next coordinator election starts by itself `leadTime`
// before the current term ends; the secretariat may call one early. Continues-as-new each term.
// ID: cycle:<CLUSTER>.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  log,
  patched,
  setHandler,
  sleep,
  startChild,
  uuid4,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import { durationMs } from '../domain/duration.js';
import { CreateElectionBody, ELECTION_DEFAULTS, electionWorkflowId } from '../domain/election.js';
import { electionSettings } from '../domain/election.contract.js';
import type { CycleInput, CycleState, CycleTerm, ElectionRequest } from '../domain/cluster-cycle.js';
import { electionWorkflow } from './election.js';
import { activities, refuse } from './kit.js';
import { toSecretariat } from '../domain/notification.js';
import { message } from '../domain/messages/index.js';
import { showInVisibility } from './visibility.js';
import { workflowSummary } from '../domain/visibility.js';
import {
  ADVISORY_CURRENT_TERM_PATCH,
  ADVISORY_DEFAULTS,
  ADVISORY_SESSION_PROPOSAL_PATCH,
  advisoryDueBy,
  advisoryToFollow,
  isAdvisoryWithin,
  type AdvisoryPending,
} from '../domain/advisory-session-proposal.js';

const acts = activities();

export const requestElectionUpdate = defineUpdate<{ electionId: string; workflowId: string }, [ElectionRequest]>(
  'requestElection',
);
export const cycleStateQuery = defineQuery<CycleState>('state');
/**
 * Sent at every worker start (client/cluster-cycle.ts ensureCycle): follow the current term's advisory
 * session if nothing in this run does — for a run that began before ADVISORY_CURRENT_TERM_PATCH, whose
 * start never checked. A new handler issues no command until the signal comes: old histories replay as before.
 */
export const followCurrentTermSignal = defineSignal('followCurrentTerm');

interface Active {
  electionId: string;
  workflowId: string;
  handle: ChildWorkflowHandle<typeof electionWorkflow>;
}

export async function clusterCycleWorkflow(input: CycleInput): Promise<void> {
  const { cluster } = input;
  const leadTime = input.leadTime ?? ELECTION_DEFAULTS.leadTime;
  const termLength = input.termLength ?? ELECTION_DEFAULTS.termLength;
  let term: CycleTerm | null = input.term ?? null;
  let loaded = input.initialized === true;
  let autoDoneFor = input.autoDoneFor;
  let active: Active | null = null;
  let starting = false;
  // A new term's advisory session: proposed when the term starts, a reminder at its due date.
  let advisory: AdvisoryPending | undefined = input.advisory;
  showInVisibility({ cluster });

  const nextElectionAt = (): number | null =>
    term && autoDoneFor !== term.termEnd ? Date.parse(`${term.termEnd}T00:00:00Z`) - durationMs(leadTime) : null;

  /** Opens and starts one election; `starting` keeps a second request out meanwhile. */
  const start = async (req: ElectionRequest): Promise<{ electionId: string; workflowId: string }> => {
    starting = true;
    try {
      return await openAndStart(req);
    } finally {
      starting = false;
    }
  };
  const openAndStart = async (req: ElectionRequest): Promise<{ electionId: string; workflowId: string }> => {
    const electionId = uuid4();
    const workflowId = electionWorkflowId(cluster, req.termStart);
    const settings = electionSettings({ ...req.settings, termLength });
    // The row exists before the request is answered, so GET /elections/:id works at once.
    const opened = await acts.openElection({ electionId, workflowId, cluster, termStart: req.termStart, settings });
    const electionInput = {
      electionId,
      cluster,
      termStart: req.termStart,
      termEnd: opened.termEnd,
      settings,
      eligible: opened.eligible,
      priorTerms: opened.priorTerms,
    };
    const handle = await startChild(electionWorkflow, {
      workflowId,
      args: [electionInput],
      staticSummary: workflowSummary('electionWorkflow', electionInput),
    });
    active = { electionId, workflowId, handle };
    return { electionId, workflowId };
  };

  /**
   * The election's result, or null when its process failed: the cycle goes on (the secretariat can
   * open the election again at once), the election is closed as cancelled and the secretariat told.
   */
  async function electionOutcome(a: Active) {
    try {
      return await a.handle.result();
    } catch (err) {
      const reason =
        err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      log.error('election failed', { cluster, electionId: a.electionId, reason });
      await acts.saveElectionStatus({
        electionId: a.electionId,
        status: 'cancelled',
        deadlines: {},
        cancelReason: `the election's process failed: ${reason}`,
      });
      await acts.notify([
        toSecretariat(
          { key: a.workflowId, noun: 'election', resource: `/elections/${a.electionId}` },
          message('election.failed', { cluster, reason }),
        ),
      ]);
      return null;
    }
  }

  function refuseRequest(req: ElectionRequest): void {
    // The API's own schema: a request that bypassed it (or an old client) is refused, never started.
    const checked = CreateElectionBody.safeParse({ ...req.settings, termStart: req.termStart });
    if (!checked.success)
      throw refuse('Invalid', checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    if (active || starting) throw refuse('Conflict', `an election for ${cluster} is already running`);
    if (term && req.termStart <= term.termStart) {
      throw refuse('Invalid', `termStart must be after the current term's start (${term.termStart})`);
    }
  }

  setHandler(cycleStateQuery, () => {
    const next = nextElectionAt();
    const a = active as Active | null;
    return {
      cluster,
      term,
      nextElectionAt: next === null ? null : new Date(next).toISOString(),
      activeElection: a ? { electionId: a.electionId, workflowId: a.workflowId } : null,
    };
  });

  setHandler(
    requestElectionUpdate,
    async (req) => {
      // On a first run the term is still loading: check again once it is known.
      await condition(() => loaded);
      refuseRequest(req);
      return start(req);
    },
    { validator: refuseRequest },
  );

  /** Sleeps to the term's start, proposes its advisory session, sleeps to the due date, reminds unless one is held. */
  async function followAdvisory(a: AdvisoryPending): Promise<void> {
    const args = { cluster, termStart: a.termStart, termEnd: a.termEnd, dueBy: a.dueBy };
    try {
      if (!a.proposed) {
        const startsIn = Date.parse(`${a.termStart}T00:00:00Z`) - Date.now();
        if (startsIn > 0) await sleep(startsIn);
        await acts.proposeAdvisorySession(args);
        a.proposed = true;
      }
      const dueIn = Date.parse(a.dueBy) - Date.now();
      if (dueIn > 0) await sleep(dueIn);
      await acts.remindAdvisorySession(args);
    } catch (err) {
      log.error('advisory session proposal failed', { cluster, termStart: a.termStart, error: String(err) });
    }
    if (advisory === a) advisory = undefined;
  }
  // Only runs continued by a patched run carry `advisory`: older histories never reach this.
  if (advisory) void followAdvisory(advisory);

  /** Follows the advisory session of a term this run knows but did not see decided (one check at a time). */
  let checking = false;
  async function followCurrentTerm(): Promise<void> {
    if (advisory || !term || checking) return;
    checking = true;
    try {
      const current: CycleTerm = term;
      const facts = await acts.advisoryOfTerm({ cluster, termStart: current.termStart });
      const within = isAdvisoryWithin(input.advisoryWithin) ? input.advisoryWithin : ADVISORY_DEFAULTS.within;
      // A term decided meanwhile carries its own (set where it is decided).
      if (!advisory && term === current) {
        advisory = advisoryToFollow(current, within, Date.now(), facts);
        if (advisory) void followAdvisory(advisory);
      }
    } catch (err) {
      log.error('advisory session check failed', { cluster, error: String(err) });
    } finally {
      checking = false;
    }
  }
  setHandler(followCurrentTermSignal, () => void followCurrentTerm());

  // Handlers are registered before the first await so no early message is dropped.
  if (!loaded) {
    term = await acts.loadCurrentTerm({ cluster });
    loaded = true;
  }
  // Every term starts by an election of this cycle (an election the API opens, an appointment, and the
  // automatic one all run as its child), which proposes when it is decided (below). A term the cycle did not see decided —
  // decided before that patch, or the current term of a cycle started afresh — is followed from here,
  // unless its due date has passed; the proposal's business key keeps it to one row and one notice.
  if (!advisory && term && patched(ADVISORY_CURRENT_TERM_PATCH)) await followCurrentTerm();

  for (;;) {
    if (!active) {
      if (!starting) {
        const at = nextElectionAt();
        const requested =
          at === null
            ? await condition(() => active !== null || starting).then(() => true)
            : at > Date.now()
              ? await condition(() => active !== null || starting, at - Date.now())
              : false;
        if (!requested && term) {
          autoDoneFor = term.termEnd;
          try {
            await start({ termStart: term.termEnd, settings: {}, automatic: true });
          } catch (err) {
            // E.g. an election with that ID is still open: leave it to the secretariat, don't retry in a loop.
            log.error('automatic election could not start', { cluster, error: String(err) });
          }
        }
      }
      await condition(() => !starting);
      if (!active) continue;
    }
    const current = active as Active;
    const outcome = await electionOutcome(current);
    active = null;
    if (outcome?.status === 'decided') {
      term = { termStart: outcome.termStart, termEnd: outcome.termEnd };
      autoDoneFor = undefined;
      if (outcome.elected.length > 0 && patched(ADVISORY_SESSION_PROPOSAL_PATCH)) {
        const within = input.advisoryWithin ?? ADVISORY_DEFAULTS.within;
        advisory = {
          ...term,
          dueBy: advisoryDueBy(term.termStart, isAdvisoryWithin(within) ? within : ADVISORY_DEFAULTS.within),
          proposed: false,
        };
      }
    }
    // A new term, or a long history, starts a fresh run carrying only what the loop needs.
    if (outcome?.status === 'decided' || workflowInfo().continueAsNewSuggested) {
      await condition(() => allHandlersFinished() && !starting && active === null);
      log.info(outcome?.status === 'decided' ? 'new term: continuing as new' : 'long history: continuing as new', {
        cluster,
        term,
      });
      await continueAsNew<typeof clusterCycleWorkflow>({
        cluster,
        term,
        leadTime,
        termLength,
        autoDoneFor,
        initialized: true,
        // Absent (not undefined) when unset, so older runs continue with the same input as before.
        ...(input.advisoryWithin ? { advisoryWithin: input.advisoryWithin } : {}),
        ...(advisory ? { advisory } : {}),
      });
    }
  }
}
