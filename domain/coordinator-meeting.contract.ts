// The contract of the coordinator-meeting workflow: input, messages, state and result.
// Types and the input's schema, shared by the workflow, its activities and the API.
import { z } from 'zod';
import { MAX_DURATION, boundedDuration } from './duration.js';
import { Instant, Text } from './schemas.js';
import type { MeetingStatus, OutputProgress } from './coordinator-meeting.js';

export interface ExpectedReport {
  cluster: string;
  cityId: string;
}

export interface MeetingInput {
  meetingId: string;
  title: string;
  at: string;
  reportLead: string;
  reportDueAt: string;
  expected: ExpectedReport[];
  /** Durations before reportDueAt at which coordinators that have not reported are reminded. */
  reminders: string[];
}

/** What the workflow checks at its start (a bad input fails it at once instead of every workflow task). */
export const MeetingInputSchema = z.object({
  meetingId: z.string().min(1).max(100),
  title: Text(300),
  at: Instant,
  reportLead: boundedDuration(MAX_DURATION.WINDOW),
  reportDueAt: Instant,
  expected: z.array(z.object({ cluster: z.string().max(32), cityId: z.string().max(100) })).max(10_000),
  reminders: z.array(boundedDuration(MAX_DURATION.WINDOW)).max(5),
});

export interface ReportArgs {
  cluster: string;
  cityId: string;
  progress: OutputProgress[];
}

export interface MeetingState {
  meetingId: string;
  status: MeetingStatus;
  reported: ExpectedReport[];
  missing: ExpectedReport[];
  escalated: boolean;
}

export interface MeetingResult {
  meetingId: string;
  status: Extract<MeetingStatus, 'held' | 'cancelled'>;
  missing: ExpectedReport[];
}
