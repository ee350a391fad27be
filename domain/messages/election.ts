// What a coordinator election tells the member cities and the secretariat, in English and French.
import type { Template } from './template.js';

export const electionEn = {
  'election.nominated': {
    subject: 'Your city was nominated as {cluster} coordinator',
    body: 'Another member city nominated yours to coordinate the {cluster} cluster. Please accept or decline the nomination before nominations close on {closes}.',
  },
  'election.nominations-open': {
    subject: 'Nominations are open for {cluster} coordinators',
    body: 'Nominate a member city (your own included) to coordinate the {cluster} cluster before {closes}.',
  },
  'election.nominations-extended': {
    subject: 'Nominations for {cluster} coordinators are extended',
    body: 'Too few candidates accepted; nominations now close on {closes}. Nominate a member city before then.',
  },
  'election.no-candidates': {
    subject: 'No candidates for {cluster} coordinators',
    body: 'Nobody accepted a nomination after the extension: appoint coordinators or cancel the election.',
  },
  'election.voting-open': {
    subject: 'Voting is open for {cluster} coordinators',
    body: 'Vote now: approve up to {seats} nominee(s) before {closes}. You may change your ballot until then.',
  },
  'election.vote-reminder': {
    subject: 'Reminder: vote for {cluster} coordinators',
    body: 'Your city has not voted yet; voting closes on {closes}. Vote now.',
  },
  'election.cancelled': {
    subject: 'The {cluster} coordinator election was cancelled',
    body: 'The secretariat cancelled the election: {reason}',
  },
  'election.tie': {
    subject: 'Tie in the {cluster} coordinator election',
    body: 'Nominees {candidates} are tied for {seats} seat(s). Decide before {by}, or a lot will be drawn.',
  },
  'election.result': {
    subject: '{cluster} coordinators {termStart} – {termEnd}',
    body: 'Elected: {elected} ({how}).',
  },
  'election.failed': {
    subject: 'The {cluster} coordinator election failed',
    body: 'Its process stopped: {reason}. The election is closed; open a new one for {cluster} when the cause is mended.',
  },
} as const satisfies Record<string, Template>;

export const electionFr: Record<keyof typeof electionEn, Template> = {
  'election.nominated': {
    subject: 'Votre ville a été proposée comme coordinatrice du cluster {cluster}',
    body: 'Une autre ville membre a proposé la vôtre pour coordonner le cluster {cluster}. Veuillez accepter ou refuser la candidature avant la clôture des candidatures le {closes}.',
  },
  'election.nominations-open': {
    subject: 'Les candidatures sont ouvertes pour la coordination du cluster {cluster}',
    body: 'Proposez une ville membre (la vôtre comprise) pour coordonner le cluster {cluster} avant le {closes}.',
  },
  'election.nominations-extended': {
    subject: 'Les candidatures pour la coordination du cluster {cluster} sont prolongées',
    body: "Trop peu de candidatures ont été acceptées ; elles sont désormais ouvertes jusqu'au {closes}. Proposez une ville membre d'ici là.",
  },
  'election.no-candidates': {
    subject: 'Aucune candidature pour la coordination du cluster {cluster}',
    body: "Personne n'a accepté de candidature après la prolongation : nommez les villes coordinatrices ou annulez l'élection.",
  },
  'election.voting-open': {
    subject: 'Le vote est ouvert pour la coordination du cluster {cluster}',
    body: "Votez maintenant : approuvez jusqu'à {seats} candidature(s) avant le {closes}. Vous pouvez modifier votre bulletin jusque-là.",
  },
  'election.vote-reminder': {
    subject: 'Rappel : votez pour la coordination du cluster {cluster}',
    body: "Votre ville n'a pas encore voté ; le vote se clôt le {closes}. Votez maintenant.",
  },
  'election.cancelled': {
    subject: "L'élection de la coordination du cluster {cluster} a été annulée",
    body: "Le secrétariat a annulé l'élection : {reason}",
  },
  'election.tie': {
    subject: "Égalité dans l'élection de la coordination du cluster {cluster}",
    body: 'Les candidatures {candidates} sont à égalité pour {seats} siège(s). Décidez avant le {by}, sinon un tirage au sort aura lieu.',
  },
  'election.result': {
    subject: 'Coordination du cluster {cluster} du {termStart} au {termEnd}',
    body: 'Ville(s) élue(s) : {elected} ({how}).',
  },
  'election.failed': {
    subject: "L'élection de la coordination du cluster {cluster} a échoué",
    body: "Son processus s'est arrêté : {reason}. L'élection est close ; ouvrez-en une nouvelle pour le cluster {cluster} une fois la cause réparée.",
  },
};
