import { describe, expect, it } from 'vitest';
import { CreateCampaignBody } from '../../domain/campaign.js';

describe('campaign request schema', () => {
  const donorId = '6f1c1f0e-8a0c-4a6e-9d5e-1f2a3b4c5d6e';

  it('defaults the donors, funding option and in-kind policy; refuses a non-USD target and a donor listed twice', () => {
    expect(CreateCampaignBody.parse({ biennium: '2025-2027' })).toMatchObject({
      donorIds: [],
      fundingOption: 'mdfm',
      inKindCountsTowardTarget: false,
    });
    expect(
      CreateCampaignBody.safeParse({ biennium: '2025-2027', target: { currency: 'EUR', value: '1' } }).success,
    ).toBe(false);
    expect(CreateCampaignBody.safeParse({ biennium: '2025-2027', donorIds: [donorId, donorId] }).success).toBe(false);
  });
});
