// The membership call's and applications' effects. Each is keyed (by the application's state, the
// mailing's round, the message's key), so Temporal's at-least-once retries change nothing twice.
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  admitApplication,
  admittedCities,
  applicationFacts,
  memberCities,
  moveApplication,
  recordNatcomDecision,
  reportRows,
  sendConfirmationLink,
  sendNatcomLink,
  setCallStatus,
  storeReport,
  tellApplicant,
  unsettledApplications,
  type NatcomOutcome,
} from '../db/queries/membership-call.js';
import { buildReport, type ApplicationStatus, type CallReport } from '../domain/membership-call.js';
import type { ActivityDeps } from './deps.js';

export function createMembershipCallActivities({ orm }: ActivityDeps) {
  const em = () => orm.em.fork() as EntityManager;
  return {
    async sendApplicationConfirmation(args: { applicationId: string }): Promise<void> {
      await sendConfirmationLink(em(), args.applicationId);
    },

    /** Moves the application when it is in one of `from`; false when it was not (another move came first). */
    async moveApplication(args: {
      applicationId: string;
      from: ApplicationStatus[];
      to: ApplicationStatus;
      natcomDeadline?: number;
      emailConfirmed?: boolean;
      note?: string;
    }): Promise<boolean> {
      return moveApplication(em(), args.applicationId, args.from, args.to, {
        ...(args.natcomDeadline ? { natcomDeadline: args.natcomDeadline } : {}),
        ...(args.emailConfirmed ? { emailConfirmed: true } : {}),
        note: args.note ?? null,
      });
    },

    async sendNatcomLink(args: { applicationId: string; round: number }): Promise<'sent' | 'no_contact' | 'done'> {
      return sendNatcomLink(em(), args.applicationId, args.round);
    },

    async recordNatcomDecision(args: {
      applicationId: string;
      decision: 'endorse' | 'decline';
      note?: string;
    }): Promise<NatcomOutcome> {
      return recordNatcomDecision(em(), args.applicationId, args.decision, args.note ?? null);
    },

    async admitApplication(args: {
      applicationId: string;
      cluster: string;
      note?: string;
    }): Promise<{ cityId: string }> {
      return admitApplication(em(), args.applicationId, args.cluster, args.note ?? null);
    },

    async tellApplicantNotAdmitted(args: { applicationId: string }): Promise<void> {
      await tellApplicant(em(), args.applicationId, 'membership-call.not-admitted');
    },

    async applicationFacts(args: { applicationId: string }) {
      return applicationFacts(em(), args.applicationId);
    },

    async setCallStatus(args: {
      callId: string;
      from: 'open' | 'reviewing';
      to: 'reviewing' | 'closed';
    }): Promise<void> {
      await setCallStatus(em(), args.callId, args.from, args.to);
    },

    async unsettledApplications(args: { callId: string }): Promise<number> {
      return unsettledApplications(em(), args.callId);
    },

    /** The report from the applications as they stand, stored on the call, which closes. */
    async closeMembershipCall(args: {
      callId: string;
    }): Promise<{ report: CallReport; admitted: string[]; members: string[] }> {
      const report = buildReport(await reportRows(em(), args.callId));
      await storeReport(em(), args.callId, report);
      return { report, admitted: await admittedCities(em(), args.callId), members: await memberCities(em()) };
    },
  };
}
