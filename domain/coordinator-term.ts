// Who coordinates a cluster on a given day (the same rule db/queries/coordinator-term.ts runs in SQL).
// Pure and deterministic.

export interface TermSpan {
  cityId: string;
  termStart: string;
  termEnd: string;
}

/** A city coordinates on `day` when termStart <= day < termEnd (dates as YYYY-MM-DD). */
export function currentCoordinators(terms: readonly TermSpan[], day: string): string[] {
  return [...new Set(terms.filter((t) => t.termStart <= day && day < t.termEnd).map((t) => t.cityId))].sort();
}
