// What the biennial progress-report cycle tells the member cities and the secretariat.
import type { Template } from './template.js';

export const progressReportEn = {
  'progress-report.requested': {
    subject: 'Progress report {biennium}',
    body: 'Your city is asked for its progress report for the biennium {biennium}: its strategies and activities for lifelong learning, by {due}.',
  },
  'progress-report.reminder': {
    subject: 'Reminder — progress report {biennium}',
    body: 'Your city has not handed in its progress report for the biennium {biennium} yet; it is due by {due}.',
  },
  'progress-report.late': {
    subject: 'Progress reports {biennium}: {missed} late',
    body: '{submitted} of {requested} cities reported for the biennium {biennium}; {missed} did not by the due date. {flagged} cities have now missed two consecutive cycles and are flagged.',
  },
  'progress-report.failed': {
    subject: 'The progress-report cycle {biennium} stopped',
    body: 'Its process failed and was closed: {reason}. Open it again once the cause is mended.',
  },
} as const satisfies Record<string, Template>;

export const progressReportFr: Record<keyof typeof progressReportEn, Template> = {
  'progress-report.requested': {
    subject: 'Rapport d’avancement {biennium}',
    body: 'Votre ville est invitée à remettre son rapport d’avancement pour la période biennale {biennium} : ses stratégies et activités d’apprentissage tout au long de la vie, d’ici le {due}.',
  },
  'progress-report.reminder': {
    subject: 'Rappel — rapport d’avancement {biennium}',
    body: 'Votre ville n’a pas encore remis son rapport d’avancement pour la période biennale {biennium} ; il est attendu d’ici le {due}.',
  },
  'progress-report.late': {
    subject: 'Rapports d’avancement {biennium} : {missed} en retard',
    body: '{submitted} villes sur {requested} ont remis leur rapport pour la période biennale {biennium} ; {missed} ne l’ont pas fait à l’échéance. {flagged} villes ont désormais manqué deux cycles consécutifs et sont signalées.',
  },
  'progress-report.failed': {
    subject: 'Le cycle de rapports d’avancement {biennium} s’est arrêté',
    body: 'Son processus a échoué et a été clos : {reason}. Rouvrez-le une fois la cause réparée.',
  },
};
