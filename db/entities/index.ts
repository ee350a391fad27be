import { ApiToken, AuditEvent, IdempotencyRecord } from './access.js';
import { Ballot, CoordinatorTerm, Election, Nomination } from './election.js';
import { Notification } from './notification.js';
import { City, Cluster, Country, Donor, Membership } from './registry.js';

export * from './access.js';
export * from './election.js';
export * from './notification.js';
export * from './registry.js';

export const ENTITIES = [Country, City, Cluster, Membership, Donor, ApiToken, AuditEvent, IdempotencyRecord, Notification, Election, Nomination, Ballot, CoordinatorTerm];
