import { randomUUID } from 'node:crypto';
import { beforeAll, expect } from 'vitest';
import { campaignWorkflowId } from '../../domain/campaign.js';
import { reminderSettings } from '../../domain/pledge.js';
import { campaignWorkflow } from '../../workflows/campaign.js';
import { useTestApp } from './app.js';
import type { WorkflowTestEnv } from './workflow-env.js';

type Sql = <T>(q: string, params?: unknown[]) => Promise<T[]>;

/** A foundation with a contact address, written directly (workflow tests have no API). */
export async function seedDonor(sql: Sql): Promise<string> {
  const id = randomUUID();
  await sql(
    `insert into donor (id, name, type, contact_email, created_at, updated_at) values (?, ?, 'foundation', ?, now(), now())`,
    [id, `Donor ${id.slice(0, 8)}`, `${id.slice(0, 8)}@donor.example.org`],
  );
  return id;
}

/** Bienniums handed out in this process (a campaign may be opened before its first pledge is written). */
const taken: string[] = [];

/** A biennium no other test uses, cleared of any campaign an earlier run left (campaigns are unique per biennium). */
export async function freshBiennium(sql: Sql): Promise<string> {
  // Bienniums end by 2100 (domain/biennium.ts): one with no pledge yet, from 2030 on (real ones are earlier).
  const used = new Set(
    (await sql<{ biennium: string }>(`select distinct biennium from pledge`)).map((r) => r.biennium).concat(taken),
  );
  const free = Array.from({ length: 2098 - 2030 + 1 }, (_, i) => `${2030 + i}-${2032 + i}`).filter((b) => !used.has(b));
  if (!free.length) throw new Error('every test biennium 2030-2032..2098-2100 has pledges: use a fresh database');
  const biennium = free[Math.floor(Math.random() * free.length)]!;
  taken.push(biennium);
  await sql(`delete from campaign_prospect where campaign_id in (select id from campaign where biennium = ?)`, [
    biennium,
  ]);
  await sql(`update pledge set campaign_id = null where campaign_id in (select id from campaign where biennium = ?)`, [
    biennium,
  ]);
  await sql(`delete from campaign where biennium = ?`, [biennium]);
  return biennium;
}

/** Starts a campaign workflow for `donorIds` in a fresh biennium, closing `closesInDays` from the server's now. */
export async function startCampaign(
  t: WorkflowTestEnv,
  sql: Sql,
  donorIds: string[],
  opts: { followUpEvery: string; closesInDays: number; followUpsPerRun?: number },
) {
  const campaignId = randomUUID();
  const biennium = await freshBiennium(sql);
  const now = await t.env.currentTimeMs();
  const handle = await t.env.client.workflow.start(campaignWorkflow, {
    workflowId: campaignWorkflowId(biennium),
    taskQueue: t.taskQueue,
    args: [
      {
        campaignId,
        biennium,
        targetUsdMinor: 100_000_000,
        donorIds,
        fundingOption: 'mdfm',
        followUpEvery: opts.followUpEvery,
        digestEvery: 'P30D',
        closesAt: now + opts.closesInDays * 86_400_000,
        inKindCountsTowardTarget: false,
        reminders: reminderSettings(),
        ...(opts.followUpsPerRun ? { followUpsPerRun: opts.followUpsPerRun } : {}),
      },
    ],
  });
  return { handle, campaignId, biennium, now };
}

/** A body for POST /pledges: EUR 300,000 to the MDFM in three instalments of 2026. */
export const financialPledge = (donorId: string, extra: Record<string, unknown> = {}) => ({
  donorId,
  kind: 'financial',
  fundingOption: 'mdfm',
  focus: ['africa'],
  biennium: '2025-2027',
  amount: { currency: 'EUR', value: '300000.00' },
  instalments: [
    { due: '2026-01-15', amount: '100000' },
    { due: '2026-03-15', amount: '100000.00' },
    { due: '2026-09-15', amount: '100000.0' },
  ],
  ...extra,
});

/** The file's API (useTestApp) with one EUR rate, 1.08 on 2026-01-01, recorded before its tests. */
export function useFundingApp() {
  const api = useTestApp();
  beforeAll(async () => {
    expect([200, 201]).toContain(
      (await api.http.post('/fx-rates', { currency: 'EUR', date: '2026-01-01', rateToUsd: '1.08' })).status,
    );
  });
  return api;
}
