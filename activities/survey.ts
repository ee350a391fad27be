// The survey workflow's effects: who has not answered (for reminders), the counts, the close and
// the cancel. Each is keyed by the survey (and round), so an at-least-once retry changes nothing twice.
import type { EntityManager } from '@mikro-orm/postgresql';
import { addressees, countReminder, endSurvey, nonRespondents, surveyTotals } from '../db/queries/survey.js';
import type { ActivityDeps } from './deps.js';

export function createSurveyActivities({ orm }: ActivityDeps) {
  const em = () => orm.em.fork() as EntityManager;
  return {
    async surveyAddressees(args: { surveyId: string }): Promise<string[]> {
      return addressees(em(), args.surveyId);
    },

    /** Cities asked that have not answered yet; the round is recorded for each of them. */
    async surveyNonRespondents(args: { surveyId: string; round: number }): Promise<string[]> {
      const cities = await nonRespondents(em(), args.surveyId);
      await countReminder(em(), args.surveyId, cities, args.round);
      return cities;
    },

    async surveyTotals(args: { surveyId: string }): Promise<{ addressees: number; respondents: number }> {
      return surveyTotals(em(), args.surveyId);
    },

    /** Closes or cancels the survey once (its row, and an anonymous survey's salt is erased). */
    async endSurvey(args: { surveyId: string; status: 'closed' | 'cancelled'; reason?: string }): Promise<void> {
      await endSurvey(em(), args.surveyId, args.status, args.reason ?? null);
    },
  };
}
