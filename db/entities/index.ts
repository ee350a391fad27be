import { ApiToken, AuditEvent, IdempotencyRecord } from './access.js';
import { Ballot, CoordinatorTerm, Election, Nomination } from './election.js';
import { CoordinatorMeeting, Expert, MeetingReport, PeerLearningEntry, WorkPhase, WorkplanVersion, Workshop, WorkshopRsvp } from './cluster-work.js';
import { Campaign } from './campaign.js';
import { CampaignProspect } from './campaign-prospect.js';
import { FxRate } from './fx-rate.js';
import { Instalment, Pledge, PledgeStatusChange, Receipt } from './pledge.js';
import { Notification } from './notification.js';
import { City, Cluster, Country, Donor, Membership } from './registry.js';

export * from './access.js';
export * from './election.js';
export * from './cluster-work.js';
export * from './campaign.js';
export * from './campaign-prospect.js';
export * from './fx-rate.js';
export * from './pledge.js';
export * from './notification.js';
export * from './registry.js';

export const ENTITIES = [Country, City, Cluster, Membership, Donor, ApiToken, AuditEvent, IdempotencyRecord, Notification, Election, Nomination, Ballot, CoordinatorTerm, WorkPhase, Workshop, WorkshopRsvp, WorkplanVersion, CoordinatorMeeting, MeetingReport, Expert, PeerLearningEntry, Campaign, Pledge, PledgeStatusChange, Instalment, Receipt, FxRate, CampaignProspect];
