// What a cluster's work plan outputs tell its coordinators and the secretariat: a reminder before an
// output falls due, a late notice once it has passed its due date without reaching its target.
import type { Template } from './template.js';

export const workPlanOutputEn = {
  'work-plan-output.due-soon': {
    subject: 'Work plan output due on {due}: {title}',
    body: 'The output “{title}” of the {cluster} cluster’s {biennium} work plan is due on {due} and has not reached its target yet. Record its progress, or move its due date in the work plan.',
  },
  'work-plan-output.late': {
    subject: 'Work plan output late: {title}',
    body: 'The output “{title}” of the {cluster} cluster’s {biennium} work plan was due on {due} and has not reached its target.',
  },
  'work-plan-output.failed': {
    subject: 'The work plan output reminders of {cluster} ({biennium}) stopped',
    body: 'Their process failed and was closed: {reason}. Saving the work plan again starts them anew.',
  },
} as const satisfies Record<string, Template>;

export const workPlanOutputFr: Record<keyof typeof workPlanOutputEn, Template> = {
  'work-plan-output.due-soon': {
    subject: 'Produit du plan de travail attendu le {due} : {title}',
    body: 'Le produit « {title} » du plan de travail {biennium} du groupe {cluster} est attendu le {due} et n’a pas encore atteint sa cible. Enregistrez son avancement, ou déplacez son échéance dans le plan de travail.',
  },
  'work-plan-output.late': {
    subject: 'Produit du plan de travail en retard : {title}',
    body: 'Le produit « {title} » du plan de travail {biennium} du groupe {cluster} était attendu le {due} et n’a pas atteint sa cible.',
  },
  'work-plan-output.failed': {
    subject: 'Les rappels des produits du plan de travail de {cluster} ({biennium}) se sont arrêtés',
    body: 'Leur processus a échoué et a été clos : {reason}. Enregistrer de nouveau le plan de travail les relance.',
  },
};
