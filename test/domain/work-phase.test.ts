import { describe, expect, it } from 'vitest';
import { isBiennium } from '../../domain/biennium.js';
import { OpenWorkPhaseBody } from '../../domain/work-phase.js';

describe('work phase rules', () => {
  it('accepts bienniums like 2021-2023 only', () => {
    expect(isBiennium('2021-2023')).toBe(true);
    for (const p of ['2023-2021', '2021-2021', '2021', '21-23', '2021-2045', '2021–2023'])
      expect(isBiennium(p)).toBe(false);
  });

  it('opens a phase for a biennium', () => {
    expect(OpenWorkPhaseBody.safeParse({ biennium: '2021-2023' }).success).toBe(true);
    expect(OpenWorkPhaseBody.safeParse({ period: '2021-2023' }).success).toBe(false);
  });
});
