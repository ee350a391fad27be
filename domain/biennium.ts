// The two-year span of the strategy and of the funding modality: a biennium such as "2021-2023".
// (A coordinator's two years are a `term`, with its own start and end dates: domain/election.ts.)
import { z } from 'zod';

const BIENNIUM = /^(\d{4})-(\d{4})$/;

export function isBiennium(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = BIENNIUM.exec(s);
  // From the 2019-2021 biennium; its last day (1 July of the second year) within LATEST_DATE (schemas.ts).
  return !!m && Number(m[2]) === Number(m[1]) + 2 && Number(m[1]) >= 2019 && Number(m[1]) <= 2098;
}

/**
 * A biennium ("2021-2023") runs from 1 July of its first year to 1 July of its last (end
 * exclusive), as the 2021–2023 strategy did from its adoption mid-2021.
 */
export function bienniumRange(b: string): { start: string; end: string } {
  if (!isBiennium(b)) throw new RangeError(`invalid biennium ${JSON.stringify(b)}`);
  const [y1, y2] = b.split('-');
  return { start: `${y1}-07-01`, end: `${y2}-07-01` };
}

export const BienniumString = z
  .string()
  .refine(isBiennium, {
    error: 'must be a biennium such as "2021-2023" (second year = first + 2), from 2019-2021 to 2098-2100',
  })
  .meta({ description: 'a biennium such as "2021-2023", from 2019-2021 to 2098-2100', pattern: '^\\d{4}-\\d{4}$' });
