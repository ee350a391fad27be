// What a contact-log entry's follow-up tells the secretariat when its next step falls due.
import type { Template } from './template.js';

export const donorContactEn = {
  'donor-contact.follow-up-due': {
    subject: 'Next step due with {donor}: {step}',
    body: 'The next step agreed with {donor}, “{step}”, falls due on {due}. Mark it done in the contact log, or reschedule it.',
  },
  'donor-contact.failed': {
    subject: 'The follow-up with {donor} stopped',
    body: 'Its process failed and was closed: {reason}.',
  },
} as const satisfies Record<string, Template>;

export const donorContactFr: Record<keyof typeof donorContactEn, Template> = {
  'donor-contact.follow-up-due': {
    subject: 'Prochaine étape due avec {donor} : {step}',
    body: 'La prochaine étape convenue avec {donor}, « {step} », arrive à échéance le {due}. Marquez-la comme faite dans le journal des contacts, ou reportez-la.',
  },
  'donor-contact.failed': {
    subject: 'Le suivi avec {donor} s’est arrêté',
    body: 'Son processus a échoué et a été clos : {reason}.',
  },
};
