// The strategy's election defaults (domain/election.ts ELECTION_DEFAULTS; test/web/client.test.ts
// checks the copy), shown as placeholders when an election is opened.
export const ELECTION_DEFAULTS = {
  seats: 1,
  nominationWindow: 'P21D',
  nominationExtension: 'P14D',
  votingWindow: 'P14D',
  votingExtension: 'P7D',
  quorum: 0.5,
  termLimit: 2,
  tieBreakWindow: 'P7D',
} as const;

/** "P21D" → { days: 21 }; only the forms the strategy uses (days, weeks, hours, minutes, seconds). */
export function durationParts(
  d: string,
): { n: number; unit: 'days' | 'weeks' | 'hours' | 'minutes' | 'seconds' } | null {
  const m = /^P(?:(\d+)W|(\d+)D|T(?:(\d+)H|(\d+)M|(\d+)S))$/.exec(d);
  if (!m) return null;
  if (m[1]) return { n: Number(m[1]), unit: 'weeks' };
  if (m[2]) return { n: Number(m[2]), unit: 'days' };
  if (m[3]) return { n: Number(m[3]), unit: 'hours' };
  if (m[4]) return { n: Number(m[4]), unit: 'minutes' };
  return { n: Number(m[5]), unit: 'seconds' };
}
