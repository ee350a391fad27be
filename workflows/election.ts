// One coordinator election of one cluster: nominations → (acclamation | voting) → decided, with
// extensions, reminders, tie-break and cancellation. ID: election:<CLUSTER>:<termStart>.
import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  log,
  setHandler,
  uuid4,
} from '@temporalio/workflow';
import { addDuration } from '../domain/duration.js';
import {
  LOT_METHOD,
  canNominate,
  decide,
  drawLot,
  lotTickets,
  nominationOutcome,
  quorumMet,
  reminderTimes,
  tally,
  validateBallot,
  type ElectionStatus,
  type NominationStatus,
  type Tie,
} from '../domain/election.js';
import type {
  BallotArgs,
  ElectionDeadlines,
  ElectionInput,
  ElectionOutcome,
  ElectionResults,
  ElectionState,
  NominateArgs,
  NominationState,
  NomineeArgs,
  ResultFlag,
} from '../domain/election.contract.js';
import {
  toCities as messagesToCities,
  toSecretariat as messageToSecretariat,
  type Sender,
} from '../domain/notification.js';
import { reminderTooLate } from '../domain/reminders.js';
import { message, type MessageRef } from '../domain/messages/index.js';

import { activities, checkInput, refuse, waitUntil as sleepUntil, writes as writeActivities } from './kit.js';
import { ElectionInputSchema } from '../domain/election.contract.js';
import { showInVisibility } from './visibility.js';

const acts = activities();
// Nominations and ballots are single-row upserts the caller's request waits for.
const writes = writeActivities();

export const nominateUpdate = defineUpdate<ElectionState, [NominateArgs]>('nominate');
export const acceptNominationUpdate = defineUpdate<ElectionState, [NomineeArgs]>('acceptNomination');
export const withdrawNominationUpdate = defineUpdate<ElectionState, [NomineeArgs]>('withdrawNomination');
export const castBallotUpdate = defineUpdate<{ cast: number; eligible: number }, [BallotArgs]>('castBallot');
export const breakTieUpdate = defineUpdate<ElectionState, [{ elected: string[] }]>('breakTie');
export const cancelElectionUpdate = defineUpdate<ElectionState, [{ reason: string }]>('cancel');
export const appointUpdate = defineUpdate<ElectionState, [{ cityIds: string[] }]>('appoint');
export const electionStateQuery = defineQuery<ElectionState>('state');

export async function electionWorkflow(input: ElectionInput): Promise<ElectionOutcome> {
  checkInput(ElectionInputSchema, input, 'election');
  const { electionId, cluster, settings } = input;
  const eligible = new Set(input.eligible);
  const nominations = new Map<string, NominationState>();
  const ballots = new Map<string, string[]>();
  const deadlines: ElectionDeadlines = {};
  let status: ElectionStatus = 'nominating';
  let results: ElectionResults | undefined;
  let cancelReason: string | undefined;
  let tie: Tie | undefined;
  let tieDecision: string[] | undefined;
  let appointed: string[] | undefined;

  const cancelled = () => status === 'cancelled';
  const iso = (ms: number) => new Date(ms).toISOString();
  const after = (duration: string, from = Date.now()) => addDuration(new Date(from), duration).getTime();
  const accepted = () => [...nominations.values()].filter((n) => n.status === 'accepted').map((n) => n.cityId);
  const turnout = () => ({ cast: ballots.size, eligible: eligible.size });
  const state = (): ElectionState => ({
    electionId,
    status,
    deadlines: { ...deadlines },
    nominees: [...nominations.values()],
    turnout: turnout(),
    ...(results ? { results } : {}),
    ...(cancelReason ? { cancelReason } : {}),
  });
  const persist = () => {
    showInVisibility({ status });
    return writes.saveElectionStatus({ electionId, status, deadlines, cancelReason: cancelReason ?? null });
  };
  const sender: Sender = { key: electionId, noun: 'election', resource: `/elections/${electionId}`, cluster };
  const toCities = (cities: Iterable<string>, m: MessageRef, keySuffix = '') =>
    messagesToCities(sender, cities, m, keySuffix);
  const toSecretariat = (m: MessageRef) => messageToSecretariat(sender, m);
  const instant = (at: string) => ({ instant: at });
  /** Sleeps until `deadline` (epoch ms) unless the election is cancelled first. */
  const waitUntil = (deadline: number) => sleepUntil(deadline, cancelled);

  const requireStatus = (expected: ElectionStatus, what: string) => {
    if (status !== expected) throw refuse('Conflict', `${what} is not possible while the election is ${status}`);
  };
  /**
   * By the clock, not only by the phase: when the workflow runs behind (a worker was down, a backlog),
   * a message can arrive after its deadline while the timer that ends the phase is still to be handled
   * in the same task. A validator's Date.now() is that task's time, i.e. when the message arrived.
   */
  const requireBefore = (deadline: string | undefined, what: string) => {
    if (deadline && Date.now() >= Date.parse(deadline)) throw refuse('Conflict', `${what} closed at ${deadline}`);
  };
  /** Accepting and withdrawing change a nomination's status and record it. */
  const setNomination = async (cityId: string, to: NominationStatus) => {
    const n = nominations.get(cityId)!;
    n.status = to;
    await writes.saveNomination({ electionId, cityId, status: to, nominatedBy: n.nominatedBy, statement: n.statement });
    return state();
  };
  const nominated = (cityId: string) => {
    const n = nominations.get(cityId);
    if (!n || n.status === 'withdrawn') throw refuse('NotFound', `city ${cityId} is not nominated`);
    return n;
  };

  setHandler(electionStateQuery, state);

  setHandler(
    nominateUpdate,
    async ({ cityId, by, statement }) => {
      const initial = by === cityId ? 'accepted' : 'pending_acceptance';
      nominations.set(cityId, { cityId, status: initial, nominatedBy: by, statement: statement ?? null });
      await writes.saveNomination({
        electionId,
        cityId,
        status: initial,
        nominatedBy: by,
        statement: statement ?? null,
      });
      if (initial === 'pending_acceptance') {
        await acts.notify(
          toCities([cityId], message('election.nominated', { cluster, closes: instant(deadlines.nominationsClose!) })),
        );
      }
      return state();
    },
    {
      validator: ({ cityId, by }) => {
        requireStatus('nominating', 'nominating');
        requireBefore(deadlines.nominationsClose, 'nominations');
        if (by !== null && !eligible.has(by))
          throw refuse('Forbidden', 'only member cities of the cluster may nominate');
        const check = canNominate({
          nominee: cityId,
          members: eligible,
          priorTerms: input.priorTerms,
          termStart: input.termStart,
          termLimit: settings.termLimit,
        });
        if (!check.ok) {
          throw refuse(
            'Invalid',
            check.reason === 'term_limit'
              ? `city ${cityId} has served the limit of ${settings.termLimit} consecutive terms`
              : `city ${cityId} is not a member of ${cluster}`,
          );
        }
        const prior = nominations.get(cityId);
        if (prior && prior.status !== 'withdrawn') throw refuse('Conflict', `city ${cityId} is already nominated`);
      },
    },
  );

  setHandler(acceptNominationUpdate, ({ cityId }) => setNomination(cityId, 'accepted'), {
    validator: ({ cityId, by }) => {
      requireStatus('nominating', 'accepting a nomination');
      requireBefore(deadlines.nominationsClose, 'nominations');
      const n = nominated(cityId);
      if (by !== cityId) throw refuse('Forbidden', 'only the nominated city may accept');
      if (n.status === 'accepted') throw refuse('Conflict', 'the nomination is already accepted');
    },
  });

  setHandler(withdrawNominationUpdate, ({ cityId }) => setNomination(cityId, 'withdrawn'), {
    validator: ({ cityId, by }) => {
      requireStatus('nominating', 'withdrawing');
      requireBefore(deadlines.nominationsClose, 'nominations');
      const n = nominated(cityId);
      if (by !== null && by !== cityId && by !== n.nominatedBy)
        throw refuse('Forbidden', 'only the nominee, its nominator or the secretariat may withdraw');
    },
  });

  setHandler(
    castBallotUpdate,
    async ({ cityId, approve }) => {
      // Counted from here on, even if the vote closes while the row is being written.
      ballots.set(cityId, approve);
      await writes.saveBallot({ electionId, cityId, approve });
      return turnout();
    },
    {
      validator: ({ cityId, approve }) => {
        requireStatus('voting', 'voting');
        requireBefore(deadlines.votingCloses, 'voting');
        if (!eligible.has(cityId)) throw refuse('Forbidden', `city ${cityId} is not eligible to vote in ${cluster}`);
        const check = validateBallot(approve, accepted(), settings.seats);
        if (!check.ok) throw refuse(check.status === 400 ? 'BadRequest' : 'Invalid', check.message);
      },
    },
  );

  setHandler(
    breakTieUpdate,
    async ({ elected }) => {
      tieDecision = elected;
      return state();
    },
    {
      validator: ({ elected }) => {
        requireStatus('awaiting_tie_break', 'breaking a tie');
        if (tieDecision) throw refuse('Conflict', 'the tie is already broken');
        const t = tie!;
        if (new Set(elected).size !== elected.length) throw refuse('BadRequest', 'a city is listed twice');
        if (elected.length !== t.seatsLeft)
          throw refuse('Invalid', `choose exactly ${t.seatsLeft} of the tied nominees`);
        const outsider = elected.find((c: string) => !t.candidates.includes(c));
        if (outsider) throw refuse('Invalid', `city ${outsider} is not one of the tied nominees`);
      },
    },
  );

  setHandler(
    appointUpdate,
    async ({ cityIds }) => {
      appointed = cityIds;
      return state();
    },
    {
      validator: ({ cityIds }) => {
        requireStatus('no_candidates', 'appointing');
        if (appointed) throw refuse('Conflict', 'coordinators are already appointed');
        if (new Set(cityIds).size !== cityIds.length) throw refuse('BadRequest', 'a city is listed twice');
        if (cityIds.length > settings.seats)
          throw refuse('Invalid', `at most ${settings.seats} coordinator(s) may be appointed`);
        const outsider = cityIds.find((c: string) => !eligible.has(c));
        if (outsider) throw refuse('Invalid', `city ${outsider} is not a member of ${cluster}`);
      },
    },
  );

  setHandler(
    cancelElectionUpdate,
    async ({ reason }) => {
      log.info('election cancelled', { from: status });
      status = 'cancelled';
      cancelReason = reason;
      await persist();
      await acts.notify(toCities(eligible, message('election.cancelled', { cluster, reason })));
      return state();
    },
    {
      validator: (_args: { reason: string }) => {
        if (status === 'decided' || status === 'cancelled')
          throw refuse('Conflict', `the election is already ${status}`);
      },
    },
  );

  const finish = async (): Promise<ElectionOutcome> => {
    await condition(allHandlersFinished);
    return {
      electionId,
      status: cancelled() ? 'cancelled' : 'decided',
      termStart: input.termStart,
      termEnd: input.termEnd,
      elected: results?.elected ?? [],
    };
  };

  const decideWith = async (elected: string[], flags: ResultFlag[], extra: Partial<ElectionResults> = {}) => {
    log.info('election decided', { from: status, elected, flags });
    status = 'decided';
    showInVisibility({ status });
    results = {
      elected,
      tallies: [],
      quorumMet: true,
      turnout: turnout(),
      flags,
      decidedAt: iso(Date.now()),
      ...extra,
    };
    await acts.recordElectionResult({
      electionId,
      cluster,
      termStart: input.termStart,
      termEnd: input.termEnd,
      results,
      appointed: flags.includes('appointed'),
    });
    return finish();
  };

  showInVisibility({ cluster, status });
  // ---- nominations
  deadlines.nominationsClose = iso(after(settings.nominationWindow));
  await persist();
  await acts.notify(
    toCities(eligible, message('election.nominations-open', { cluster, closes: instant(deadlines.nominationsClose) })),
  );
  await waitUntil(Date.parse(deadlines.nominationsClose));
  if (cancelled()) return finish();

  let outcome = nominationOutcome({ accepted: accepted().length, seats: settings.seats, extended: false });
  if (outcome === 'extend') {
    deadlines.nominationsExtended = true;
    deadlines.nominationsClose = iso(after(settings.nominationExtension));
    await persist();
    await acts.notify(
      toCities(
        eligible,
        message('election.nominations-extended', { cluster, closes: instant(deadlines.nominationsClose) }),
      ),
    );
    await waitUntil(Date.parse(deadlines.nominationsClose));
    if (cancelled()) return finish();
    outcome = nominationOutcome({ accepted: accepted().length, seats: settings.seats, extended: true });
  }

  if (outcome === 'no_candidates') {
    log.info('no candidates after the extension: waiting for an appointment');
    status = 'no_candidates';
    await persist();
    await acts.notify([toSecretariat(message('election.no-candidates', { cluster }))]);
    await condition(() => appointed !== undefined || cancelled());
    if (cancelled()) return finish();
    return decideWith(appointed!, ['appointed']);
  }
  if (outcome === 'acclamation') return decideWith(accepted(), ['acclamation']);

  // ---- voting
  log.info('voting opens', { candidates: accepted().length, seats: settings.seats });
  status = 'voting';
  const opens = Date.now();
  deadlines.votingOpens = iso(opens);
  deadlines.votingCloses = iso(after(settings.votingWindow, opens));
  await persist();
  await acts.notify(
    toCities(
      eligible,
      message('election.voting-open', { cluster, seats: settings.seats, closes: instant(deadlines.votingCloses) }),
    ),
  );

  const remindNonVoters = async (at: number) => {
    const pending = [...eligible].filter((c) => !ballots.has(c));
    await acts.notify(
      toCities(
        pending,
        message('election.vote-reminder', { cluster, closes: instant(deadlines.votingCloses!) }),
        `:${iso(at)}`,
      ),
    );
  };
  const runWindow = async (from: number) => {
    for (const at of reminderTimes(from, Date.parse(deadlines.votingCloses!), settings.reminderFractions)) {
      await waitUntil(at);
      if (cancelled()) return;
      if (!reminderTooLate(at, Date.parse(deadlines.votingCloses!), Date.now())) await remindNonVoters(at);
    }
    await waitUntil(Date.parse(deadlines.votingCloses!));
  };
  await runWindow(opens);
  if (cancelled()) return finish();

  if (!quorumMet(ballots.size, eligible.size, settings.quorum)) {
    deadlines.votingExtended = true;
    const from = Date.now();
    deadlines.votingCloses = iso(after(settings.votingExtension, from));
    await persist();
    await runWindow(from);
    if (cancelled()) return finish();
  }

  // Closing: no ballot is accepted past this line (the status changes before any await).
  const met = quorumMet(ballots.size, eligible.size, settings.quorum);
  const counted = tally(
    [...ballots.entries()].map(([cityId, approve]) => ({ cityId, approve })),
    accepted(),
  );
  const decision = decide(counted, settings.seats);
  const flags: ResultFlag[] = met ? [] : ['quorum_not_met'];
  if (!decision.tie) return decideWith(decision.elected, flags, { tallies: counted, quorumMet: met });

  log.info('tie: waiting for the secretariat to break it', { seatsLeft: decision.tie.seatsLeft });
  status = 'awaiting_tie_break';
  tie = decision.tie;
  deadlines.tieBreakBy = iso(after(settings.tieBreakWindow));
  await persist();
  await acts.notify([
    toSecretariat(
      message('election.tie', {
        cluster,
        candidates: { cities: tie.candidates },
        seats: tie.seatsLeft,
        by: instant(deadlines.tieBreakBy),
      }),
    ),
  ]);
  await sleepUntil(Date.parse(deadlines.tieBreakBy), () => tieDecision !== undefined || cancelled());
  if (cancelled()) return finish();
  if (tieDecision) {
    return decideWith([...decision.elected, ...tieDecision], [...flags, 'tie_broken_by_secretariat'], {
      tallies: counted,
      quorumMet: met,
    });
  }
  // uuid4() is deterministic in workflow code; the seed is published with the result.
  const seed = uuid4();
  const drawn = drawLot(tie.candidates, tie.seatsLeft, seed);
  return decideWith([...decision.elected, ...drawn], [...flags, 'lot'], {
    tallies: counted,
    quorumMet: met,
    lot: {
      seed,
      method: LOT_METHOD,
      candidates: tie.candidates,
      seatsLeft: tie.seatsLeft,
      tickets: lotTickets(tie.candidates, seed),
    },
  });
}
