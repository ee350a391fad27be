// campaignWorkflow over one short campaign: prospects, follow-ups, digests and the final report. Its
// own time-skipping server (as test/workflows/campaign.test.ts has): result() skips to the next timer
// of ANY workflow on the server, so the long campaign and the pledge tests run elsewhere.
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

describe('campaignWorkflow on the time-skipping server', () => {
  it('opens prospect pledges, follows up on unmoved ones, sends digests and closes with a final report', async () => {
    await t.run(async () => {
      const donors = [await seedDonor(), await seedDonor(), await seedDonor()];
      const [a, b, c] = donors as [string, string, string];
      const { handle, campaignId, biennium } = await startCampaign(t, sql, donors, {
        followUpEvery: 'P20D',
        closesInDays: 100,
      });
      const prospects = await eventually(async () => {
        const s = await handle.query(campaignStateQuery);
        return s.prospects.length === 3 ? s.prospects : undefined;
      });
      const pledgeOf = (donorId: string) => prospects.find((p) => p.donorId === donorId)!.pledgeId;
      // Donor a answers before the first follow-up; b and c never do.
      const pa = t.env.client.workflow.getHandle(pledgeWorkflowId(pledgeOf(a)));
      await eventually(async () => ((await pa.query(pledgeStateQuery)).status === 'prospect' ? true : undefined));
      await pa.executeUpdate(transitionUpdate, {
        args: [{ to: 'in_discussion', by: 'secretariat', note: 'call with the donor' }],
      });

      const outcome = await handle.result();
      expect(outcome.report.prospects).toMatchObject({ total: 3, byStatus: { prospect: 2, in_discussion: 1 } });
      expect(outcome.report.targetUsdMinor).toBe(100_000_000);

      const prefix = `${campaignWorkflowId(biennium)}:`;
      const keys = (
        await sql<{ key: string }>(`select key from notification where key like ? order by key`, [`${prefix}%`])
      ).map((r) => r.key.slice(prefix.length));
      // Follow-ups at days 20, 40, 60 and 80 to b and c only; digests at 30, 60 and 90; then the report.
      const followUps = keys.filter((k) => k.startsWith('follow-up'));
      expect(followUps.sort()).toEqual([1, 2, 3, 4].flatMap((n) => [b, c].map((d) => `follow-up${n}:${d}`)).sort());
      expect(keys.filter((k) => !k.startsWith('follow-up'))).toEqual(['digest1', 'digest2', 'digest3', 'final-report']);
      const [row] = await sql<{ status: string; final_report: { prospects: { total: number } } }>(
        `select status, final_report from campaign where id = ?`,
        [campaignId],
      );
      expect(row!.status).toBe('closed');
      expect(row!.final_report.prospects.total).toBe(3);
      const counts = await sql<{ donor_id: string; follow_ups: number }>(
        `select donor_id, follow_ups from campaign_prospect where campaign_id = ?`,
        [campaignId],
      );
      expect(Object.fromEntries(counts.map((r) => [r.donor_id, r.follow_ups]))).toEqual({ [a]: 0, [b]: 4, [c]: 4 });
      expect(
        (await sql(`select 1 from pledge where campaign_id = ? and status = 'prospect'`, [campaignId])).length,
      ).toBe(2);
      await recordHistory(handle, 'campaign-close');
      // The prospects' own workflows outlive the campaign (ParentClosePolicy ABANDON).
      for (const p of prospects) {
        // The time-skipping server may already have run them into its 10-year default timeout.
        await t.env.client.workflow
          .getHandle(pledgeWorkflowId(p.pledgeId))
          .terminate('test over')
          .catch(() => undefined);
      }
    });
  });
});
