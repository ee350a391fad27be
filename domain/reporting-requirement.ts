// What the secretariat owes a donor under an agreement (a pledge): interim and final reports,
// narrative or financial, each with a due date and the allocations it covers. The secretariat is
// reminded before each falls due and escalated when late; a submitted report (a document by URL or
// by uploaded file name and checksum) is shown to the donor. Pure: imported by the workflow.
import { z } from 'zod';
import { MAX_DURATION, addDuration, boundedDuration } from './duration.js';
import { CalendarDate, Text } from './schemas.js';
import { subtractDuration } from './pledge.js';

export const REQUIREMENT_KINDS = ['interim', 'final'] as const;
export type RequirementKind = (typeof REQUIREMENT_KINDS)[number];
export const REQUIREMENT_NATURES = ['narrative', 'financial'] as const;
export type RequirementNature = (typeof REQUIREMENT_NATURES)[number];
/** open → submitted; open → late (past due) → submitted; open or late → withdrawn. */
export const REQUIREMENT_STATUSES = ['open', 'late', 'submitted', 'withdrawn'] as const;
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number];
export const FINAL_REQUIREMENT_STATUSES: readonly RequirementStatus[] = ['submitted', 'withdrawn'];

/** Pledge statuses under which reporting can be required (an agreement exists or is being honoured). */
export const REPORTING_PLEDGE_STATUSES = [
  'pledged',
  'agreement_signed',
  'in_fulfilment',
  'fulfilled',
  'reported',
] as const;

export const REQUIREMENT_LIMITS = Object.freeze({ allocations: 50, perPledge: 40, title: 200 });
export const REQUIREMENT_DEFAULTS = Object.freeze({ beforeDue: 'P30D', escalateAfter: 'P14D' });

/** `reporting-requirement:<id>`: one workflow per requirement, its business key. */
export const reportingRequirementWorkflowId = (requirementId: string): string =>
  `reporting-requirement:${requirementId}`;

const lead = boundedDuration(MAX_DURATION.WINDOW);

export const RequirementReminders = z.object({ beforeDue: lead.optional(), escalateAfter: lead.optional() }).strict();

export const CreateRequirementBody = z
  .object({
    kind: z.enum(REQUIREMENT_KINDS),
    nature: z.enum(REQUIREMENT_NATURES),
    dueOn: CalendarDate,
    title: Text(REQUIREMENT_LIMITS.title).optional(),
    allocationIds: z
      .array(z.uuid())
      .max(REQUIREMENT_LIMITS.allocations)
      .optional()
      .describe('the allocations the report covers (ids of the funds engine; not checked here)'),
    reminders: RequirementReminders.optional(),
  })
  .strict();
export type CreateRequirementBody = z.infer<typeof CreateRequirementBody>;

export const PatchRequirementBody = z
  .object({
    dueOn: CalendarDate.optional(),
    title: Text(REQUIREMENT_LIMITS.title).nullable().optional(),
    allocationIds: z.array(z.uuid()).max(REQUIREMENT_LIMITS.allocations).optional(),
  })
  .strict()
  .refine((o) => Object.keys(o).length > 0, 'at least one field must be given');

const SHA256 = /^[0-9a-f]{64}$/;
const URL_MAX = 2000;
/** An http(s) URL without credentials. */
export const isDocumentUrl = (s: string): boolean => {
  if (s.length > URL_MAX) return false;
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password && u.hostname !== '';
  } catch {
    return false;
  }
};

/** A report: a title and either a URL or an uploaded file's name and SHA-256 checksum. */
export const SubmitReportBody = z
  .object({
    title: Text(REQUIREMENT_LIMITS.title),
    url: z
      .string()
      .max(URL_MAX)
      .refine(isDocumentUrl, { error: 'must be an http(s) URL without credentials' })
      .optional(),
    fileName: Text(255)
      .refine((s) => !/[\\/]/.test(s), { error: 'must be a file name, not a path' })
      .optional(),
    checksum: z
      .string()
      .refine((s) => SHA256.test(s), { error: 'must be the SHA-256 of the file, 64 lower-case hex digits' })
      .optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    const file = b.fileName !== undefined || b.checksum !== undefined;
    if (b.url !== undefined && file)
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'give a URL or a file, not both' });
    else if (b.url === undefined && !file)
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'give a URL, or a fileName with its checksum' });
    else if (file && b.fileName === undefined)
      ctx.addIssue({ code: 'custom', path: ['fileName'], message: 'required with a checksum' });
    else if (file && b.checksum === undefined)
      ctx.addIssue({ code: 'custom', path: ['checksum'], message: 'required with a fileName' });
  });
export type SubmitReportBody = z.infer<typeof SubmitReportBody>;

export type RequirementEventKind = 'reminder' | 'late' | 'escalation';

export interface RequirementEvent {
  kind: RequirementEventKind;
  /** Unique per due date: a rescheduled requirement is reminded again for its new date. */
  key: string;
  at: number;
}

/** The start of a due day, in UTC: a report is late once its day has passed. */
const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`);
/** The end of a due day: the report may still come in on it. */
export const lateFrom = (day: string): number => dayStart(day) + 86_400_000;

/**
 * The reminder before the due date, the late notice when the due day has passed, and the
 * escalation `escalateAfter` later, each keyed by the due date.
 */
export function requirementEvents(dueOn: string, beforeDue: string, escalateAfter: string): RequirementEvent[] {
  const late = lateFrom(dueOn);
  return [
    {
      kind: 'reminder',
      key: `reminder:${dueOn}`,
      at: subtractDuration(new Date(dayStart(dueOn)), beforeDue).getTime(),
    },
    { kind: 'late', key: `late:${dueOn}`, at: late },
    { kind: 'escalation', key: `escalation:${dueOn}`, at: addDuration(new Date(late), escalateAfter).getTime() },
  ];
}
