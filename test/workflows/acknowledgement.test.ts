// Each receipt sends the donor's contact one acknowledgement — the amount in its currency and in USD
// at the recorded rate, the fund credited — even when the activity that records it is retried, in
// the contact's language. And a fulfilled pledge reminds the secretariat (which owes the report),
// through the REPORT_OWED_PATCH path, recorded as a history for the replay test.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { acknowledgementKey } from '../../db/queries/acknowledgement.js';
import { toUsd } from '../../domain/money.js';
import { buildSchedule, pledgeWorkflowId, reminderSettings } from '../../domain/pledge.js';
import type { PledgeSpec, ReceiptArgs } from '../../domain/pledge.contract.js';
import { pledgeWorkflow, receiptUpdate } from '../../workflows/pledge.js';
import { createLogger } from '../../platform/logger.js';
import { seedDonor } from '../support/funding.js';
import { recordHistory } from '../support/histories.js';
import { sqlOn } from '../support/sql.js';
import { eventually, terminateIdle, useWorkflowEnv, workerLosingFirstAnswer } from '../support/workflow-env.js';

const t = useWorkflowEnv();
const sql = sqlOn(() => t.orm);
const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function specFor(donorId: string, now: number, amountMinor = 10_000_000): Promise<PledgeSpec> {
  const schedule = buildSchedule(amountMinor, { list: [{ due: day(now + 30 * DAY), amountMinor }] });
  if (!schedule.ok) throw new Error(schedule.message);
  return {
    pledgeId: randomUUID(),
    donorId,
    kind: 'financial',
    fundingOption: 'capacity_building_ldc',
    subOption: null,
    focus: [],
    biennium: '2025-2027',
    status: 'agreement_signed',
    currency: 'EUR',
    amountMinor,
    instalments: schedule.instalments,
    inKind: null,
    reminders: reminderSettings({ reportDue: 'P30D', beforeDue: 'P14D' }),
    campaignId: null,
    by: 'secretariat',
    note: null,
  };
}

const receipt = (key: string, minor: number, receivedOn: string): ReceiptArgs => ({
  key,
  currency: 'EUR',
  amountMinor: minor,
  receivedOn,
  fxRateToUsd: '1.08',
  usdMinor: toUsd(minor, 'EUR', '1.08'),
  pledgeMinor: minor,
  receiptNumber: key,
  by: 'secretariat',
});

const acks = (pledgeId: string) =>
  sql<{ key: string; recipient_kind: string; subject: string; body: string; email: string | null }>(
    `select key, recipient_kind, subject, body, email from notification where key like ?`,
    [`acknowledgement:${pledgeId}:%`],
  );

describe('acknowledgements of receipts', () => {
  it('writes one acknowledgement when the recording activity runs twice, in the contact language', async () => {
    const donorId = await seedDonor(sql);
    await sql(`update donor set contact_language = 'fr' where id = ?`, [donorId]);
    const spec = await specFor(donorId, Date.now());
    const acts = createActivities({ orm: t.orm, logger: createLogger('silent') });
    await acts.openPledge(spec);
    const r = {
      ...receipt('R-100', 10_000_000, day(Date.now())),
      pledgeId: spec.pledgeId,
      allocations: [],
      overpaymentMinor: 0,
    };
    expect(await acts.recordReceipt(r)).toEqual({ created: true });
    // An at-least-once retry of the same activity: nothing recorded or sent twice.
    expect(await acts.recordReceipt(r)).toEqual({ created: false });
    const sent = await acks(spec.pledgeId);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.key).toBe(acknowledgementKey(spec.pledgeId, 'R-100'));
    expect(sent[0]!.recipient_kind).toBe('donor');
    // French: the amount in euros and in US dollars at the receipt's rate (1.08), the fund named.
    expect(sent[0]!.subject).toMatch(/^Nous avons reçu 100[\s\u202f]000,00\s€ \(108[\s\u202f]000,00\s\$US\)/);
    expect(sent[0]!.body).toContain('renforcement des capacités dans les pays les moins avancés');
    expect(sent[0]!.body).toContain('R-100');
  });

  it('acknowledges once when the worker retries the receipt activity after it took effect', async () => {
    const { worker, taskQueue, attempts } = await workerLosingFirstAnswer(t, 'recordReceipt', 'ack');
    await worker.runUntil(async () => {
      const donorId = await seedDonor(sql);
      const now = await t.env.currentTimeMs();
      const spec = await specFor(donorId, now);
      const handle = await t.env.client.workflow.start(pledgeWorkflow, {
        workflowId: pledgeWorkflowId(spec.pledgeId),
        taskQueue,
        args: [{ spec }],
      });
      await eventually(async () =>
        (await sql(`select 1 from pledge where id = ?`, [spec.pledgeId])).length ? true : undefined,
      );
      const result = await handle.executeUpdate(receiptUpdate, { args: [receipt('R-7', 10_000_000, day(now))] });
      expect(result.status).toBe('fulfilled');
      expect(attempts()).toBe(2);
      const sent = await acks(spec.pledgeId);
      expect(sent.map((a) => a.key)).toEqual([acknowledgementKey(spec.pledgeId, 'R-7')]);
      expect(sent[0]!.subject).toMatch(/^We have received €100,000\.00 \(US\$108,000\.00\)/);
      expect(sent[0]!.email).toMatch(/@donor\.example\.org$/);
      expect((await sql(`select 1 from receipt where pledge_id = ?`, [spec.pledgeId])).length).toBe(1);
      // Fulfilled: the secretariat is reminded of the report it owes, 14 days before the 30 it has.
      await t.env.sleep(16 * DAY + 3_600_000);
      const owed = await eventually(async () => {
        const [n] = await sql<{ recipient_kind: string; subject: string }>(
          `select recipient_kind, subject from notification where key = ?`,
          [`${pledgeWorkflowId(spec.pledgeId)}:report:owed`],
        );
        return n;
      });
      expect(owed.recipient_kind).toBe('secretariat');
      expect(owed.subject).toMatch(/^The report to donor Donor .* is due on /);
      expect(
        (await sql(`select 1 from notification where key = ?`, [`${pledgeWorkflowId(spec.pledgeId)}:report:reminder`]))
          .length,
      ).toBe(0);
      await terminateIdle(handle, 'test over');
      await recordHistory(handle, 'pledge-report-owed');
    });
  });
});
