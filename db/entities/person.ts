import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { LANGUAGES, STAFF_ROLES } from '../../domain/auth.js';
import { values } from './enum.js';

// People who sign in to the web app, the one-time links they sign in with and their sessions.
// A person's city or donor access is not stored here: it derives from the memberships and donors
// naming their e-mail, so a representative who is replaced loses access with the membership.

export const Person = defineEntity({
  name: 'Person',
  tableName: 'person',
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    /** Lower-cased. */
    email: p.string().length(254).unique(),
    name: p.string(),
    language: p.enum(values(LANGUAGES)).default('en'),
    staffRole: p.enum(values(STAFF_ROLES)).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
});
export type IPerson = InferEntity<typeof Person>;

/** Every sign-in request, known address or not (counted for rate limits); only known ones get a token. */
export const SignInLink = defineEntity({
  name: 'SignInLink',
  tableName: 'sign_in_link',
  indexes: [{ properties: ['emailHash', 'createdAt'] }, { properties: ['client', 'createdAt'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    tokenHash: p.string().length(64).unique().nullable(),
    emailHash: p.string().length(64),
    email: p.string().length(254).nullable(),
    next: p.string().length(500).nullable(),
    client: p.string().length(64),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
  }),
});
export type ISignInLink = InferEntity<typeof SignInLink>;

export const Session = defineEntity({
  name: 'Session',
  tableName: 'session',
  indexes: [{ properties: ['person'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    tokenHash: p.string().length(64).unique(),
    person: p.manyToOne(Person).mapToPk(),
    csrfToken: p.string().length(64),
    userAgent: p.string().length(300).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastSeenAt: p.datetime(),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
  }),
});
export type ISession = InferEntity<typeof Session>;
