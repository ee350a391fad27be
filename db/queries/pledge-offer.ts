// A donor's own offer of a pledge tells the secretariat at once, through the outbox like every
// message (keyed by the pledge, so a retried request writes it once). The pledge workflow only
// follows up when an offer has not moved for weeks; the secretariat should hear of it the same day.
import type { EntityManager } from '@mikro-orm/postgresql';
import { appLink } from '../../domain/messages/index.js';
import { pledgeWorkflowId, type FundingOption, type PledgeKind } from '../../domain/pledge.js';

export async function tellSecretariatOfOffer(
  em: EntityManager,
  offer: { pledgeId: string; donorName: string; kind: PledgeKind; fundingOption: FundingOption; biennium: string },
): Promise<void> {
  const what = `${offer.kind === 'in_kind' ? 'an in-kind' : 'a financial'} ${offer.fundingOption} pledge for ${offer.biennium}`;
  await em.getConnection().execute(
    `insert into notification (id, key, recipient_kind, kind, subject, body, resource, link, created_at)
     values (gen_random_uuid(), ?, 'secretariat', 'pledge.offered', ?, ?, ?, ?, now()) on conflict (key) do nothing`,
    [
      `${pledgeWorkflowId(offer.pledgeId)}:offered`,
      `${offer.donorName} offers ${what}`.slice(0, 255),
      `${offer.donorName} offered ${what} from its portal. It is in discussion: agree the terms with the donor, then record it as pledged.`,
      `/pledges/${offer.pledgeId}`,
      appLink('secretariat', `/pledges/${offer.pledgeId}`),
    ],
  );
}
