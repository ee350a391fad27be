// What a workshop tells the invited cities, its experts, its coordinators and the secretariat.
import type { Template } from './template.js';

export const workshopEn = {
  'workshop.invitation': {
    subject: 'Invitation: {title}',
    body: '{cluster} {kind} workshop, {when}. Please RSVP (yes, no or maybe, with the names of those attending) before {rsvpBy}.',
  },
  'workshop.rescheduled': {
    subject: 'Rescheduled: {title}',
    body: 'The workshop now takes place on {when}; please RSVP by {rsvpBy}.',
  },
  'workshop.cancelled': {
    subject: 'Cancelled: {title}',
    body: 'The workshop is cancelled: {reason}',
  },
  'workshop.rsvp-reminder': {
    subject: 'Reminder: will you attend {title}?',
    body: 'Your city has not answered yet; please RSVP by {rsvpBy}. The workshop: {when}.',
  },
  'workshop.outcomes-reminder': {
    subject: 'Outcomes of {title} are due',
    body: "Please submit the workshop's outcomes (conceptual definition, summary, successes, challenges, documents) by {due}.",
  },
  'workshop.outcomes-overdue': {
    subject: 'Overdue: outcomes of {title}',
    body: 'The {cluster} workshop ended on {ended}; its outcomes were due on {due} and have not been submitted.',
  },
  'workshop.failed': {
    subject: 'The workshop {title} stopped',
    body: 'Its process failed and was closed: {reason}. Open it again once the cause is mended.',
  },
} as const satisfies Record<string, Template>;

export const workshopFr: Record<keyof typeof workshopEn, Template> = {
  'workshop.invitation': {
    subject: 'Invitation : {title}',
    body: 'Atelier {kind} du cluster {cluster}, {when}. Merci de répondre (oui, non ou peut-être, avec les noms des participants) avant le {rsvpBy}.',
  },
  'workshop.rescheduled': {
    subject: 'Nouvelle date : {title}',
    body: "L'atelier a désormais lieu le {when} ; merci de répondre d'ici le {rsvpBy}.",
  },
  'workshop.cancelled': {
    subject: 'Annulé : {title}',
    body: "L'atelier est annulé : {reason}",
  },
  'workshop.rsvp-reminder': {
    subject: 'Rappel : participerez-vous à {title} ?',
    body: "Votre ville n'a pas encore répondu ; merci de répondre d'ici le {rsvpBy}. L'atelier : {when}.",
  },
  'workshop.outcomes-reminder': {
    subject: 'Les résultats de {title} sont attendus',
    body: "Merci de soumettre les résultats de l'atelier (définition conceptuelle, synthèse, réussites, difficultés, documents) d'ici le {due}.",
  },
  'workshop.outcomes-overdue': {
    subject: 'En retard : résultats de {title}',
    body: "L'atelier du cluster {cluster} s'est terminé le {ended} ; ses résultats étaient attendus le {due} et n'ont pas été soumis.",
  },
  'workshop.failed': {
    subject: "L'atelier {title} s'est arrêté",
    body: 'Son processus a échoué et a été clos : {reason}. Rouvrez-le une fois la cause réparée.',
  },
};
