// What a reporting requirement tells the secretariat (which owes the report) and the donor (which
// receives it).
import type { Template } from './template.js';

export const requirementEn = {
  'reporting-requirement.reminder': {
    subject: 'The {kind} report ({nature}) to donor {donor} is due on {due}',
    body: 'Under its {option} pledge, the secretariat owes donor {donor} its {kind} report ({nature}) by {due}. Record it on the pledge once sent.',
  },
  'reporting-requirement.late': {
    subject: 'The {kind} report ({nature}) to donor {donor} is late',
    body: 'It was due on {due} under the {option} pledge and has not been recorded as sent.',
  },
  'reporting-requirement.escalation': {
    subject: 'The {kind} report ({nature}) to donor {donor} is still missing',
    body: 'It was due on {due} under the {option} pledge and is {after} late; send it to the donor now or agree a new date.',
  },
  'reporting-requirement.submitted': {
    subject: 'Your {kind} report ({nature}) is available: {title}',
    body: 'The UNESCO GNLC secretariat has submitted its {kind} report ({nature}) on your {option} pledge, due on {due}: {title}. Read it on your pledge page.',
  },
  'reporting-requirement.failed': {
    subject: 'A reporting requirement stopped',
    body: 'Its process failed and was closed: {reason}.',
  },
} as const satisfies Record<string, Template>;

export const requirementFr: Record<keyof typeof requirementEn, Template> = {
  'reporting-requirement.reminder': {
    subject: 'Le rapport {kind} ({nature}) au donateur {donor} est attendu le {due}',
    body: "Au titre de sa promesse de don ({option}), le secrétariat doit au donateur {donor} son rapport {kind} ({nature}) d'ici le {due}. Enregistrez-le sur la promesse une fois envoyé.",
  },
  'reporting-requirement.late': {
    subject: 'Le rapport {kind} ({nature}) au donateur {donor} est en retard',
    body: "Il était attendu le {due} au titre de la promesse de don ({option}) et n'a pas été enregistré comme envoyé.",
  },
  'reporting-requirement.escalation': {
    subject: 'Le rapport {kind} ({nature}) au donateur {donor} manque toujours',
    body: 'Il était attendu le {due} au titre de la promesse de don ({option}) et a {after} de retard ; envoyez-le au donateur maintenant ou convenez d’une nouvelle date.',
  },
  'reporting-requirement.submitted': {
    subject: 'Votre rapport {kind} ({nature}) est disponible : {title}',
    body: 'Le secrétariat du GNLC de l’UNESCO a remis son rapport {kind} ({nature}) sur votre promesse de don ({option}), attendu le {due} : {title}. Consultez-le sur la page de votre promesse.',
  },
  'reporting-requirement.failed': {
    subject: "Une obligation de rapport s'est arrêtée",
    body: 'Son processus a échoué et a été clos : {reason}.',
  },
};
