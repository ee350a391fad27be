import type { requirementsEn } from './requirements.en.js';

export const requirementsFr: Record<keyof typeof requirementsEn, string> = {
  'requirements.title': 'Rapports dus au donateur',
  'requirements.intro':
    'Les rapports intermédiaires et finaux de l’accord, narratifs ou financiers. Le secrétariat est relancé avant chaque échéance.',
  'requirements.none': 'Cet accord ne demande encore aucun rapport.',
  'requirements.kind': 'Type',
  'requirements.nature': 'Nature',
  'requirements.titleField': 'Titre',
  'requirements.dueOn': 'Échéance',
  'requirements.status': 'Statut',
  'requirements.report': 'Rapport',
  'requirements.noReport': 'Pas encore remis',
  'requirements.add': 'Ajouter une exigence',
  'requirements.added': 'Exigence ajoutée ; le secrétariat sera relancé avant l’échéance.',
  'requirements.record': 'Enregistrer le rapport',
  'requirements.recordN': 'Enregistrer le rapport dû le {due}',
  'requirements.recorded': 'Rapport enregistré ; le donateur en a été informé.',
  'requirements.reportTitle': 'Titre du rapport',
  'requirements.reportUrl': 'Lien vers le document (https)',
  'requirements.kind.interim': 'Intermédiaire',
  'requirements.kind.final': 'Final',
  'requirements.nature.narrative': 'Narratif',
  'requirements.nature.financial': 'Financier',
  'status.late': 'En retard',
};
