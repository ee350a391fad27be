// What changed between two versions of a work plan, output by output (matched by key). Pure.
export interface PlanOutput {
  key: string;
  title: string;
  description?: string;
  target: { value: number; unit: string };
  due: string;
  ownerCityId?: string;
}

export const OUTPUT_FIELDS = ['title', 'description', 'target', 'due', 'ownerCityId'] as const;
export type OutputField = (typeof OUTPUT_FIELDS)[number];

export type OutputChange =
  | { kind: 'added'; key: string; after: PlanOutput }
  | { kind: 'removed'; key: string; before: PlanOutput }
  | { kind: 'changed'; key: string; before: PlanOutput; after: PlanOutput; fields: OutputField[] };

const same = (a: PlanOutput, b: PlanOutput, f: OutputField): boolean =>
  f === 'target' ? a.target.value === b.target.value && a.target.unit === b.target.unit : (a[f] ?? '') === (b[f] ?? '');

/** Outputs added, removed or changed from `before` to `after`, in the order of `after` then the removed ones. */
export function diffOutputs(before: readonly PlanOutput[], after: readonly PlanOutput[]): OutputChange[] {
  const old = new Map(before.map((o) => [o.key, o]));
  const changes: OutputChange[] = [];
  for (const o of after) {
    const was = old.get(o.key);
    if (!was) changes.push({ kind: 'added', key: o.key, after: o });
    else {
      const fields = OUTPUT_FIELDS.filter((f) => !same(was, o, f));
      if (fields.length) changes.push({ kind: 'changed', key: o.key, before: was, after: o, fields });
    }
  }
  const kept = new Set(after.map((o) => o.key));
  for (const o of before) if (!kept.has(o.key)) changes.push({ kind: 'removed', key: o.key, before: o });
  return changes;
}
