// What a coordinators' meeting asks of the coordinator cities and tells the secretariat.
import type { Template } from './template.js';

export const meetingEn = {
  'meeting.report-request': {
    subject: 'Status report on the {cluster} work plan',
    body: '{title} takes place on {at}. Please submit your report per output (value reached, on track / at risk / off track, a note) by {due}.',
  },
  'meeting.report-reminder': {
    subject: 'Reminder: {cluster} status report due',
    body: 'Your report for {title} is due by {due}. Please submit it.',
  },
  'meeting.cancelled': {
    subject: 'Cancelled: {title}',
    body: 'The meeting is cancelled: {reason}',
  },
  'meeting.reports-missing': {
    subject: 'Missing status reports for {title}',
    body: 'Not reported by {due}: {missing}.',
  },
  'meeting.failed': {
    subject: 'The coordinator meeting {title} stopped',
    body: 'Its process failed and was closed: {reason}. Open it again once the cause is mended.',
  },
} as const satisfies Record<string, Template>;

export const meetingFr: Record<keyof typeof meetingEn, Template> = {
  'meeting.report-request': {
    subject: "Rapport d'avancement sur le plan de travail du cluster {cluster}",
    body: "{title} a lieu le {at}. Merci de soumettre votre rapport par produit (valeur atteinte, en bonne voie / à risque / en retard, une note) d'ici le {due}.",
  },
  'meeting.report-reminder': {
    subject: "Rappel : rapport d'avancement du cluster {cluster} attendu",
    body: "Votre rapport pour {title} est attendu d'ici le {due}. Merci de le soumettre.",
  },
  'meeting.cancelled': {
    subject: 'Annulée : {title}',
    body: 'La réunion est annulée : {reason}',
  },
  'meeting.reports-missing': {
    subject: "Rapports d'avancement manquants pour {title}",
    body: 'Non remis au {due} : {missing}.',
  },
  'meeting.failed': {
    subject: 'La réunion des coordinateurs {title} s’est arrêtée',
    body: 'Son processus a échoué et a été clos : {reason}. Rouvrez-la une fois la cause réparée.',
  },
};
