// Restructuring the thematic clusters (seven became five in 2021): which open memberships move from
// each retiring cluster to its successor, which end with no successor, and which coordinator terms
// end with their cluster. Pure: the route loads the rows, this plans, the route applies the plan in
// one transaction. Preview and apply run the same planner, so what was previewed is what happens.

/** One retiring cluster and where its members go (null: the cluster has no successor). */
export interface Move {
  from: string;
  to: string | null;
}

export interface OpenMembership {
  cityId: string;
  cityName: string;
  cluster: string;
  since: string;
  representativeName: string;
  representativeEmail: string;
  representativeExpertise: string[];
}

export interface OpenTerm {
  cityId: string;
  cluster: string;
  termStart: string;
  termEnd: string;
}

export interface ClusterFacts {
  code: string;
  status: 'active' | 'retired';
}

/** What happens to one membership of a retiring cluster. */
export type MembershipOutcome =
  | 'moves' // a new membership in the successor, same representative
  | 'already_member' // the city is in the successor already: only the old one ends
  | 'merged' // another retiring cluster moves the same city to the same successor first
  | 'ends'; // no successor: the city leaves the cluster without a new one

export interface PlannedMembership {
  cityId: string;
  cityName: string;
  from: string;
  to: string | null;
  outcome: MembershipOutcome;
  representativeName: string;
  representativeEmail: string;
}

export interface Plan {
  effectiveOn: string;
  moves: Move[];
  memberships: PlannedMembership[];
  /** Coordinator terms of the retiring clusters still running on the effective date: they end then. */
  termsEnding: OpenTerm[];
  counts: { moves: number; alreadyMember: number; merged: number; ends: number; termsEnding: number };
}

export interface PlanProblem {
  path: string;
  message: string;
}

/** Refusals of a set of moves against the clusters as they are (field paths as the API reports them). */
export function checkMoves(moves: readonly Move[], clusters: ReadonlyMap<string, ClusterFacts>): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const sources = new Set(moves.map((m) => m.from));
  const seen = new Set<string>();
  moves.forEach((m, i) => {
    const at = `body.moves.${i}`;
    const from = clusters.get(m.from);
    if (!from) problems.push({ path: `${at}.from`, message: `no cluster ${m.from}` });
    else if (from.status !== 'active') problems.push({ path: `${at}.from`, message: `${m.from} is retired already` });
    if (seen.has(m.from)) problems.push({ path: `${at}.from`, message: `${m.from} is moved twice` });
    seen.add(m.from);
    if (m.to === null) return;
    const to = clusters.get(m.to);
    if (m.to === m.from) problems.push({ path: `${at}.to`, message: 'a cluster cannot succeed itself' });
    else if (!to) problems.push({ path: `${at}.to`, message: `no cluster ${m.to}` });
    else if (to.status !== 'active') problems.push({ path: `${at}.to`, message: `${m.to} is retired` });
    else if (sources.has(m.to)) problems.push({ path: `${at}.to`, message: `${m.to} is itself retiring` });
  });
  return problems;
}

/**
 * The plan: every open membership of a retiring cluster gets one outcome, in a stable order (moves
 * in the order given, cities by name), so a preview reads the same twice and a city in two retiring
 * clusters with one successor gets one new membership, not two.
 */
export function planRestructuring(
  effectiveOn: string,
  moves: readonly Move[],
  open: readonly OpenMembership[],
  terms: readonly OpenTerm[],
): Plan {
  const successorOf = new Map(moves.map((m) => [m.from, m.to]));
  const inTarget = new Set(open.filter((m) => !successorOf.has(m.cluster)).map((m) => `${m.cluster}|${m.cityId}`));
  const byName = (a: OpenMembership, b: OpenMembership) =>
    a.cityName.localeCompare(b.cityName, 'en') || a.cityId.localeCompare(b.cityId);
  const memberships: PlannedMembership[] = [];
  const placed = new Set<string>();
  for (const move of moves) {
    for (const m of open.filter((o) => o.cluster === move.from).sort(byName)) {
      const key = `${move.to}|${m.cityId}`;
      const outcome: MembershipOutcome =
        move.to === null ? 'ends' : inTarget.has(key) ? 'already_member' : placed.has(key) ? 'merged' : 'moves';
      if (outcome === 'moves') placed.add(key);
      memberships.push({
        cityId: m.cityId,
        cityName: m.cityName,
        from: move.from,
        to: move.to,
        outcome,
        representativeName: m.representativeName,
        representativeEmail: m.representativeEmail,
      });
    }
  }
  const termsEnding = terms
    .filter((t) => successorOf.has(t.cluster) && t.termStart <= effectiveOn && effectiveOn < t.termEnd)
    .sort((a, b) => a.cluster.localeCompare(b.cluster) || a.cityId.localeCompare(b.cityId));
  const count = (o: MembershipOutcome) => memberships.filter((m) => m.outcome === o).length;
  return {
    effectiveOn,
    moves: [...moves],
    memberships,
    termsEnding,
    counts: {
      moves: count('moves'),
      alreadyMember: count('already_member'),
      merged: count('merged'),
      ends: count('ends'),
      termsEnding: termsEnding.length,
    },
  };
}
