import { randomUUID } from 'node:crypto';
import { values } from './enum.js';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { ROLES } from '../../domain/auth.js';
import { City, Donor } from './registry.js';

// Who may call the API, what they did, and the responses kept for Idempotency-Key replays.

export const ApiToken = defineEntity({
  name: 'ApiToken',
  tableName: 'api_token',
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    tokenHash: p.string().length(64).unique(),
    role: p.enum(values(ROLES)),
    city: p.manyToOne(City).mapToPk().nullable(),
    donor: p.manyToOne(Donor).mapToPk().nullable(),
    label: p.string(),
    readOnly: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
    revokedAt: p.datetime().nullable(),
  }),
});
export type IApiToken = InferEntity<typeof ApiToken>;

export const AuditEvent = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_event',
  indexes: [{ properties: ['at'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    actorTokenId: p.uuid().nullable(),
    actorPersonId: p.uuid().nullable(),
    actorRole: p.string().length(16),
    method: p.string().length(8),
    path: p.text(),
    status: p.integer(),
    detail: p.json<Record<string, unknown>>().nullable(),
    at: p.datetime().onCreate(() => new Date()),
  }),
});
export type IAuditEvent = InferEntity<typeof AuditEvent>;

export const IdempotencyRecord = defineEntity({
  name: 'IdempotencyRecord',
  tableName: 'idempotency_record',
  uniques: [{ properties: ['principal', 'key'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    principal: p.string(),
    key: p.string(),
    method: p.string().length(8),
    path: p.text(),
    requestHash: p.string().length(64),
    statusCode: p.integer().nullable(),
    headers: p.json<Record<string, string>>().nullable(),
    body: p.json<unknown>().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IIdempotencyRecord = InferEntity<typeof IdempotencyRecord>;

/** Failed authentication attempts per key (client address, token prefix) in a one-minute window. */
export const AuthFailure = defineEntity({
  name: 'AuthFailure',
  tableName: 'auth_failure',
  properties: (p) => ({
    key: p.string().length(200).primary(),
    windowStart: p.datetime(),
    count: p.integer(),
  }),
});
export type IAuthFailure = InferEntity<typeof AuthFailure>;
