// A fundraising campaign for one biennium: its API body, defaults and workflow ID. Pure.
import { z } from 'zod';
import { MAX_DURATION, boundedDuration } from './duration.js';
import { BienniumString } from './biennium.js';
import { AmountString, parseAmount } from './money.js';
import { FUNDING_OPTIONS } from './pledge.js';
import { CalendarDate } from './schemas.js';

/** The workflow of a biennium's campaign: `campaign:<biennium>`. */
export const campaignWorkflowId = (biennium: string) => `campaign:${biennium}`;

export const CreateCampaignBody = z
  .object({
    biennium: BienniumString,
    target: z
      .object({ currency: z.literal('USD'), value: AmountString })
      .strict()
      .optional()
      .describe('default US$1,000,000 (the MDFM target per term)'),
    donorIds: z.array(z.uuid()).max(500).default([]),
    fundingOption: z.enum(FUNDING_OPTIONS).default('mdfm'),
    // A campaign lasts one biennium: a follow-up or digest interval longer than that never fires.
    followUpEvery: boundedDuration(MAX_DURATION.INTERVAL).optional(),
    digestEvery: boundedDuration(MAX_DURATION.INTERVAL).optional(),
    closesOn: CalendarDate.optional().describe('default: the end of the biennium (1 July of its last year)'),
    inKindCountsTowardTarget: z.boolean().default(false),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (new Set(b.donorIds).size !== b.donorIds.length)
      ctx.addIssue({ code: 'custom', path: ['donorIds'], message: 'a donor is listed twice' });
    if (b.target) {
      const p = parseAmount(b.target.value, 'USD');
      if (!p.ok) ctx.addIssue({ code: 'custom', path: ['target', 'value'], message: p.message });
    }
  });
export type CreateCampaignBody = z.infer<typeof CreateCampaignBody>;

export const MDFM_TARGET_USD_MINOR = 100_000_000; // US$1,000,000.00
export const CAMPAIGN_DEFAULTS = Object.freeze({ followUpEvery: 'P30D', digestEvery: 'P30D' });
