// The peer-learning database: successes, challenges, practices and materials that workshops produce
// and member cities share. Pure.
import { z } from 'zod';
import { Prose, Text } from './schemas.js';
import { workshopWorkflowId } from './workshop.js';
import type { WorkshopOutcomes } from './workshop.contract.js';

export const PEER_KINDS = ['success', 'challenge', 'practice', 'material'] as const;
export type PeerKind = (typeof PEER_KINDS)[number];

export const PEER_SOURCES = ['workshop', 'city', 'secretariat'] as const;
export type PeerSource = (typeof PEER_SOURCES)[number];

export const PeerEntryBody = z
  .object({
    cluster: z
      .string()
      .min(1)
      .max(32)
      .transform((s) => s.toUpperCase()),
    cityId: z.uuid().optional().describe('the city the entry is about; a city token may only give its own'),
    kind: z.enum(PEER_KINDS),
    title: Text(300),
    body: Prose(20_000),
    tags: z.array(Text(50)).max(20).default([]),
  })
  .strict();
export type PeerEntryBody = z.infer<typeof PeerEntryBody>;

/** The peer-learning entries a workshop's outcomes become; keyed so a retried publish adds nothing. */
export function outcomeEntries(
  workshopId: string,
  title: string,
  o: WorkshopOutcomes,
): { key: string; kind: PeerKind; title: string; body: string }[] {
  const key = (kind: string, i: number) => `${workshopWorkflowId(workshopId)}:${kind}:${i}`;
  return [
    {
      key: key('practice', 0),
      kind: 'practice',
      title: `${title}: conceptual definition`,
      body: `${o.conceptualDefinition}\n\n${o.summary}`,
    },
    ...o.successes.map((body, i) => ({
      key: key('success', i),
      kind: 'success' as const,
      title: `${title}: success ${i + 1}`,
      body,
    })),
    ...o.challenges.map((body, i) => ({
      key: key('challenge', i),
      kind: 'challenge' as const,
      title: `${title}: challenge ${i + 1}`,
      body,
    })),
    ...o.documents.map((d, i) => ({
      key: key('material', i),
      kind: 'material' as const,
      title: d.title,
      body: `${d.title}\n${d.url}`,
    })),
  ];
}

/**
 * The search text handed to PostgreSQL's websearch_to_tsquery, keeping its syntax ("phrase", or,
 * -word) but nothing it cannot parse: a run of negations ("- - - x", "-!-!", 50 dashes) nests one
 * NOT per dash and fails with "tsquery stack too small". Punctuation other than quotes goes (it only
 * separates words anyway), and a dash stays only where it negates a word: at the start of one.
 */
export function searchText(q: string): string {
  return q
    .replace(/[^\p{L}\p{N}\p{M}\s"-]/gu, ' ')
    .replace(/-+/g, '-')
    .replace(/(?<!^|\s)-|-(?![\p{L}\p{N}])/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
