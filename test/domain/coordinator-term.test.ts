import { describe, expect, it } from 'vitest';
import { currentCoordinators } from '../../domain/coordinator-term.js';

describe('coordinator terms', () => {
  it('counts a coordinator from term start (inclusive) to term end (exclusive)', () => {
    const terms = [
      { cityId: 'b', termStart: '2025-07-01', termEnd: '2027-07-01' },
      { cityId: 'a', termStart: '2023-07-01', termEnd: '2025-07-01' },
      { cityId: 'a', termStart: '2025-07-01', termEnd: '2027-07-01' },
    ];
    expect(currentCoordinators(terms, '2025-06-30')).toEqual(['a']);
    expect(currentCoordinators(terms, '2025-07-01')).toEqual(['a', 'b']);
    expect(currentCoordinators(terms, '2027-07-01')).toEqual([]);
  });
});
