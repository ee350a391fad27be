import { ApiToken, AuditEvent, IdempotencyRecord } from './access.js';
import { Ballot, Election, Nomination } from './election.js';
import { CoordinatorTerm } from './coordinator-term.js';
import { CoordinatorMeeting, Expert, MeetingReport, PeerLearningEntry, WorkPhase, WorkplanVersion, Workshop, WorkshopRsvp } from './cluster-work.js';
import { Campaign, CampaignProspect, FxRate, Instalment, Pledge, PledgeStageChange, Receipt } from './funding.js';
import { Notification } from './notification.js';
import { Person, Session, SignInLink } from './person.js';
import { City, Cluster, Country, Donor, Membership } from './registry.js';

export * from './access.js';
export * from './election.js';
export * from './coordinator-term.js';
export * from './cluster-work.js';
export * from './funding.js';
export * from './notification.js';
export * from './person.js';
export * from './registry.js';

export const ENTITIES = [Country, City, Cluster, Membership, Donor, ApiToken, AuditEvent, IdempotencyRecord, Person, SignInLink, Session, Notification, Election, Nomination, Ballot, CoordinatorTerm, WorkPhase, Workshop, WorkshopRsvp, WorkplanVersion, CoordinatorMeeting, MeetingReport, Expert, PeerLearningEntry, Campaign, Pledge, PledgeStageChange, Instalment, Receipt, FxRate, CampaignProspect];
