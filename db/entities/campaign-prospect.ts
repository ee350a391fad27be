import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { Campaign } from './campaign.js';
import { Pledge } from './pledge.js';
import { Donor } from './registry.js';

/** One per donor of the campaign: its prospect pledge and how often it was followed up. */
export const CampaignProspect = defineEntity({
  name: 'CampaignProspect',
  tableName: 'campaign_prospect',
  uniques: [{ properties: ['campaign', 'donor'] }],
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    campaign: p.manyToOne(Campaign).mapToPk(),
    donor: p.manyToOne(Donor).mapToPk(),
    pledge: p.manyToOne(Pledge).mapToPk(),
    followUps: p.integer().default(0),
    lastFollowUpAt: p.datetime().nullable(),
  }),
});
export type ICampaignProspect = InferEntity<typeof CampaignProspect>;
