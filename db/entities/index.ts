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
import { Person, Session, SignInLink } from './person.js';
import { City, Cluster, Country, Donor, Membership } from './registry.js';
import { ClusterRestructuring } from './cluster-restructuring.js';
import {
  MembershipApplication,
  MembershipApplyAttempt,
  MembershipCall,
  MembershipJuror,
  MembershipNatcomLink,
  MembershipScore,
} from './membership-call.js';

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
export * from './person.js';
export * from './registry.js';
export * from './cluster-restructuring.js';
export * from './membership-call.js';

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
  MembershipCall,
  MembershipApplication,
  MembershipNatcomLink,
  MembershipJuror,
  MembershipScore,
  MembershipApplyAttempt,
];
