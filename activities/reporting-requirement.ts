// The reporting-requirement workflow's effect: marking a requirement late (and escalated) while its
// report is still owed. Conditional updates: a retry, or a report submitted meanwhile, changes nothing.
import type { EntityManager } from '@mikro-orm/postgresql';
import { markRequirement } from '../db/queries/reporting-requirement.js';
import type { RequirementEventKind } from '../domain/reporting-requirement.js';
import type { ActivityDeps } from './deps.js';

export function createReportingRequirementActivities({ orm }: ActivityDeps) {
  return {
    /** Whether the report is still owed; a late notice marks it late, an escalation escalated. */
    async requirementEvent(args: { requirementId: string; kind: RequirementEventKind }): Promise<{ owed: boolean }> {
      return { owed: await markRequirement(orm.em.fork() as EntityManager, args.requirementId, args.kind) };
    },
  };
}
