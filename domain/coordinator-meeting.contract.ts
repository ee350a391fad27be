// The contract of the coordinator-meeting workflow: input, messages, state and result.
// Types only, shared by the workflow, its activities and the API.
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
