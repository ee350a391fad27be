// campaignWorkflow over a long run: continue-as-new after a set number of follow-up cycles. Its own
// time-skipping server: result() skips to the next timer of ANY workflow on the server, and the
// pledge tests leave workflows behind whose timers and timeouts make that skipping unpredictable.
import { describe, expect, it } from 'vitest';
import { campaignWorkflowId } from '../../domain/campaign.js';
import { pledgeWorkflowId } from '../../domain/pledge.js';
import { campaignStateQuery } from '../../workflows/campaign.js';
import { pledgeStateQuery, transitionUpdate } from '../../workflows/pledge.js';
import { recordHistory } from '../support/histories.js';
import { seedDonor as seedDonorWith, startCampaign } from '../support/funding.js';
import { sqlOn } from '../support/sql.js';
import { eventually, useWorkflowEnv } from '../support/workflow-env.js';

const t = useWorkflowEnv();
const sql = sqlOn(() => t.orm);

const seedDonor = () => seedDonorWith(sql);

describe('a long campaign', () => {
  it('continues as new after a set number of follow-up cycles, carrying prospects and counts: nothing lost or sent twice', async () => {
    await t.run(async () => {
      const [a, b] = [await seedDonor(), await seedDonor()] as [string, string];
      const { handle, campaignId, biennium } = await startCampaign(t, sql, [a, b], {
        followUpEvery: 'P10D',
        closesInDays: 95,
        followUpsPerRun: 2,
      });
      const firstRun = (await handle.describe()).runId;
      const prospects = await eventually(async () => {
        const s = await handle.query(campaignStateQuery);
        return s.prospects.length === 2 ? s.prospects : undefined;
      });
      const pa = t.env.client.workflow.getHandle(pledgeWorkflowId(prospects.find((p) => p.donorId === a)!.pledgeId));
      await eventually(async () => ((await pa.query(pledgeStateQuery)).status === 'prospect' ? true : undefined));
      await pa.executeUpdate(transitionUpdate, {
        args: [{ to: 'in_discussion', by: 'secretariat', note: 'call with the donor' }],
      });

      const outcome = await handle.result();
      expect(outcome.report.prospects).toMatchObject({ total: 2, byStatus: { prospect: 1, in_discussion: 1 } });
      // Nine follow-ups (days 10..90) in runs of two: five runs, the last one closing the campaign.
      let runs = 0;
      for (let runId: string | null | undefined = firstRun; runId; runs++) {
        const history = await t.env.client.workflow.getHandle(campaignWorkflowId(biennium), runId).fetchHistory();
        runId = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
      }
      expect(runs).toBe(5);
      const state = await handle.query(campaignStateQuery);
      expect(state).toMatchObject({ status: 'closed', followUps: 9, digests: 3 });
      expect(state.prospects.map((p) => p.pledgeId).sort()).toEqual(prospects.map((p) => p.pledgeId).sort());

      const prefix = `${campaignWorkflowId(biennium)}:`;
      const keys = (
        await sql<{ key: string }>(`select key from notification where key like ? order by key`, [`${prefix}%`])
      ).map((r) => r.key.slice(prefix.length));
      expect(keys.filter((k) => k.startsWith('follow-up')).sort()).toEqual(
        [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `follow-up${n}:${b}`).sort(),
      );
      expect(keys.filter((k) => !k.startsWith('follow-up'))).toEqual(['digest1', 'digest2', 'digest3', 'final-report']);
      // Prospects were opened once, by the first run.
      expect((await sql(`select 1 from campaign_prospect where campaign_id = ?`, [campaignId])).length).toBe(2);
      const counts = await sql<{ donor_id: string; follow_ups: number }>(
        `select donor_id, follow_ups from campaign_prospect where campaign_id = ?`,
        [campaignId],
      );
      expect(Object.fromEntries(counts.map((r) => [r.donor_id, r.follow_ups]))).toEqual({ [a]: 0, [b]: 9 });
      await recordHistory(handle, 'campaign-continue-as-new');
      for (const p of prospects)
        await t.env.client.workflow
          .getHandle(pledgeWorkflowId(p.pledgeId))
          .terminate('test over')
          .catch(() => undefined);
    });
  });
});
