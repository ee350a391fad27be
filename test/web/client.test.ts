// The web app's typed client is generated from the engine's OpenAPI document; the committed types
// must be the ones the document gives today (run `npm run web:client` when this fails).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateClientTypes } from '../../web/client-types.js';
import { ELECTION_DEFAULTS as DOMAIN_DEFAULTS } from '../../domain/election.js';
import { ELECTION_DEFAULTS as WEB_DEFAULTS } from '../../web/src/pages/elections/defaults.js';
import { currentBiennium } from '../../web/src/lib/biennium.js';
import { isBiennium } from '../../domain/biennium.js';
import {
  NOTE_REQUIRED as DOMAIN_NOTE,
  RECEIVING_STATUSES as DOMAIN_RECEIVING,
  TRANSITIONS as DOMAIN_TRANSITIONS,
} from '../../domain/pledge.js';
import { NOTE_REQUIRED, RECEIVING_STATUSES, TRANSITIONS } from '../../web/src/pages/pledges/transitions.js';

describe('web client', () => {
  it('has committed types equal to the generated ones', async () => {
    const committed = await readFile(new URL('../../web/src/api/schema.d.ts', import.meta.url), 'utf8');
    expect(committed === (await generateClientTypes()), 'web/src/api/schema.d.ts is stale: npm run web:client').toBe(
      true,
    );
  });

  it('shows the strategy election defaults as placeholders', () => {
    for (const [k, v] of Object.entries(WEB_DEFAULTS))
      expect([k, v]).toEqual([k, (DOMAIN_DEFAULTS as Record<string, unknown>)[k]]);
  });

  it('offers the pledge moves the API accepts', () => {
    expect(TRANSITIONS).toEqual({ ...DOMAIN_TRANSITIONS });
    expect(NOTE_REQUIRED).toEqual([...DOMAIN_NOTE]);
    expect(RECEIVING_STATUSES).toEqual([...DOMAIN_RECEIVING]);
  });

  it('computes the current biennium as the API understands it', () => {
    for (const d of ['2021-07-01', '2023-06-30', '2026-12-01', '2027-07-01'])
      expect(isBiennium(currentBiennium(new Date(`${d}T12:00:00Z`)))).toBe(true);
    expect(currentBiennium(new Date('2026-12-01T00:00:00Z'))).toBe('2025-2027');
    expect(currentBiennium(new Date('2027-06-30T00:00:00Z'))).toBe('2025-2027');
    expect(currentBiennium(new Date('2027-07-01T00:00:00Z'))).toBe('2027-2029');
  });
});
