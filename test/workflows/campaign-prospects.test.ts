// campaignWorkflow's addProspects update on the time-skipping server: a donor added to the running
// campaign gets its prospect pledge and workflow, is followed up like the others and counts in the
// final report; the validator refuses a donor already in it. Its own server (see campaign.test.ts).
import { describe, expect, it } from 'vitest';
import { campaignWorkflowId } from '../../domain/campaign.js';
import { pledgeWorkflowId } from '../../domain/pledge.js';
import { addProspectsUpdate, campaignStateQuery } from '../../workflows/campaign.js';
import { recordHistory } from '../support/histories.js';
import { seedDonor as seedDonorWith, startCampaign } from '../support/funding.js';
import { sqlOn } from '../support/sql.js';
import { eventually, failureType, useWorkflowEnv } from '../support/workflow-env.js';

const t = useWorkflowEnv();
const sql = sqlOn(() => t.orm);

describe('donors added to a running campaign', () => {
  it('opens a prospect for each, follows them up and reports them; refuses one already in it', async () => {
    await t.run(async () => {
      const [a, b, c] = [await seedDonorWith(sql), await seedDonorWith(sql), await seedDonorWith(sql)] as [
        string,
        string,
        string,
      ];
      await sql(`update donor set status = 'prospect' where id = ?`, [b]);
      const { handle, campaignId, biennium } = await startCampaign(t, sql, [a], {
        followUpEvery: 'P20D',
        closesInDays: 30,
      });
      await eventually(async () =>
        (await handle.query(campaignStateQuery)).prospects.length === 1 ? true : undefined,
      );
      const state = await handle.executeUpdate(addProspectsUpdate, { args: [{ donorIds: [b, c] }] });
      expect(state.prospects.map((p) => p.donorId)).toEqual([a, b, c]);
      const err = await handle.executeUpdate(addProspectsUpdate, { args: [{ donorIds: [c] }] }).catch((e) => e);
      expect(failureType(err)).toBe('Conflict');
      const none = await handle.executeUpdate(addProspectsUpdate, { args: [{ donorIds: [] }] }).catch((e) => e);
      expect(failureType(none)).toBe('BadRequest');

      const outcome = await handle.result();
      expect(outcome.report.prospects).toMatchObject({ total: 3, byStatus: { prospect: 3 } });
      const prefix = `${campaignWorkflowId(biennium)}:`;
      const keys = (
        await sql<{ key: string }>(`select key from notification where key like ? order by key`, [`${prefix}%`])
      ).map((r) => r.key.slice(prefix.length));
      expect(keys.filter((k) => k.startsWith('follow-up')).sort()).toEqual(
        [a, b, c].map((d) => `follow-up1:${d}`).sort(),
      );
      expect((await sql(`select 1 from campaign_prospect where campaign_id = ?`, [campaignId])).length).toBe(3);
      await recordHistory(handle, 'campaign-add-prospects');
      for (const p of state.prospects)
        await t.env.client.workflow
          .getHandle(pledgeWorkflowId(p.pledgeId))
          .terminate('test over')
          .catch(() => undefined);
    });
  });
});
