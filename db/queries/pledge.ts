// A pledge's rows, written by the API (so its answer shows them at once) and by the workflow's
// activity alike: every insert is keyed, so a retry or the second writer changes nothing.
import type { EntityManager } from '@mikro-orm/postgresql';
import { pledgeWorkflowId } from '../../domain/pledge.js';
import type { PledgeSpec } from '../../domain/pledge.contract.js';

/** Creates a pledge's rows; answers the pledge's id (a campaign's earlier pledge for the donor, if any). */
export async function openPledge(em: EntityManager, spec: PledgeSpec): Promise<string> {
  // tx.execute runs inside the transaction; tx.getConnection().execute would take another pooled
  // connection outside it (and, with the pool busy, wait for itself).
  return em.transactional(async (tx) => {
    await tx.execute(
      `insert into pledge (id, workflow_id, donor_id, kind, funding_option, sub_option, focus, biennium, status, status_since,
         currency, amount_minor, in_kind, valuation, valuation_status, reminders, campaign_id, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?, ?, ?, ?, ?, ?, ?, now(), now()) on conflict do nothing`,
      [
        spec.pledgeId,
        pledgeWorkflowId(spec.pledgeId),
        spec.donorId,
        spec.kind,
        spec.fundingOption,
        spec.subOption,
        `{${spec.focus.join(',')}}`,
        spec.biennium,
        spec.status,
        spec.currency,
        spec.amountMinor,
        spec.inKind ? JSON.stringify(spec.inKind) : null,
        spec.inKind?.valuation ? JSON.stringify(spec.inKind.valuation) : null,
        spec.inKind?.valuation ? 'proposed' : 'none',
        JSON.stringify(spec.reminders),
        spec.campaignId,
      ],
    );
    // A campaign's second attempt for the same donor finds the first pledge (unique campaign+donor).
    const [row] = spec.campaignId
      ? await tx.execute<{ id: string }[]>(`select id from pledge where campaign_id = ? and donor_id = ?`, [
          spec.campaignId,
          spec.donorId,
        ])
      : [{ id: spec.pledgeId }];
    const id = row!.id;
    if (id !== spec.pledgeId) return id;
    for (const i of spec.instalments) {
      await tx.execute(
        `insert into instalment (id, pledge_id, seq, due, amount_minor, paid_minor, status, updated_at)
         values (gen_random_uuid(), ?, ?, ?, ?, 0, 'scheduled', now()) on conflict do nothing`,
        [id, i.seq, i.due, i.amountMinor],
      );
    }
    await tx.execute(
      `insert into pledge_status_change (id, pledge_id, seq, from_status, to_status, by, note, at)
       values (gen_random_uuid(), ?, 1, null, ?, ?, ?, now()) on conflict do nothing`,
      [id, spec.status, spec.by, spec.note],
    );
    return id;
  });
}
