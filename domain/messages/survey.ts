// What a member survey tells the cities asked and the secretariat.
import type { Template } from './template.js';

export const surveyEn = {
  'survey.opened': {
    subject: 'Survey: {title}',
    body: 'Your city is asked to answer the survey “{title}” by {closes}.',
  },
  'survey.reminder': {
    subject: 'Reminder — survey: {title}',
    body: 'Your city has not answered the survey “{title}” yet; it closes on {closes}.',
  },
  'survey.cancelled': {
    subject: 'Survey cancelled: {title}',
    body: 'The survey “{title}” was cancelled: {reason}',
  },
  'survey.closed': {
    subject: 'Survey closed: {title}',
    body: '{respondents} of {addressees} cities answered the survey “{title}”.',
  },
  'survey.failed': {
    subject: 'The survey {title} stopped',
    body: 'Its process failed and was closed: {reason}. Open it again once the cause is mended.',
  },
} as const satisfies Record<string, Template>;

export const surveyFr: Record<keyof typeof surveyEn, Template> = {
  'survey.opened': {
    subject: 'Enquête : {title}',
    body: 'Votre ville est invitée à répondre à l’enquête « {title} » d’ici le {closes}.',
  },
  'survey.reminder': {
    subject: 'Rappel — enquête : {title}',
    body: 'Votre ville n’a pas encore répondu à l’enquête « {title} » ; elle se termine le {closes}.',
  },
  'survey.cancelled': {
    subject: 'Enquête annulée : {title}',
    body: 'L’enquête « {title} » a été annulée : {reason}',
  },
  'survey.closed': {
    subject: 'Enquête close : {title}',
    body: '{respondents} villes sur {addressees} ont répondu à l’enquête « {title} ».',
  },
  'survey.failed': {
    subject: 'L’enquête {title} s’est arrêtée',
    body: 'Son processus a échoué et a été clos : {reason}. Rouvrez-la une fois la cause réparée.',
  },
};
