// What the cluster cycle tells the secretariat about a new term's advisory session.
import type { Template } from './template.js';

export const advisoryEn = {
  'advisory-session-proposal.proposed': {
    subject: 'Advisory session to schedule for {cluster}',
    body: "The {cluster} coordinators' term started on {termStart}. An advisory session is proposed: schedule it (or dismiss the proposal) so that it takes place by {dueBy}.",
  },
  'advisory-session-proposal.overdue': {
    subject: 'No advisory session yet for {cluster}',
    body: "The {cluster} coordinators' term started on {termStart}, and no advisory session has been held or scheduled by {dueBy}.",
  },
} as const satisfies Record<string, Template>;

export const advisoryFr: Record<keyof typeof advisoryEn, Template> = {
  'advisory-session-proposal.proposed': {
    subject: 'Séance de conseil à planifier pour {cluster}',
    body: "Le mandat des coordinateurs du cluster {cluster} a commencé le {termStart}. Une séance de conseil est proposée : planifiez-la (ou écartez la proposition) pour qu'elle ait lieu d'ici le {dueBy}.",
  },
  'advisory-session-proposal.overdue': {
    subject: 'Pas encore de séance de conseil pour {cluster}',
    body: "Le mandat des coordinateurs du cluster {cluster} a commencé le {termStart}, et aucune séance de conseil n'a été tenue ni planifiée d'ici le {dueBy}.",
  },
};
