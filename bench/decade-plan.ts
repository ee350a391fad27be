// The decade bench's plan: what happens in ten simulated years (pure and deterministic, from the sizes
// and a start day), and the reminders that plan must produce — computed from the plan and the
// processes' own domain rules, never from the outbox, so the outbox can be checked against it.
import { randomUUID } from 'node:crypto';
import { addDuration } from '../domain/duration.js';
import { ADVISORY_DEFAULTS, advisoryDueBy, advisorySessionProposalKey } from '../domain/advisory-session-proposal.js';
import { ELECTION_DEFAULTS, electionWorkflowId, termEnd as termEndOf } from '../domain/election.js';
import { COORDINATOR_MEETING_DEFAULTS, coordinatorMeetingWorkflowId } from '../domain/coordinator-meeting.js';
import { PLEDGE_DEFAULTS, instalmentReminders, pledgeWorkflowId, reminderSettings } from '../domain/pledge.js';
import { leadTimes } from '../domain/reminders.js';
import { WORKSHOP_DEFAULTS, workshopWorkflowId } from '../domain/workshop.js';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const dayOf = (ms: number) => iso(ms).slice(0, 10);
const midnight = (d: string) => Date.parse(`${d}T00:00:00Z`);
const plusYears = (ms: number, n: number) => {
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() + n);
  return d.getTime();
};

export interface Sizes {
  cities: number;
  donors: number;
  years: number;
}

export const CLUSTERS = 5;
/** Clusters 0 and 1 elect in odd years (1, 3, …), the other three in even ones: year 10 carries more than year 1. */
const FIRST_ELECTION_YEAR = (c: number) => (c < 2 ? 0 : 1);
/** An election opens 60 days (the cycle's lead time) before the term ends; terms end on day 150 of a year. */
const TERM_END_DAY = 150;
const INSTALMENT_MINOR = 2_500_000;

export interface PlannedCluster {
  code: string;
  cities: string[];
  /** The coordinator seeded before the decade (city 0), whose term ends at the first election's term start. */
  initialTerm: { cityId: string; termStart: string; termEnd: string };
}

export interface PlannedElection {
  cluster: string;
  termStart: string;
  workflowId: string;
  opensAt: number;
  nominees: string[];
  voters: { cityId: string; approve: string[] }[];
  nonVoters: string[];
  winner: string;
}

export interface PlannedWorkshop {
  workshopId: string;
  cluster: string;
  startAt: number;
  schedule: { startsAt: string; endsAt: string; timezone: string; onlineUrl: string; rsvpBy: string };
  answering: string[];
  silent: string[];
}

export interface PlannedMeeting {
  meetingId: string;
  createAt: number;
  at: string;
  reportDueAt: string;
  /** The coordinators the plan elected, by cluster on the meeting's creation day. */
  expected: { cluster: string; cityId: string }[];
  reporting: { cluster: string; cityId: string }[];
}

export interface PlannedInstalment {
  seq: number;
  due: string;
  amountMinor: number;
  /** When the receipt arrives (epoch ms): before or after the reminders, by the donor's habit. */
  paidAt: number;
}

export interface PlannedPledge {
  pledgeId: string;
  donorId: string;
  startAt: number;
  instalments: PlannedInstalment[];
  /** The secretariat reports to the donor 30 days after fulfilment (so no report reminder), or never. */
  reports: boolean;
}

export type Action =
  | { kind: 'pledge'; at: number; pledge: PlannedPledge }
  | { kind: 'receipt'; at: number; pledge: PlannedPledge; seq: number }
  | { kind: 'reported'; at: number; pledge: PlannedPledge }
  | { kind: 'nominate'; at: number; election: PlannedElection }
  | { kind: 'ballots'; at: number; election: PlannedElection }
  | { kind: 'workshop'; at: number; workshop: PlannedWorkshop }
  | { kind: 'rsvps'; at: number; workshop: PlannedWorkshop }
  | { kind: 'outcomes'; at: number; workshop: PlannedWorkshop }
  | { kind: 'meeting'; at: number; meeting: PlannedMeeting }
  | { kind: 'reports'; at: number; meeting: PlannedMeeting };

export interface Plan {
  sizes: Sizes;
  /** Midnight UTC that starts year 1; yearStarts[k] starts year k + 1, yearStarts[years] ends the decade. */
  yearStarts: number[];
  clusters: PlannedCluster[];
  donorIds: string[];
  elections: PlannedElection[];
  workshops: PlannedWorkshop[];
  meetings: PlannedMeeting[];
  pledges: PlannedPledge[];
  actions: Action[];
}

/** How late donor d pays instalment y, in days from its due date (negative: early), by a fixed habit. */
function paymentOffsetDays(d: number, y: number): number {
  const habit = (d * 31 + y * 17) % 10;
  if (habit < 2) return -20; // before the before-due reminder (P14D): no reminder
  if (habit < 5) return -5; // after it: one
  if (habit < 7) return 10; // after the first overdue reminder (P1D): two
  if (habit < 9) return 45; // after the second (P30D): three
  return 75; // after the escalation (P60D): four
}

export function buildPlan(sizes: Sizes, start: number): Plan {
  const { years } = sizes;
  const yearStarts = Array.from({ length: years + 1 }, (_, k) => plusYears(start, k));
  const end = yearStarts[years]!;
  const perCluster = Math.max(6, Math.floor(sizes.cities / CLUSTERS));
  const clusters: PlannedCluster[] = Array.from({ length: CLUSTERS }, (_, c) => {
    const cities = Array.from({ length: perCluster }, () => randomUUID());
    const firstTermStart = dayOf(yearStarts[FIRST_ELECTION_YEAR(c)]! + TERM_END_DAY * DAY);
    return {
      code: `D${randomUUID().slice(0, 7).toUpperCase()}`,
      cities,
      initialTerm: {
        cityId: cities[0]!,
        termStart: dayOf(plusYears(midnight(firstTermStart), -2)),
        termEnd: firstTermStart,
      },
    };
  });
  const actions: Action[] = [];

  // ---- elections: every two years per cluster, opened by the cluster's cycle 60 days before the term ends
  const elections: PlannedElection[] = [];
  for (const [c, cl] of clusters.entries()) {
    let termStart = cl.initialTerm.termEnd;
    for (let k = 0; ; k++) {
      const opensAt = midnight(termStart) - 60 * DAY;
      if (opensAt >= end) break;
      const n = cl.cities.length;
      // Three new nominees each time (never city 0, the seeded coordinator): no one reaches the term limit.
      const uniqueNominees = [0, 1, 2].map((j) => cl.cities[1 + ((3 * k + j) % (n - 1))]!);
      // About 70% vote (quorum 0.5); of the voters 3 in 5 approve the first nominee, so it wins outright.
      const voters: PlannedElection['voters'] = [];
      const nonVoters: string[] = [];
      cl.cities.forEach((cityId, i) => {
        if ((i * 7 + k + c) % 10 < 7) {
          const v = voters.length % 5;
          voters.push({ cityId, approve: [uniqueNominees[v < 3 ? 0 : Math.min(v - 2, uniqueNominees.length - 1)]!] });
        } else nonVoters.push(cityId);
      });
      if (voters.length < n * ELECTION_DEFAULTS.quorum) throw new Error(`plan: election ${cl.code} ${k} misses quorum`);
      const e: PlannedElection = {
        cluster: cl.code,
        termStart,
        workflowId: electionWorkflowId(cl.code, termStart),
        opensAt,
        nominees: uniqueNominees,
        voters,
        nonVoters,
        winner: uniqueNominees[0]!,
      };
      elections.push(e);
      // Nominations a day after opening; ballots a day after voting opens (21 days of nominations).
      actions.push({ kind: 'nominate', at: opensAt + DAY + HOUR, election: e });
      actions.push({ kind: 'ballots', at: opensAt + 22 * DAY + HOUR, election: e });
      termStart = termEndOf(termStart, ELECTION_DEFAULTS.termLength);
    }
  }
  /** Who coordinates `cluster` on `day` by the plan: the seeded coordinator, then each election's winner. */
  const coordinatorOn = (cl: PlannedCluster, day: string): string | undefined => {
    if (cl.initialTerm.termStart <= day && day < cl.initialTerm.termEnd) return cl.initialTerm.cityId;
    return elections.find(
      (e) => e.cluster === cl.code && e.termStart <= day && day < termEndOf(e.termStart, ELECTION_DEFAULTS.termLength),
    )?.winner;
  };

  // ---- a thematic workshop per cluster and year; half the cities answer at once, the rest are reminded
  const workshops: PlannedWorkshop[] = [];
  for (let y = 0; y < years; y++) {
    for (const [c, cl] of clusters.entries()) {
      const startAt = yearStarts[y]! + (30 + 3 * c) * DAY + 9 * HOUR;
      const rsvpBy = startAt + 40 * DAY;
      const w: PlannedWorkshop = {
        workshopId: randomUUID(),
        cluster: cl.code,
        startAt,
        schedule: {
          startsAt: iso(rsvpBy + 7 * DAY),
          endsAt: iso(rsvpBy + 7 * DAY + 8 * HOUR),
          timezone: 'Europe/Paris',
          onlineUrl: 'https://meet.example.org/decade',
          rsvpBy: iso(rsvpBy),
        },
        answering: cl.cities.filter((_, i) => (i + y) % 2 === 0),
        silent: cl.cities.filter((_, i) => (i + y) % 2 !== 0),
      };
      workshops.push(w);
      actions.push({ kind: 'workshop', at: startAt, workshop: w });
      actions.push({ kind: 'rsvps', at: startAt + 5 * DAY, workshop: w });
      // Outcomes two days after the event: before their reminder (P3D before P14D), so none is sent.
      actions.push({ kind: 'outcomes', at: rsvpBy + 9 * DAY + 9 * HOUR, workshop: w });
    }
  }

  // ---- a coordinators' meeting per year; the coordinators of clusters 0, 2, 4 report early, 1 and 3 never
  const meetings: PlannedMeeting[] = [];
  for (let y = 0; y < years; y++) {
    const createAt = yearStarts[y]! + 170 * DAY + 10 * HOUR;
    const at = createAt + 30 * DAY;
    const reportDueAt = at - addDuration(new Date(0), COORDINATOR_MEETING_DEFAULTS.reportLead).getTime();
    const day = dayOf(createAt);
    const expected = clusters.flatMap((cl) => {
      const cityId = coordinatorOn(cl, day);
      return cityId ? [{ cluster: cl.code, cityId }] : [];
    });
    const m: PlannedMeeting = {
      meetingId: randomUUID(),
      createAt,
      at: iso(at),
      reportDueAt: iso(reportDueAt),
      expected,
      reporting: expected.filter((r) => clusters.findIndex((cl) => cl.code === r.cluster) % 2 === 0),
    };
    meetings.push(m);
    actions.push({ kind: 'meeting', at: createAt, meeting: m });
    actions.push({ kind: 'reports', at: createAt + 2 * DAY, meeting: m });
  }

  // ---- donors: back-to-back pledges of 2 to 5 yearly instalments each across the decade
  const donorIds = Array.from({ length: sizes.donors }, () => randomUUID());
  const pledges: PlannedPledge[] = [];
  for (const [d, donorId] of donorIds.entries()) {
    const count = 2 + (d % 4);
    const dueDay = 60 + ((d * 3) % 250);
    for (let first = 0; first < years; first += count) {
      const instalments = Array.from({ length: count }, (_, i) => {
        const y = first + i;
        const due = dayOf(yearStarts[0]! + dueDay * DAY + (plusYears(yearStarts[0]!, y) - yearStarts[0]!));
        return {
          seq: i + 1,
          due,
          amountMinor: INSTALMENT_MINOR,
          paidAt: midnight(due) + paymentOffsetDays(d, y) * DAY + 11 * HOUR,
        };
      });
      const p: PlannedPledge = {
        pledgeId: randomUUID(),
        donorId,
        startAt: midnight(instalments[0]!.due) - 45 * DAY + 8 * HOUR,
        instalments,
        reports: d % 2 === 0,
      };
      pledges.push(p);
      actions.push({ kind: 'pledge', at: p.startAt, pledge: p });
      for (const i of instalments) actions.push({ kind: 'receipt', at: i.paidAt, pledge: p, seq: i.seq });
      if (p.reports) actions.push({ kind: 'reported', at: instalments.at(-1)!.paidAt + 30 * DAY, pledge: p });
    }
  }

  return {
    sizes,
    yearStarts,
    clusters,
    donorIds,
    elections,
    workshops,
    meetings,
    pledges,
    actions: actions.filter((a) => a.at < end).sort((a, b) => a.at - b.at),
  };
}

/**
 * Every reminder the plan must produce before the decade ends, as outbox keys (the processes' own
 * business keys). An election's vote reminders carry the instant its voting opened, which the plan
 * cannot know to the millisecond: they are given as `<election>:vote-reminder:#<n>:<city>` and the
 * outbox's keys are read the same way (see normalizeKey).
 */
export function expectedReminders(plan: Plan, electionIds: ReadonlyMap<string, string>): Set<string> {
  const end = plan.yearStarts.at(-1)!;
  const keys = new Set<string>();
  const s = reminderSettings();
  for (const p of plan.pledges) {
    const wid = pledgeWorkflowId(p.pledgeId);
    if (p.startAt >= end) continue;
    // Each reminder is sent unless its instalment was paid before it fell due (pledge workflow's plan()).
    for (const r of instalmentReminders(
      p.instalments.map((i) => ({
        seq: i.seq,
        due: i.due,
        amountMinor: i.amountMinor,
        paidMinor: 0,
        status: 'scheduled',
      })),
      s,
    )) {
      const paidAt = p.instalments[r.seq - 1]!.paidAt;
      if (r.at < end && r.at < paidAt) keys.add(`${wid}:${r.key}`);
    }
    // Fulfilled with the last receipt: the report is owed to the secretariat (report-owed patch) unless reported.
    const fulfilledAt = p.instalments.at(-1)!.paidAt;
    if (!p.reports && fulfilledAt < end) {
      const reportDue = addDuration(new Date(fulfilledAt), PLEDGE_DEFAULTS.reportDue).getTime();
      const owed = reportDue - addDuration(new Date(0), PLEDGE_DEFAULTS.beforeDue).getTime();
      if (owed < end) keys.add(`${wid}:report:owed`);
      if (reportDue < end) keys.add(`${wid}:report:overdue`);
    }
  }
  for (const w of plan.workshops) {
    if (w.startAt >= end) continue;
    const wid = workshopWorkflowId(w.workshopId);
    for (const at of leadTimes(Date.parse(w.schedule.rsvpBy), WORKSHOP_DEFAULTS.rsvpReminders, w.startAt)) {
      if (at >= end) continue;
      for (const cityId of w.silent) keys.add(`${wid}:rsvp-reminder:1:${iso(at)}:${cityId}`);
    }
  }
  for (const m of plan.meetings) {
    if (m.createAt >= end) continue;
    const wid = coordinatorMeetingWorkflowId(m.meetingId);
    const due = Date.parse(m.reportDueAt);
    const missing = m.expected.filter((r) => !m.reporting.includes(r));
    for (const at of leadTimes(due, COORDINATOR_MEETING_DEFAULTS.reportReminders, m.createAt)) {
      if (at >= end) continue;
      for (const r of missing) keys.add(`${wid}:report-reminder:${iso(at)}:${r.cluster}:${r.cityId}`);
    }
    if (missing.length && due < end) keys.add(`${wid}:reports-missing:secretariat`);
  }
  for (const e of plan.elections) {
    // Voting opens 21 days after the election (nominations, P21D); reminders at 0.5 and 0.9 of P14D.
    const votingOpens = e.opensAt + 21 * DAY;
    const id = electionIds.get(e.workflowId);
    ELECTION_DEFAULTS.reminderFractions.forEach((f, n) => {
      if (votingOpens + f * 14 * DAY >= end) return;
      for (const cityId of e.nonVoters) keys.add(`${id ?? e.workflowId}:vote-reminder:#${n + 1}:${cityId}`);
    });
    // The term's advisory session: proposed at its start, the secretariat reminded at P3M (none is held here).
    const dueBy = advisoryDueBy(e.termStart, ADVISORY_DEFAULTS.within);
    if (Date.parse(dueBy) < end) keys.add(`${advisorySessionProposalKey(e.cluster, e.termStart)}:overdue:secretariat`);
  }
  return keys;
}

/** Reminder keys of the outbox, read as expectedReminders writes them (null: not a reminder). */
export function reminderKeys(rows: readonly string[]): string[] {
  const out: string[] = [];
  const votes = new Map<string, Set<string>>();
  const voteRe = /^([0-9a-f-]{36}):vote-reminder:(\S+?Z):(.+)$/;
  for (const key of rows) {
    const v = voteRe.exec(key);
    if (v) {
      const at = votes.get(v[1]!) ?? new Set();
      at.add(v[2]!);
      votes.set(v[1]!, at);
    }
  }
  const ordinal = new Map([...votes].map(([id, ats]) => [id, [...ats].sort()]));
  for (const key of rows) {
    const v = voteRe.exec(key);
    if (v) out.push(`${v[1]}:vote-reminder:#${ordinal.get(v[1]!)!.indexOf(v[2]!) + 1}:${v[3]}`);
    else if (
      /^pledge:[^:]+:(inst\d+:(before-due|overdue\d+|escalation)|report:(owed|overdue|reminder))$/.test(key) ||
      /^workshop:[^:]+:(rsvp-reminder|outcomes-reminder|outcomes-overdue)/.test(key) ||
      /^coordinator-meeting:[^:]+:(report-reminder|reports-missing)/.test(key) ||
      /^advisory-session-proposal:.+:overdue:secretariat$/.test(key)
    )
      out.push(key);
  }
  return out;
}
