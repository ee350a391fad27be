// The contract of the workshop workflow: input, messages, state and result.
// Types and the input's schema, shared by the workflow, its activities and the API.
import { z } from 'zod';
import { MAX_DURATION, boundedDuration } from './duration.js';
import { Instant, Text } from './schemas.js';
import { ExpertRef as ExpertRefSchema, WORKSHOP_KINDS } from './workshop.js';
import type { ExpertRef, RsvpResponse, WorkshopKind, WorkshopStatus } from './workshop.js';

export interface WorkshopSchedule {
  startsAt: string;
  endsAt: string;
  timezone: string;
  venue?: string;
  onlineUrl?: string;
  rsvpBy: string;
}

export interface WorkshopSettings {
  /** Durations before rsvpBy at which those who have not answered are reminded. */
  rsvpReminders: string[];
  outcomesDue: string;
  outcomesReminderLead: string;
}

export interface WorkshopInput {
  workshopId: string;
  cluster: string;
  /** The work phase an inception workshop opens (other workshops: the cluster's latest phase). */
  workPhaseId?: string | null;
  kind: WorkshopKind;
  title: string;
  /** Absent for an inception workshop opened with its phase but not scheduled yet. */
  schedule?: WorkshopSchedule;
  experts: ExpertRef[];
  /** Cities invited (snapshot at opening): the cluster's members, or its coordinators for advisory sessions. */
  invited: string[];
  /** Current coordinators of the cluster: reminded when outcomes are late. */
  coordinators: string[];
  settings: WorkshopSettings;
}

const window = boundedDuration(MAX_DURATION.WINDOW);

/** What the workflow checks at its start (a bad input fails it at once instead of every workflow task). */
export const WorkshopInputSchema = z.object({
  workshopId: z.string().min(1).max(100),
  cluster: z.string().min(1).max(32),
  workPhaseId: z.string().max(100).nullable().optional(),
  kind: z.enum(WORKSHOP_KINDS),
  title: Text(300),
  schedule: z
    .object({
      startsAt: Instant,
      endsAt: Instant,
      timezone: z.string().min(1).max(100),
      venue: Text(300).optional(),
      onlineUrl: z.string().max(2000).optional(),
      rsvpBy: Instant,
    })
    .optional(),
  experts: z.array(ExpertRefSchema).max(50),
  invited: z.array(z.string().max(100)).max(10_000),
  coordinators: z.array(z.string().max(100)).max(100),
  settings: z.object({ rsvpReminders: z.array(window).max(5), outcomesDue: window, outcomesReminderLead: window }),
});

export interface RsvpState {
  cityId: string;
  response: RsvpResponse;
  attendees: string[];
  at: string;
}

export interface WorkshopOutcomes {
  conceptualDefinition: string;
  summary: string;
  successes: string[];
  challenges: string[];
  documents: { title: string; url: string }[];
}

export interface Attendance {
  cityId: string;
  attendees: string[];
}

export interface WorkshopState {
  workshopId: string;
  status: WorkshopStatus;
  schedule?: WorkshopSchedule;
  /** Bumped by every (re)schedule; reminder keys carry it so a re-armed timer sends again. */
  revision: number;
  rsvps: RsvpState[];
  outcomesDueAt?: string;
  outcomes?: WorkshopOutcomes;
  attendance?: Attendance[];
  cancelReason?: string;
}

export interface RsvpArgs {
  cityId: string;
  response: RsvpResponse;
  attendees: string[];
}

export interface OutcomesArgs extends WorkshopOutcomes {
  attendance?: Attendance[];
  /** The city that submitted them, or null for the secretariat. */
  by: string | null;
}

export interface WorkshopResult {
  workshopId: string;
  status: Extract<WorkshopStatus, 'completed' | 'cancelled'>;
}
