// A biennium such as "2025-2027" runs from 1 July of its first year (aligned on 2019, the MDFM's
// launch) to 1 July of its last; mirrors domain/biennium.ts.
export function currentBiennium(today = new Date()): string {
  let y = today.getUTCFullYear();
  if (today.getUTCMonth() < 6) y -= 1;
  if ((y - 2019) % 2 !== 0) y -= 1;
  return `${y}-${y + 2}`;
}

export function bienniaAround(b: string, before = 3, after = 1): string[] {
  const y = Number(b.slice(0, 4));
  const out: string[] = [];
  for (let s = y - 2 * before; s <= y + 2 * after; s += 2) if (s >= 2019) out.push(`${s}-${s + 2}`);
  return out;
}
