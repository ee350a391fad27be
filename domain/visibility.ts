// What the Temporal UI and CLI can filter the engine's workflows by: custom search attributes,
// registered on every Temporal server the engine runs against (platform/temporal-server.ts, the
// compose setup) and upserted by the workflows (workflows/visibility.ts). Keywords only: exact
// matches, cheap to index. e.g. `temporal workflow list --query 'Cluster = "HEALTH"'`.
export const SEARCH_ATTRIBUTES = {
  /** The cluster a process belongs to (elections, cycles, workshops). */
  Cluster: 'Keyword',
  /** The two-year span a pledge or campaign counts toward ("2025-2027"). */
  Biennium: 'Keyword',
  /** The donor of a pledge. */
  DonorId: 'Keyword',
  /** The process's own lifecycle status (`voting`, `in_fulfilment`, `awaiting_outcomes`, ...). */
  GnlcStatus: 'Keyword',
} as const;

export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTES;

/** `temporal server start-dev` flags registering them. */
export const searchAttributeFlags = (): string[] =>
  Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]);

/**
 * The one-line summary each workflow start carries (Temporal's `staticSummary`), so the UI's list
 * says what every run is about. Built from the start's input; never a person's name or address.
 */
export function workflowSummary(workflowType: string, input: unknown): string | undefined {
  const i = (input ?? {}) as Record<string, unknown>;
  const s = (k: string) => (typeof i[k] === 'string' ? (i[k] as string) : '?');
  switch (workflowType) {
    case 'electionWorkflow':
      return `Election of the ${s('cluster')} cluster's coordinators for the term from ${s('termStart')}`;
    case 'clusterCycleWorkflow':
      return `Coordinator terms and elections of the ${s('cluster')} cluster`;
    case 'workshopWorkflow':
      return `${s('kind').replace(/_/g, ' ')} workshop of the ${s('cluster')} cluster: ${s('title')}`.slice(0, 200);
    case 'coordinatorMeetingWorkflow':
      return `Coordinator meeting on ${s('at').slice(0, 10)}: ${s('title')}`.slice(0, 200);
    case 'pledgeWorkflow': {
      const spec = (i.spec ?? {}) as Record<string, unknown>;
      return `${String(spec.kind ?? '?').replace(/_/g, ' ')} pledge to ${String(spec.fundingOption ?? '?')} for ${String(spec.biennium ?? '?')}, donor ${String(spec.donorId ?? '?')}`;
    }
    case 'campaignWorkflow':
      return `Funding campaign of the ${s('biennium')} biennium`;
    default:
      return undefined;
  }
}
