import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../domain/schemas.js';
import { clusterCycleWorkflowId } from '../../domain/cluster-cycle.js';
import {
  AppointBody,
  BallotBody,
  CancelBody,
  CreateElectionBody,
  ELECTION_DEFAULTS,
  ELECTION_STATUSES,
  LOT_METHOD,
  NOMINATION_STATUSES,
  NominationBody,
  TieBreakBody,
  canNominate,
  consecutiveTerms,
  decide,
  drawLot,
  electionWorkflowId,
  lotTickets,
  nominationOutcome,
  quorumMet,
  reminderTimes,
  tally,
  termEnd,
  validateBallot,
  type PriorTerm,
} from '../../domain/election.js';
import { sha256Hex } from '../../domain/sha256.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';
const D = '44444444-4444-4444-8444-444444444444';

const t = (cityId: string, termStart: string, termEnd: string): PriorTerm => ({ cityId, termStart, termEnd });

describe('constants', () => {
  it('lists election and nomination statuses and defaults', () => {
    expect(ELECTION_STATUSES).toEqual([
      'nominating',
      'voting',
      'awaiting_tie_break',
      'decided',
      'no_candidates',
      'cancelled',
    ]);
    expect(NOMINATION_STATUSES).toEqual(['pending_acceptance', 'accepted', 'withdrawn']);
    expect(ELECTION_DEFAULTS).toMatchObject({ seats: 1, quorum: 0.5, termLimit: 2, termLength: 'P2Y' });
    expect(ELECTION_DEFAULTS.reminderFractions).toEqual([0.5, 0.9]);
    expect(Object.isFrozen(ELECTION_DEFAULTS)).toBe(true);
  });
});

describe('eligibility', () => {
  const members = [A, B, C];
  const base = { members, termStart: '2025-07-01', termLimit: 2 };

  it('counts an unbroken chain of terms ending at the new term start', () => {
    const terms = [t(A, '2021-07-01', '2023-07-01'), t(A, '2023-07-01', '2025-07-01')];
    expect(consecutiveTerms(terms, A, '2025-07-01')).toBe(2);
  });

  it('stops counting at a gap in the chain', () => {
    const terms = [
      t(A, '2019-07-01', '2021-07-01'),
      t(B, '2021-07-01', '2023-07-01'),
      t(A, '2023-07-01', '2025-07-01'),
    ];
    expect(consecutiveTerms(terms, A, '2025-07-01')).toBe(1);
  });

  it('counts nothing when the last term does not end at the new term start', () => {
    expect(consecutiveTerms([t(A, '2021-07-01', '2023-07-01')], A, '2025-07-01')).toBe(0);
  });

  it('does not loop on malformed zero-length terms', () => {
    expect(consecutiveTerms([t(A, '2025-07-01', '2025-07-01')], A, '2025-07-01')).toBe(1);
  });

  it('allows a member city below the term limit', () => {
    const priorTerms = [t(A, '2023-07-01', '2025-07-01')];
    expect(canNominate({ ...base, nominee: A, priorTerms })).toEqual({ ok: true });
  });

  it('refuses a city that is not a member of the cluster', () => {
    expect(canNominate({ ...base, nominee: D, priorTerms: [] })).toEqual({ ok: false, reason: 'not_member' });
  });

  it('accepts members given as a Set', () => {
    expect(canNominate({ ...base, members: new Set(members), nominee: B, priorTerms: [] })).toEqual({ ok: true });
    expect(canNominate({ ...base, members: new Set(members), nominee: D, priorTerms: [] }).ok).toBe(false);
  });

  it('refuses a city that reached the limit of consecutive terms', () => {
    const priorTerms = [t(A, '2021-07-01', '2023-07-01'), t(A, '2023-07-01', '2025-07-01')];
    expect(canNominate({ ...base, nominee: A, priorTerms })).toEqual({ ok: false, reason: 'term_limit' });
  });

  it('allows a city whose terms were broken by another coordinator', () => {
    const priorTerms = [t(A, '2021-07-01', '2023-07-01'), t(B, '2023-07-01', '2025-07-01')];
    expect(canNominate({ ...base, nominee: A, priorTerms })).toEqual({ ok: true });
  });

  it('treats term limit 0 as no limit', () => {
    const priorTerms = [
      t(A, '2019-07-01', '2021-07-01'),
      t(A, '2021-07-01', '2023-07-01'),
      t(A, '2023-07-01', '2025-07-01'),
    ];
    expect(canNominate({ ...base, termLimit: 0, nominee: A, priorTerms })).toEqual({ ok: true });
  });

  it('applies a term limit of 1 to a single incumbent term', () => {
    const priorTerms = [t(A, '2023-07-01', '2025-07-01')];
    expect(canNominate({ ...base, termLimit: 1, nominee: A, priorTerms })).toEqual({ ok: false, reason: 'term_limit' });
  });
});

describe('nominationOutcome', () => {
  it('extends when fewer accepted nominees than seats', () => {
    expect(nominationOutcome({ accepted: 0, seats: 1, extended: false })).toBe('extend');
    expect(nominationOutcome({ accepted: 1, seats: 2, extended: false })).toBe('extend');
  });

  it('reports no candidates after an extension with nobody accepted', () => {
    expect(nominationOutcome({ accepted: 0, seats: 1, extended: true })).toBe('no_candidates');
  });

  it('elects by acclamation when accepted equals seats', () => {
    expect(nominationOutcome({ accepted: 1, seats: 1, extended: false })).toBe('acclamation');
    expect(nominationOutcome({ accepted: 2, seats: 2, extended: true })).toBe('acclamation');
  });

  it('elects the few by acclamation after an extension with fewer accepted than seats', () => {
    expect(nominationOutcome({ accepted: 1, seats: 3, extended: true })).toBe('acclamation');
  });

  it('goes to a vote when more accepted than seats', () => {
    expect(nominationOutcome({ accepted: 2, seats: 1, extended: false })).toBe('vote');
    expect(nominationOutcome({ accepted: 4, seats: 2, extended: true })).toBe('vote');
  });
});

describe('validateBallot', () => {
  const nominees = [A, B, C];

  it('accepts 1..seats distinct nominees and returns a copy', () => {
    const approve = [A, B];
    const r = validateBallot(approve, nominees, 2);
    expect(r).toEqual({ ok: true, approve: [A, B] });
    if (r.ok) expect(r.approve).not.toBe(approve);
  });

  it('rejects an empty ballot with 400', () => {
    expect(validateBallot([], nominees, 1)).toMatchObject({ ok: false, status: 400 });
  });

  it('rejects duplicates with 400', () => {
    expect(validateBallot([A, A], nominees, 2)).toMatchObject({ ok: false, status: 400 });
  });

  it('rejects more approvals than seats with 422', () => {
    const r = validateBallot([A, B], nominees, 1);
    expect(r).toMatchObject({ ok: false, status: 422 });
    if (!r.ok) expect(r.message).toMatch(/at most 1 nominee\b/);
  });

  it('rejects a non-nominee with 422 naming it', () => {
    const r = validateBallot([A, D], nominees, 2);
    expect(r).toMatchObject({ ok: false, status: 422 });
    if (!r.ok) expect(r.message).toContain(D);
  });
});

describe('quorumMet', () => {
  it('needs 4 of 7 for a 0.5 quorum', () => {
    expect(quorumMet(3, 7, 0.5)).toBe(false);
    expect(quorumMet(4, 7, 0.5)).toBe(true);
  });

  it('is met exactly at the boundary for an even electorate', () => {
    expect(quorumMet(5, 10, 0.5)).toBe(true);
    expect(quorumMet(4, 10, 0.5)).toBe(false);
  });

  it('avoids float error (0.7 of 10 needs 7, 0.29 of 100 needs 29)', () => {
    expect(quorumMet(7, 10, 0.7)).toBe(true);
    expect(quorumMet(6, 10, 0.7)).toBe(false);
    expect(quorumMet(29, 100, 0.29)).toBe(true);
  });

  it('is disabled by quorum 0', () => {
    expect(quorumMet(0, 7, 0)).toBe(true);
    expect(quorumMet(0, 0, 0)).toBe(true);
  });

  it('with no eligible voters is met only when quorum is 0', () => {
    expect(quorumMet(0, 0, 0.5)).toBe(false);
  });

  it('requires everyone for quorum 1', () => {
    expect(quorumMet(6, 7, 1)).toBe(false);
    expect(quorumMet(7, 7, 1)).toBe(true);
  });

  it('rejects a quorum outside 0..1', () => {
    expect(() => quorumMet(1, 2, 1.5)).toThrow(RangeError);
    expect(() => quorumMet(1, 2, Number.NaN)).toThrow(RangeError);
  });
});

describe('tally', () => {
  it('counts approvals for every nominee, zeros included, sorted by approvals then id', () => {
    const ballots = [
      { cityId: 'x', approve: [B] },
      { cityId: 'y', approve: [B, A] },
      { cityId: 'z', approve: [A] },
      { cityId: 'w', approve: [B] },
    ];
    expect(tally(ballots, [C, A, B])).toEqual([
      { cityId: B, approvals: 3 },
      { cityId: A, approvals: 2 },
      { cityId: C, approvals: 0 },
    ]);
  });

  it('counts only the last ballot of a city', () => {
    const ballots = [
      { cityId: 'x', approve: [A] },
      { cityId: 'x', approve: [B] },
    ];
    expect(tally(ballots, [A, B])).toEqual([
      { cityId: B, approvals: 1 },
      { cityId: A, approvals: 0 },
    ]);
  });

  it('ignores non-nominees and repeats within a ballot', () => {
    expect(tally([{ cityId: 'x', approve: [A, A, D] }], [A])).toEqual([{ cityId: A, approvals: 1 }]);
  });
});

describe('decide', () => {
  const tl = (...pairs: [string, number][]) => pairs.map(([cityId, approvals]) => ({ cityId, approvals }));

  it('elects the clear winner for one seat', () => {
    expect(decide(tl([A, 5], [B, 3]), 1)).toEqual({ elected: [A] });
  });

  it('elects everyone when nominees do not exceed seats', () => {
    expect(decide(tl([A, 0], [B, 0]), 2)).toEqual({ elected: [A, B] });
  });

  it('reports a two-way tie for a single seat', () => {
    expect(decide(tl([A, 4], [B, 4], [C, 1]), 1)).toEqual({ elected: [], tie: { candidates: [A, B], seatsLeft: 1 } });
  });

  it('reports a tie for the last of two seats, electing the sure winner', () => {
    expect(decide(tl([A, 6], [B, 4], [C, 4], [D, 1]), 2)).toEqual({
      elected: [A],
      tie: { candidates: [B, C], seatsLeft: 1 },
    });
  });

  it('reports a three-way tie for one seat', () => {
    expect(decide(tl([C, 2], [A, 2], [B, 2]), 1)).toEqual({
      elected: [],
      tie: { candidates: [A, B, C], seatsLeft: 1 },
    });
  });

  it('reports a three-way tie for two seats', () => {
    expect(decide(tl([A, 3], [B, 3], [C, 3]), 2)).toEqual({
      elected: [],
      tie: { candidates: [A, B, C], seatsLeft: 2 },
    });
  });

  it('has no tie when equal approvals are all inside the seats', () => {
    expect(decide(tl([A, 4], [B, 4], [C, 1]), 2)).toEqual({ elected: [A, B] });
  });

  it('sorts unsorted input itself', () => {
    expect(decide(tl([B, 1], [A, 9]), 1)).toEqual({ elected: [A] });
  });

  it('rejects a non-positive seat count', () => {
    expect(() => decide(tl([A, 1]), 0)).toThrow(RangeError);
  });
});

describe('drawLot', () => {
  const candidates = [A, B, C];

  it('picks the candidates with the lowest sha256(seed:cityId)', () => {
    const seed = 'election:HEALTH:2025-07-01';
    const expected = [...candidates].sort((x, y) => (sha256Hex(`${seed}:${x}`) < sha256Hex(`${seed}:${y}`) ? -1 : 1));
    expect(drawLot(candidates, 2, seed)).toEqual(expected.slice(0, 2));
    expect(LOT_METHOD).toBe('sha256(seed:cityId), lowest wins');
  });

  it('is reproducible and independent of candidate order', () => {
    expect(drawLot([C, A, B], 1, 's')).toEqual(drawLot(candidates, 1, 's'));
  });

  it('depends on the seed', () => {
    const winners = new Set(['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7'].map((s) => drawLot(candidates, 1, s)[0]));
    expect(winners.size).toBeGreaterThan(1);
  });

  it('publishes every ticket for re-checking, in draw order', () => {
    const tickets = lotTickets(candidates, 'seed');
    expect(tickets).toHaveLength(3);
    expect(tickets.map((x) => x.hash)).toEqual(tickets.map((x) => x.hash).sort());
    expect(tickets.find((x) => x.cityId === A)?.hash).toBe(sha256Hex(`seed:${A}`));
    expect(drawLot(candidates, 3, 'seed')).toEqual(tickets.map((x) => x.cityId));
  });

  it('returns nothing for zero seats and rejects negative seats', () => {
    expect(drawLot(candidates, 0, 's')).toEqual([]);
    expect(() => drawLot(candidates, -1, 's')).toThrow(RangeError);
  });
});

describe('dates and ids', () => {
  it('computes a two-year term end by default', () => {
    expect(termEnd('2023-07-01')).toBe('2025-07-01');
    expect(termEnd('2024-02-29')).toBe('2026-02-28');
    expect(termEnd('2024-01-31', 'P1M')).toBe('2024-02-29');
  });

  it('rejects an invalid term start', () => {
    expect(() => termEnd('2023-02-30')).toThrow(/2023-02-30/);
  });

  it('validates calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2023-7-1')).toBe(false);
  });

  it('builds workflow ids', () => {
    expect(electionWorkflowId('HEALTH', '2025-07-01')).toBe('election:HEALTH:2025-07-01');
    expect(clusterCycleWorkflowId('HEALTH')).toBe('cycle:HEALTH');
  });

  it('places reminders at fractions of the window', () => {
    expect(reminderTimes(1_000, 11_000)).toEqual([6_000, 10_000]);
    expect(reminderTimes(0, 100, [0.9, 0.25])).toEqual([25, 90]);
  });

  it('rejects reminder fractions outside (0,1) and inverted windows', () => {
    expect(() => reminderTimes(0, 100, [1])).toThrow(RangeError);
    expect(() => reminderTimes(100, 0)).toThrow(RangeError);
  });
});

describe('API schemas', () => {
  it('CreateElectionBody defaults seats to 1 and accepts the optional fields', () => {
    expect(CreateElectionBody.parse({ termStart: '2025-07-01' })).toEqual({ seats: 1, termStart: '2025-07-01' });
    const full = {
      seats: 2,
      termStart: '2025-07-01',
      nominationWindow: 'P21D',
      votingWindow: 'P14D',
      tieBreakWindow: 'PT5S',
      quorum: 0.6667,
      termLimit: 0,
    };
    expect(CreateElectionBody.parse(full)).toEqual(full);
  });

  it.each([
    ['seats 0', { seats: 0 }],
    ['seats 11', { seats: 11 }],
    ['fractional seats', { seats: 1.5 }],
    ['impossible date', { termStart: '2025-02-30' }],
    ['bad duration', { votingWindow: '14 days' }],
    ['quorum above 1', { quorum: 1.1 }],
    ['quorum with 5 decimals', { quorum: 0.12345 }],
    ['term limit 11', { termLimit: 11 }],
    ['unknown field', { foo: 1 }],
  ])('CreateElectionBody rejects %s', (_, patch) => {
    expect(CreateElectionBody.safeParse({ termStart: '2025-07-01', ...patch }).success).toBe(false);
  });

  it('CreateElectionBody explains a bad duration', () => {
    const r = CreateElectionBody.safeParse({ termStart: '2025-07-01', votingWindow: '2w' });
    expect(r.error?.issues[0]?.message).toMatch(/ISO 8601 duration/);
  });

  it('NominationBody requires a uuid and limits the statement', () => {
    expect(NominationBody.safeParse({ cityId: A, statement: 'We will serve.' }).success).toBe(true);
    expect(NominationBody.safeParse({ cityId: 'not-a-uuid' }).success).toBe(false);
    expect(NominationBody.safeParse({ cityId: A, statement: 'x'.repeat(2001) }).success).toBe(false);
    expect(NominationBody.safeParse({ cityId: A, extra: true }).success).toBe(false);
  });

  it('BallotBody requires 1..10 uuids', () => {
    expect(BallotBody.safeParse({ approve: [A] }).success).toBe(true);
    expect(BallotBody.safeParse({ approve: [] }).success).toBe(false);
    expect(BallotBody.safeParse({ approve: Array(11).fill(A) }).success).toBe(false);
    expect(BallotBody.safeParse({ approve: ['x'] }).success).toBe(false);
  });

  it('TieBreakBody requires at least one uuid', () => {
    expect(TieBreakBody.safeParse({ elected: [A, B] }).success).toBe(true);
    expect(TieBreakBody.safeParse({ elected: [] }).success).toBe(false);
  });

  it('CancelBody trims the reason and requires 3..500 characters', () => {
    expect(CancelBody.parse({ reason: '  merged  ' })).toEqual({ reason: 'merged' });
    expect(CancelBody.safeParse({ reason: '  ab  ' }).success).toBe(false);
    expect(CancelBody.safeParse({ reason: 'x'.repeat(501) }).success).toBe(false);
  });

  it('AppointBody requires 1..10 uuids and nothing else', () => {
    expect(AppointBody.safeParse({ cityIds: [A] }).success).toBe(true);
    expect(AppointBody.safeParse({ cityIds: [] }).success).toBe(false);
    expect(AppointBody.safeParse({ cityIds: [A], note: 'x' }).success).toBe(false);
  });
});
