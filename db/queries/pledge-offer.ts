// A donor's own offer of a pledge tells the secretariat at once, through the outbox like every
// message (keyed by the pledge, so a retried request writes it once). The pledge workflow only
// follows up when an offer has not moved for weeks; the secretariat should hear of it the same day.
// The text comes from the catalogue (`pledge.offered`), in the secretariat's language (English).
import type { EntityManager } from '@mikro-orm/postgresql';
import { appLink, renderMessage } from '../../domain/messages/index.js';
import { pledgeWorkflowId, type FundingOption, type PledgeKind } from '../../domain/pledge.js';

export async function tellSecretariatOfOffer(
  em: EntityManager,
  offer: { pledgeId: string; donorName: string; kind: PledgeKind; fundingOption: FundingOption; biennium: string },
): Promise<void> {
  const { subject, body } = renderMessage(
    'pledge.offered',
    {
      donor: offer.donorName,
      kind: { term: `pledgeKind.${offer.kind}` },
      option: { term: `option.${offer.fundingOption}` },
      biennium: offer.biennium,
    },
    'en',
  );
  const resource = `/pledges/${offer.pledgeId}`;
  await em.execute(
    `insert into notification (id, key, recipient_kind, kind, subject, body, resource, link, created_at)
     values (gen_random_uuid(), ?, 'secretariat', 'pledge.offered', ?, ?, ?, ?, now()) on conflict (key) do nothing`,
    [
      `${pledgeWorkflowId(offer.pledgeId)}:offered`,
      subject.slice(0, 255),
      body,
      resource,
      appLink('secretariat', resource),
    ],
  );
}
