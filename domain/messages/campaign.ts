// What a fundraising campaign tells its prospective donors and the secretariat.
import type { Template } from './template.js';

export const campaignEn = {
  'campaign.follow-up': {
    subject: 'Funding the UNESCO GNLC in {biennium}',
    body: 'The secretariat would welcome a conversation about your contribution to the Global Network of Learning Cities (the MDFM pooled fund or an earmarked priority area).',
  },
  'campaign.digest': {
    subject: 'Campaign {biennium}: progress digest {n}',
    body: 'Pledged {pledged} of {target} ({pct}%), received {received}. Prospects ({total}): {statuses}.',
  },
  'campaign.final-report': {
    subject: 'Campaign {biennium} closed: final report',
    body: 'Pledged {pledged} of {target} ({pct}%), received {received}. Prospects ({total}): {statuses}.',
  },
  'campaign.failed': {
    subject: 'The {biennium} campaign stopped',
    body: 'Its process failed and was closed: {reason}. Open it again once the cause is mended.',
  },
} as const satisfies Record<string, Template>;

export const campaignFr: Record<keyof typeof campaignEn, Template> = {
  'campaign.follow-up': {
    subject: 'Financer le GNLC de l’UNESCO en {biennium}',
    body: "Le secrétariat serait heureux d'échanger avec vous sur votre contribution au Réseau mondial des villes apprenantes (le fonds commun MDFM ou un domaine prioritaire affecté).",
  },
  'campaign.digest': {
    subject: 'Campagne {biennium} : point d’étape {n}',
    body: 'Promis {pledged} sur {target} ({pct} %), reçu {received}. Prospects ({total}) : {statuses}.',
  },
  'campaign.final-report': {
    subject: 'Campagne {biennium} close : rapport final',
    body: 'Promis {pledged} sur {target} ({pct} %), reçu {received}. Prospects ({total}) : {statuses}.',
  },
  'campaign.failed': {
    subject: "La campagne {biennium} s'est arrêtée",
    body: 'Son processus a échoué et a été clos : {reason}. Rouvrez-la une fois la cause réparée.',
  },
};
