// Workflows show what they are about in Temporal's visibility (domain/visibility.ts): typed search
// attribute keys, upserted when a value changes. Gated by a patch: histories recorded before it
// replay with no upsert, and runs that reach it for the first time take the new path.
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';
import { patched, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';

export const VISIBILITY_PATCH = 'search-attributes-v1';

const KEYS = {
  cluster: defineSearchAttributeKey('Cluster', SearchAttributeType.KEYWORD),
  biennium: defineSearchAttributeKey('Biennium', SearchAttributeType.KEYWORD),
  donorId: defineSearchAttributeKey('DonorId', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('GnlcStatus', SearchAttributeType.KEYWORD),
};

export type Visibility = Partial<Record<keyof typeof KEYS, string>>;

/** Upserts the given attributes that differ from the run's current ones (no command when none do). */
export function showInVisibility(values: Visibility): void {
  if (!patched(VISIBILITY_PATCH)) return;
  const current = workflowInfo().typedSearchAttributes;
  const changed = (Object.entries(values) as [keyof typeof KEYS, string | undefined][])
    .filter(([k, v]) => v !== undefined && current.get(KEYS[k]) !== v)
    .map(([k, v]) => ({ key: KEYS[k], value: v! }));
  if (changed.length) upsertSearchAttributes(changed);
}
