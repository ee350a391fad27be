// Every workflow type the worker runs. Workflow code imports domain/ (pure) and activities by type only.
export { electionWorkflow } from './election.js';
export { clusterCycleWorkflow } from './cluster-cycle.js';
export { workshopWorkflow } from './workshop.js';
export { coordinatorMeetingWorkflow } from './coordinator-meeting.js';
export { pledgeWorkflow } from './pledge.js';
export { campaignWorkflow } from './campaign.js';
export { surveyWorkflow } from './survey.js';
export { partnershipWorkflow } from './partnership.js';
export { donorContactWorkflow } from './donor-contact.js';
export { progressReportCycleWorkflow } from './progress-report.js';
export { reportingRequirementWorkflow } from './reporting-requirement.js';
export { membershipCallWorkflow, membershipApplicationWorkflow } from './membership-call.js';
export { workPlanOutputsWorkflow } from './work-plan-output.js';
