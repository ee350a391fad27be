// A prospective funding partner's public inquiry ("become a funding partner"): its body, bounds and
// rate limits. The strategy's funding options end with "contact the coordination team; details will
// be discussed on an individual basis": this is that contact. Pure.
import { z } from 'zod';
import { FUNDING_OPTIONS } from './pledge.js';
import { DONOR_TYPES } from './registry.js';
import { Prose, Text } from './schemas.js';

/** The pipeline's stages of a partner: an inquiry starts in discussion. */
export const PIPELINE_STATUSES = ['in_discussion', 'pledged', 'declined'] as const;
export type PipelineStatus = (typeof PIPELINE_STATUSES)[number];

export const INQUIRY_LIMITS = Object.freeze({
  /** How long the e-mailed confirmation link stays good. */
  confirmTtlMs: 48 * 3_600_000,
  windowMs: 15 * 60_000,
  /** Inquiries per client address and per e-mail address in a window (counted in PostgreSQL). */
  perClientPerWindow: 5,
  perEmailPerWindow: 3,
  messageMax: 2000,
});

export const InquiryBody = z
  .object({
    organisation: Text(200),
    donorType: z.enum(DONOR_TYPES),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
      .transform((s) => s.toUpperCase()),
    contact: z.object({ name: Text(200), email: z.email().max(254) }).strict(),
    interest: z
      .array(z.enum(FUNDING_OPTIONS))
      .min(1)
      .max(FUNDING_OPTIONS.length)
      .refine((a) => new Set(a).size === a.length, { error: 'an option is listed twice' })
      .describe('the funding options of the strategy the partner is interested in'),
    message: Prose(INQUIRY_LIMITS.messageMax).optional(),
    language: z.enum(['en', 'fr']).default('en'),
    /** The honeypot: a field people never see; a form that fills it in is a robot's. */
    website: z.string().max(200).optional().describe('leave empty'),
  })
  .strict();
export type InquiryBody = z.infer<typeof InquiryBody>;

export const ConfirmBody = z.object({ token: z.string().min(16).max(128) }).strict();
