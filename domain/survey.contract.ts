// The contract of the survey workflow: input, state and result; the input's schema. Shared by the
// workflow, its activities and the API.
import { z } from 'zod';
import { EpochMs, Text } from './schemas.js';
import { ReminderLead, SURVEY_LIMITS, type SurveyStatus } from './survey.js';

export interface SurveyInput {
  surveyId: string;
  title: string;
  /** Epoch ms: when cities are invited and may answer, and when the survey closes. */
  opensAt: number;
  closesAt: number;
  /** Leads before closesAt at which cities that have not answered are reminded. */
  reminders: string[];
}

/** What the workflow checks at its start (a bad input fails it at once instead of every workflow task). */
export const SurveyInputSchema = z.object({
  surveyId: z.string().min(1).max(100),
  title: Text(SURVEY_LIMITS.title),
  opensAt: EpochMs,
  closesAt: EpochMs,
  reminders: z.array(ReminderLead).max(SURVEY_LIMITS.reminders),
});

export interface SurveyState {
  surveyId: string;
  status: SurveyStatus;
  /** Reminder rounds sent so far. */
  reminded: number;
}

export interface SurveyOutcome {
  surveyId: string;
  status: 'closed' | 'cancelled';
  addressees: number;
  respondents: number;
}

/** Response counts per cluster of a survey (a city in two of its clusters counts in both). */
export interface SurveyRate {
  cluster: string;
  addressees: number;
  respondents: number;
}
