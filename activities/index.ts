import type { ActivityDeps } from './deps.js';
import { createElectionActivities } from './election.js';
import { createClusterCycleActivities } from './cluster-cycle.js';
import { createWorkshopActivities } from './workshop.js';
import { createCoordinatorMeetingActivities } from './coordinator-meeting.js';
import { createCampaignActivities } from './campaign.js';
import { createPledgeActivities } from './pledge.js';
import { createNotificationActivities } from './notification.js';
import { createSurveyActivities } from './survey.js';
import { createPartnershipActivities } from './partnership.js';
import { createDonorContactActivities } from './donor-contact.js';
import { createProgressReportActivities } from './progress-report.js';
import { createReportingRequirementActivities } from './reporting-requirement.js';
import { createMembershipCallActivities } from './membership-call.js';
import { createAdvisorySessionProposalActivities } from './advisory-session-proposal.js';
import { createWorkPlanOutputActivities } from './work-plan-output.js';

export type { ActivityDeps };

/** Every activity of the engine, built from its dependencies (samples-typescript's DI pattern). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createNotificationActivities(deps),
    ...createElectionActivities(deps),
    ...createClusterCycleActivities(deps),
    ...createWorkshopActivities(deps),
    ...createCoordinatorMeetingActivities(deps),
    ...createPledgeActivities(deps),
    ...createCampaignActivities(deps),
    ...createSurveyActivities(deps),
    ...createPartnershipActivities(deps),
    ...createDonorContactActivities(deps),
    ...createProgressReportActivities(deps),
    ...createReportingRequirementActivities(deps),
    ...createMembershipCallActivities(deps),
    ...createAdvisorySessionProposalActivities(deps),
    ...createWorkPlanOutputActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
