import type { Router } from 'express';
import type { AppDeps } from '../deps.js';
import { electionRoutes } from './elections.js';
import { workPhaseRoutes } from './work-phases.js';
import { workshopRoutes } from './workshops.js';
import { workPlanRoutes } from './work-plans.js';
import { expertGroupRoutes } from './expert-groups.js';
import { coordinatorMeetingRoutes } from './coordinator-meetings.js';
import { peerLearningRoutes } from './peer-learning.js';
import { calendarRoutes } from './calendar.js';
import { pledgeRoutes } from './pledges.js';
import { fxRateRoutes } from './fx-rates.js';
import { campaignRoutes } from './campaigns.js';
import { fundingSummaryRoutes } from './funding-summary.js';
import { donorStatementRoutes } from './donor-statements.js';
import { surveyRoutes } from './surveys.js';
import { partnershipRoutes } from './partnerships.js';
import { partnerInquiryRoutes } from './partner-inquiries.js';
import { donorContactRoutes } from './donor-contacts.js';
import { iatiRoutes } from './iati.js';
import { fundRoutes } from './funds.js';
import { progressReportRoutes } from './progress-reports.js';
import { workPlanOutputRoutes } from './work-plan-outputs.js';
import { reportingRequirementRoutes } from './reporting-requirements.js';
import { secondmentRoutes } from './secondments.js';
import { membershipCallRoutes } from './membership-calls.js';
import { advisorySessionProposalRoutes } from './advisory-session-proposals.js';

/** Routers of the long-running processes (elections, cluster work, funding). */
export const processRoutes: ((deps: AppDeps) => Router)[] = [
  electionRoutes,
  workPhaseRoutes,
  workshopRoutes,
  workPlanRoutes,
  expertGroupRoutes,
  coordinatorMeetingRoutes,
  peerLearningRoutes,
  calendarRoutes,
  pledgeRoutes,
  fxRateRoutes,
  campaignRoutes,
  fundingSummaryRoutes,
  donorStatementRoutes,
  surveyRoutes,
  partnershipRoutes,
  partnerInquiryRoutes,
  donorContactRoutes,
  iatiRoutes,
  fundRoutes,
  progressReportRoutes,
  workPlanOutputRoutes,
  reportingRequirementRoutes,
  secondmentRoutes,
  membershipCallRoutes,
  advisorySessionProposalRoutes,
];
