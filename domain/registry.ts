import { z } from 'zod';
import { CalendarDate, Text } from './schemas.js';
import { LANGUAGES } from './auth.js';
import { IatiOrgRef } from './iati.js';

export const CITY_STATUSES = ['candidate', 'member', 'suspended', 'withdrawn'] as const;
export const CLUSTER_STATUSES = ['active', 'retired'] as const;
export const DONOR_TYPES = [
  'member_city',
  'national_government',
  'regional_government',
  'multilateral',
  'corporate',
  'foundation',
  'civil_society',
  'educational_institution',
  'think_tank',
  'research_institute',
] as const;
/** A prospect donor came from a public inquiry: its contact has no access until it is active. */
export const DONOR_STATUSES = ['prospect', 'active'] as const;

const uuid = z.uuid();
const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
  .transform((s) => s.toUpperCase());
const name = Text(200);
const email = z.email().max(254);

export const Representative = z
  .object({
    name,
    email,
    expertise: z.array(Text(80)).max(20).default([]),
    /** The language the engine writes to them in until they choose their own by signing in. */
    language: z.enum(LANGUAGES).default('en'),
  })
  .strict();

export const CityCreate = z
  .object({
    name,
    country: countryCode,
    status: z.enum(CITY_STATUSES).default('member'),
    yearJoined: z.int().min(2012).max(2100).optional(),
  })
  .strict();
export const CityPatch = z
  .object({
    name: name.optional(),
    status: z.enum(CITY_STATUSES).optional(),
    yearJoined: z.int().min(2012).max(2100).nullable().optional(),
  })
  .strict()
  .refine((o) => Object.keys(o).length > 0, 'at least one field must be given');

export const MembershipCreate = z
  .object({
    cityId: uuid,
    // Bounded like yearJoined; unbounded, '0000-01-01' passed and PostgreSQL (no year 0) answered 500.
    since: CalendarDate.optional(),
    representative: Representative,
  })
  .strict();

export const DonorCreate = z
  .object({
    name,
    type: z.enum(DONOR_TYPES),
    country: countryCode.optional(),
    contact: z
      .object({ name: name.optional(), email: email.optional(), language: z.enum(LANGUAGES).optional() })
      .strict()
      .optional(),
    cityId: uuid.optional(),
    iatiOrgRef: IatiOrgRef.optional(),
  })
  .strict();
export const DonorPatch = z
  .object({
    name: name.optional(),
    type: z.enum(DONOR_TYPES).optional(),
    country: countryCode.nullable().optional(),
    contact: z
      .object({
        name: name.nullable().optional(),
        email: email.nullable().optional(),
        language: z.enum(LANGUAGES).optional().describe('the language messages to the contact are written in'),
      })
      .strict()
      .optional(),
    cityId: uuid.nullable().optional(),
    status: z.enum(DONOR_STATUSES).optional(),
    iatiOrgRef: IatiOrgRef.nullable().optional(),
  })
  .strict()
  .refine((o) => Object.keys(o).length > 0, 'at least one field must be given');

const words = (s: string): string[] =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 2);

/**
 * The strategy asks cities to send a representative whose profile matches the cluster's thematic
 * focus; a mismatch is a warning, not a refusal, because tags are free text.
 */
export function expertiseMatches(expertise: readonly string[], focusKeywords: readonly string[]): boolean {
  const focus = new Set(focusKeywords.flatMap(words));
  return expertise
    .flatMap(words)
    .some((w) => focus.has(w) || [...focus].some((f) => f.startsWith(w) || w.startsWith(f)));
}
