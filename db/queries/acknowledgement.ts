// The acknowledgement a donor gets for each receipt: the amount in its own currency and in USD at
// the rate recorded with the receipt, and the fund credited (the pledge's funding option until
// funds are their own records). Keyed by the receipt: written once whatever the retries.
import type { EntityManager } from '@mikro-orm/postgresql';
import { message } from '../../domain/messages/index.js';
import type { NotificationRequest } from '../../domain/notification.js';

/** `acknowledgement:<pledge>:<receipt key>`: the business key of a receipt's acknowledgement. */
export const acknowledgementKey = (pledgeId: string, receiptKey: string) => `acknowledgement:${pledgeId}:${receiptKey}`;

export async function acknowledgementOf(
  em: EntityManager,
  r: {
    pledgeId: string;
    key: string;
    currency: string;
    amountMinor: number;
    usdMinor: number;
    receivedOn: string;
    receiptNumber: string | null;
  },
): Promise<NotificationRequest | null> {
  const [p] = await em.execute<{ donor_id: string; funding_option: string }[]>(
    `select donor_id, funding_option from pledge where id = ?`,
    [r.pledgeId],
  );
  if (!p) return null;
  return {
    key: acknowledgementKey(r.pledgeId, r.key),
    recipientKind: 'donor',
    donorId: p.donor_id,
    kind: 'acknowledgement.receipt',
    message: message('acknowledgement.receipt', {
      amount: { money: { minor: r.amountMinor, currency: r.currency, usdMinor: r.usdMinor } },
      day: { date: r.receivedOn },
      receipt: r.receiptNumber ?? r.key,
      fund: { term: `option.${p.funding_option}` },
    }),
    resource: `/pledges/${r.pledgeId}`,
  };
}
