// Restructuration des groupes thématiques (console).
import type { restructuringEn } from './restructuring.en.js';

export const restructuringFr: Record<keyof typeof restructuringEn, string> = {
  'restructuring.title': 'Restructurer les groupes thématiques',
  'restructuring.open': 'Restructurer',
  'restructuring.intro':
    'Retirer des groupes et transférer leurs membres vers un successeur. Prévisualisez d’abord : rien ne change avant l’application du plan, puis tout change d’un coup.',
  'restructuring.effectiveOn': 'Prend effet le',
  'restructuring.effectiveOnHelp': 'Les anciennes adhésions prennent fin et les nouvelles commencent ce jour-là',
  'restructuring.moves': 'Groupes à retirer',
  'restructuring.from': 'Groupe retiré',
  'restructuring.to': 'Successeur',
  'restructuring.noSuccessor': 'Aucun successeur (les adhésions prennent fin)',
  'restructuring.addMove': 'Ajouter un groupe à retirer',
  'restructuring.removeMove': 'Supprimer le transfert {n}',
  'restructuring.move': 'Transfert {n}',
  'restructuring.note': 'Motif (conservé dans l’historique)',
  'restructuring.preview': 'Prévisualiser',
  'restructuring.apply': 'Appliquer ce plan',
  'restructuring.applied': 'Groupes restructurés',
  'restructuring.plan': 'Le plan',
  'restructuring.counts':
    '{moves} adhésions transférées, {merged} fusionnées avec un autre transfert, {alreadyMember} déjà membres du successeur, {ends} terminées, {termsEnding} mandats de coordination terminés',
  'restructuring.city': 'Ville',
  'restructuring.representative': 'Représentant·e',
  'restructuring.outcome': 'Ce qui se passe',
  'restructuring.outcome.moves': 'Transférée',
  'restructuring.outcome.already_member': 'Déjà membre du successeur',
  'restructuring.outcome.merged': 'Fusionnée (transférée par une autre ligne)',
  'restructuring.outcome.ends': 'Prend fin, sans successeur',
  'restructuring.noMembers': 'Aucune adhésion en cours dans ces groupes',
  'restructuring.termsEnding': 'Mandats de coordination qui prennent fin',
  'restructuring.history': 'Restructurations appliquées',
  'restructuring.noHistory': 'Aucune restructuration appliquée pour l’instant',
  'restructuring.appliedAt': 'Appliquée le',
  'restructuring.summary': 'Transferts',
  'restructuring.stale':
    'Le formulaire a changé depuis la prévisualisation : prévisualisez à nouveau avant d’appliquer.',
};
