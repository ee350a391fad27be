// Les listes de toutes les promesses, campagnes et ateliers (pages de la console).
import type { listsEn } from './lists.en.js';

export const listsFr: Record<keyof typeof listsEn, string> = {
  'lists.status': 'Statut',
  'lists.pledges.biennium': 'Biennium',
  'lists.pledges.donorType': 'Type de donateur',
  'lists.pledges.overdue': 'En retard',
  'lists.pledges.overdue.true': 'En retard seulement',
  'lists.pledges.overdue.false': 'Pas en retard',
  'lists.pledges.sort': 'Ordre',
  'lists.pledges.sort.newest': 'Les plus récentes d’abord',
  'lists.pledges.sort.next_due': 'Prochaine échéance d’abord',
  'lists.pledges.nextDue': 'Prochaine échéance',
  'lists.pledges.none': 'Aucune promesse ne correspond à ces filtres',
  'lists.campaigns.all': 'Toutes les campagnes',
  'lists.campaigns.none': 'Aucune campagne pour l’instant',
  'lists.campaigns.campaign': 'Campagne',
  'lists.workshops.from': 'Commençant à partir du',
  'lists.workshops.to': 'Commençant jusqu’au',
  'lists.workshops.none': 'Aucun atelier ne correspond à ces filtres',
  'lists.workshops.answers': '{yes} oui · {maybe} peut-être · {no} non · {pending} sans réponse',
};
