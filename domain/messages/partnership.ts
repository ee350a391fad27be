// What a partnership for an African city tells the two cities and the secretariat.
import type { Template } from './template.js';

export const partnershipEn = {
  'partnership.started': {
    subject: 'Partnership: {title}',
    body: 'The partnership “{title}” between {supporting} and {african} has begun. Progress reports are due every {every}, the first on {due}.',
  },
  'partnership.report-reminder': {
    subject: 'Progress report due — {title}',
    body: 'Progress report {seq} of the partnership “{title}” is due on {due}. Please submit it in the city portal.',
  },
  'partnership.report-late': {
    subject: 'Late progress report — {title}',
    body: 'Progress report {seq} of the partnership “{title}” by {supporting} was due on {due} and has not been submitted.',
  },
  'partnership.completed': {
    subject: 'Partnership completed: {title}',
    body: 'The partnership “{title}” is completed. Outcome: {outcome}.',
  },
  'partnership.failed': {
    subject: 'The partnership {title} stopped',
    body: 'Its process failed and was closed: {reason}. Its report reminders have stopped.',
  },
} as const satisfies Record<string, Template>;

export const partnershipFr: Record<keyof typeof partnershipEn, Template> = {
  'partnership.started': {
    subject: 'Partenariat : {title}',
    body: 'Le partenariat « {title} » entre {supporting} et {african} a commencé. Les rapports d’avancement sont attendus tous les {every}, le premier le {due}.',
  },
  'partnership.report-reminder': {
    subject: 'Rapport d’avancement attendu — {title}',
    body: 'Le rapport d’avancement {seq} du partenariat « {title} » est attendu le {due}. Merci de le soumettre dans le portail des villes.',
  },
  'partnership.report-late': {
    subject: 'Rapport d’avancement en retard — {title}',
    body: 'Le rapport d’avancement {seq} du partenariat « {title} » de {supporting} était attendu le {due} et n’a pas été soumis.',
  },
  'partnership.completed': {
    subject: 'Partenariat terminé : {title}',
    body: 'Le partenariat « {title} » est terminé. Résultat : {outcome}.',
  },
  'partnership.failed': {
    subject: 'Le partenariat {title} s’est arrêté',
    body: 'Son processus a échoué et a été clos : {reason}. Ses rappels de rapport se sont arrêtés.',
  },
};
