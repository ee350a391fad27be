import type { advisoryEn } from './advisory.en.js';

export const advisoryFr: Record<keyof typeof advisoryEn, string> = {
  'advisory.title': 'Séances de conseil à planifier',
  'advisory.intro':
    "Proposées quand le mandat des coordinateurs d'un cluster commence. Planifiez chacune, ou écartez-la ; sinon, un rappel vous est envoyé à l'échéance.",
  'advisory.cluster': 'Cluster',
  'advisory.termStart': 'Début du mandat',
  'advisory.dueBy': 'À tenir avant le',
  'advisory.actions': 'Actions',
  'advisory.schedule': 'Planifier',
  'advisory.scheduleFor': 'Planifier la séance de conseil du cluster {cluster}',
  'advisory.dismiss': 'Écarter',
  'advisory.dismissFor': 'Écarter la séance de conseil du cluster {cluster}',
  'advisory.dismissed': 'Proposition écartée',
  'advisory.defaultTitle': 'Séance de conseil {cluster} pour les nouveaux coordinateurs',
  'advisory.none': "Aucune séance de conseil n'attend d'être planifiée",
};
