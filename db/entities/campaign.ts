import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { FUNDING_OPTIONS } from '../../domain/pledge.js';
import { values } from './enum.js';

// A biennium's fundraising campaign. Its prospects (one pledge per donor) are in campaign-prospect.ts:
// defineEntity reads its properties at once, so Campaign ← Pledge ← CampaignProspect cannot share a file.

export const Campaign = defineEntity({
  name: 'Campaign',
  tableName: 'campaign',
  properties: (p) => ({
    id: p.uuid().primary(),
    biennium: p.string().length(9).unique(),
    workflowId: p.string(),
    fundingOption: p.enum(values(FUNDING_OPTIONS)),
    targetUsdMinor: p.bigint('number'),
    inKindCountsTowardTarget: p.boolean().default(false),
    followUpEvery: p.string().length(32),
    digestEvery: p.string().length(32),
    closesOn: p.date(),
    status: p.enum(['open', 'closed']),
    finalReport: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  }),
});
export type ICampaign = InferEntity<typeof Campaign>;
