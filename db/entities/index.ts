import { ApiToken, AuditEvent, AuthFailure, IdempotencyRecord } from './access.js';
import { Ballot, Election, Nomination } from './election.js';
import { CoordinatorTerm } from './coordinator-term.js';
import { WorkPhase } from './work-phase.js';
import { Workshop, WorkshopRsvp } from './workshop.js';
import { WorkPlanVersion } from './work-plan.js';
import { CoordinatorMeeting, MeetingReport } from './coordinator-meeting.js';
import { Expert } from './expert-group.js';
import { PeerLearningEntry } from './peer-learning.js';
import { Campaign } from './campaign.js';
import { CampaignProspect } from './campaign-prospect.js';
import { FxRate } from './fx-rate.js';
import { Instalment, Pledge, PledgeBalance, PledgeStatusChange, Receipt } from './pledge.js';
import { Notification } from './notification.js';
import { Survey, SurveyAddressee, SurveyResponse } from './survey.js';
import { Partnership, PartnershipActivity, PartnershipContribution, PartnershipReport } from './partnership.js';
import { ProgressReport, ProgressReportCycle } from './progress-report.js';
import { OutputProgressEntry } from './work-plan-output.js';
import { Person, Session, SignInLink } from './person.js';
import { City, Cluster, Country, Donor, Membership } from './registry.js';
import { ClusterRestructuring } from './cluster-restructuring.js';
import { PartnerInquiry } from './partner-inquiry.js';
import { DonorContact } from './donor-contact.js';
import {
  Fund,
  FundAllocation,
  FundAllocationChange,
  FundDisbursement,
  FundDisbursementCity,
  PledgeSplit,
  ReceiptCredit,
} from './fund.js';
import { DonorReport, ReportingRequirement } from './reporting-requirement.js';
import { Secondment, SecondmentMonth } from './secondment.js';
import {
  MembershipApplication,
  MembershipApplyAttempt,
  MembershipCall,
  MembershipJuror,
  MembershipJurorLink,
  MembershipNatcomLink,
  MembershipScore,
} from './membership-call.js';
import { AdvisorySessionProposal } from './advisory-session-proposal.js';

export * from './access.js';
export * from './election.js';
export * from './coordinator-term.js';
export * from './work-phase.js';
export * from './workshop.js';
export * from './work-plan.js';
export * from './coordinator-meeting.js';
export * from './expert-group.js';
export * from './peer-learning.js';
export * from './campaign.js';
export * from './campaign-prospect.js';
export * from './fx-rate.js';
export * from './pledge.js';
export * from './notification.js';
export * from './survey.js';
export * from './partnership.js';
export * from './progress-report.js';
export * from './work-plan-output.js';
export * from './person.js';
export * from './registry.js';
export * from './cluster-restructuring.js';
export * from './partner-inquiry.js';
export * from './donor-contact.js';
export * from './fund.js';
export * from './reporting-requirement.js';
export * from './secondment.js';
export * from './membership-call.js';
export * from './advisory-session-proposal.js';

export const ENTITIES = [
  Country,
  City,
  Cluster,
  Membership,
  Donor,
  ApiToken,
  AuditEvent,
  AuthFailure,
  IdempotencyRecord,
  Person,
  SignInLink,
  Session,
  Notification,
  Election,
  Nomination,
  Ballot,
  CoordinatorTerm,
  WorkPhase,
  Workshop,
  WorkshopRsvp,
  WorkPlanVersion,
  CoordinatorMeeting,
  MeetingReport,
  Expert,
  PeerLearningEntry,
  Campaign,
  Pledge,
  PledgeStatusChange,
  Instalment,
  Receipt,
  PledgeBalance,
  FxRate,
  CampaignProspect,
  ClusterRestructuring,
  Survey,
  SurveyAddressee,
  SurveyResponse,
  Partnership,
  PartnershipReport,
  PartnershipActivity,
  PartnershipContribution,
  PartnerInquiry,
  DonorContact,
  Fund,
  PledgeSplit,
  ReceiptCredit,
  FundAllocation,
  FundAllocationChange,
  FundDisbursement,
  FundDisbursementCity,
  ProgressReportCycle,
  ProgressReport,
  OutputProgressEntry,
  ReportingRequirement,
  DonorReport,
  Secondment,
  SecondmentMonth,
  MembershipCall,
  MembershipApplication,
  MembershipNatcomLink,
  MembershipJuror,
  MembershipJurorLink,
  MembershipScore,
  MembershipApplyAttempt,
  AdvisorySessionProposal,
];
