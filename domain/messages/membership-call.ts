// What a membership call tells applicants, National Commissions, the secretariat and the member cities.
import type { Template } from './template.js';

export const membershipCallEn = {
  'membership-call.confirm-email': {
    subject: 'Confirm your application to the GNLC: {city}',
    body: 'We received the application of {city} to the call “{title}”. Open the link below to confirm this e-mail address: until it is confirmed the application does not count. Confirm it before the call closes on {closes}.',
  },
  'membership-call.natcom-review': {
    subject: 'Endorsement asked: {city} applies to join the GNLC',
    body: '{city} ({country}) applies to join the UNESCO Global Network of Learning Cities in the call “{title}”. As the National Commission for UNESCO, please endorse or decline this application by {deadline} with the link below; it acts on this application only.',
  },
  'membership-call.natcom-reminder': {
    subject: 'Reminder — endorsement asked: {city}',
    body: 'The application of {city} ({country}) to the call “{title}” still waits for your endorsement or refusal; the deadline is {deadline}. The link below acts on this application only.',
  },
  'membership-call.natcom-resent': {
    subject: 'A new link — endorsement asked: {city}',
    body: 'The GNLC secretariat sends you a new link for the application of {city} ({country}) to the call “{title}”: any earlier link no longer works. Please endorse or decline it by {deadline} with the link below; it acts on this application only.',
  },
  'membership-call.natcom-missing': {
    subject: 'No National Commission contact for {country}',
    body: '{city} applies in the call “{title}”, but {country} has no National Commission e-mail in the registry. Set it, then ask for the link to be sent again; the window ends on {deadline}.',
  },
  'membership-call.natcom-lapsed': {
    subject: 'Endorsement lapsed: {city}',
    body: 'The National Commission of {country} did not answer for {city} in the call “{title}” by {deadline}: the application lapsed and the city is not admitted.',
  },
  'membership-call.natcom-declined': {
    subject: 'Application not endorsed: {city}',
    body: 'The National Commission of {country} declined to endorse {city} in the call “{title}”: the city is not admitted.',
  },
  'membership-call.jury-invitation': {
    subject: 'Your scores, please: the jury of “{title}”',
    body: 'Dear {name}, you are on the jury of the GNLC membership call “{title}”. Endorsed applications now wait for your scores (1 to 5 on each criterion). The link below shows them and records your scores; it is yours alone, scores this call only, and works until the call closes or for {validity} at most.',
  },
  'membership-call.jury-review': {
    subject: 'Endorsed, for the jury: {city}',
    body: 'The National Commission of {country} endorsed {city} in the call “{title}”. The jury may now score it.',
  },
  'membership-call.admitted': {
    subject: 'Welcome to the GNLC: {city}',
    body: '{city} is admitted to the UNESCO Global Network of Learning Cities (call “{title}”). Sign in with the link below (valid for {validity}, once) to reach your city’s portal.',
  },
  'membership-call.not-admitted': {
    subject: 'Your application to the GNLC: {city}',
    body: 'Thank you for the application of {city} to the call “{title}”. The city is not admitted this time.',
  },
  'membership-call.announcement': {
    subject: 'New member cities: {title}',
    body: 'The call “{title}” has closed. {admitted} cities join the network: {cities}.',
  },
  'membership-call.closed': {
    subject: 'Membership call closed: {title}',
    body: '{applications} applications counted, {admitted} admitted; Africa: {africa} applications. The report is on the call’s page.',
  },
  'membership-call.failed': {
    subject: 'The membership call {title} stopped',
    body: 'Its process failed and was closed: {reason}.',
  },
  'membership-call.application-failed': {
    subject: 'The application of {city} stopped',
    body: 'Its process failed and was closed: {reason}.',
  },
} as const satisfies Record<string, Template>;

export const membershipCallFr: Record<keyof typeof membershipCallEn, Template> = {
  'membership-call.confirm-email': {
    subject: 'Confirmez votre candidature au GNLC : {city}',
    body: 'Nous avons reçu la candidature de {city} à l’appel « {title} ». Ouvrez le lien ci-dessous pour confirmer cette adresse électronique : tant qu’elle n’est pas confirmée, la candidature ne compte pas. Confirmez-la avant la clôture de l’appel le {closes}.',
  },
  'membership-call.natcom-review': {
    subject: 'Soutien demandé : {city} demande à rejoindre le GNLC',
    body: '{city} ({country}) demande à rejoindre le Réseau mondial des villes apprenantes de l’UNESCO dans l’appel « {title} ». En tant que Commission nationale pour l’UNESCO, veuillez soutenir ou refuser cette candidature d’ici le {deadline} avec le lien ci-dessous ; il n’agit que sur cette candidature.',
  },
  'membership-call.natcom-reminder': {
    subject: 'Rappel — soutien demandé : {city}',
    body: 'La candidature de {city} ({country}) à l’appel « {title} » attend toujours votre soutien ou votre refus ; l’échéance est le {deadline}. Le lien ci-dessous n’agit que sur cette candidature.',
  },
  'membership-call.natcom-resent': {
    subject: 'Un nouveau lien — soutien demandé : {city}',
    body: 'Le secrétariat du GNLC vous envoie un nouveau lien pour la candidature de {city} ({country}) à l’appel « {title} » : tout lien précédent ne fonctionne plus. Veuillez la soutenir ou la refuser d’ici le {deadline} avec le lien ci-dessous ; il n’agit que sur cette candidature.',
  },
  'membership-call.natcom-missing': {
    subject: 'Pas de contact de Commission nationale pour {country}',
    body: '{city} candidate dans l’appel « {title} », mais {country} n’a pas d’adresse de Commission nationale dans le registre. Renseignez-la, puis demandez un nouvel envoi du lien ; la fenêtre se termine le {deadline}.',
  },
  'membership-call.natcom-lapsed': {
    subject: 'Soutien expiré : {city}',
    body: 'La Commission nationale de {country} n’a pas répondu pour {city} dans l’appel « {title} » avant le {deadline} : la candidature a expiré et la ville n’est pas admise.',
  },
  'membership-call.natcom-declined': {
    subject: 'Candidature non soutenue : {city}',
    body: 'La Commission nationale de {country} a refusé de soutenir {city} dans l’appel « {title} » : la ville n’est pas admise.',
  },
  'membership-call.jury-invitation': {
    subject: 'Vos notes, s’il vous plaît : le jury de « {title} »',
    body: 'Bonjour {name}, vous faites partie du jury de l’appel à candidatures du GNLC « {title} ». Des candidatures soutenues attendent vos notes (de 1 à 5 pour chaque critère). Le lien ci-dessous les présente et enregistre vos notes ; il est à vous seul, ne vaut que pour cet appel, et fonctionne jusqu’à la clôture de l’appel ou {validity} au plus.',
  },
  'membership-call.jury-review': {
    subject: 'Soutenue, pour le jury : {city}',
    body: 'La Commission nationale de {country} a soutenu {city} dans l’appel « {title} ». Le jury peut maintenant l’évaluer.',
  },
  'membership-call.admitted': {
    subject: 'Bienvenue au GNLC : {city}',
    body: '{city} est admise dans le Réseau mondial des villes apprenantes de l’UNESCO (appel « {title} »). Connectez-vous avec le lien ci-dessous (valable {validity}, une seule fois) pour accéder au portail de votre ville.',
  },
  'membership-call.not-admitted': {
    subject: 'Votre candidature au GNLC : {city}',
    body: 'Merci pour la candidature de {city} à l’appel « {title} ». La ville n’est pas admise cette fois-ci.',
  },
  'membership-call.announcement': {
    subject: 'Nouvelles villes membres : {title}',
    body: 'L’appel « {title} » est clos. {admitted} villes rejoignent le réseau : {cities}.',
  },
  'membership-call.closed': {
    subject: 'Appel à candidatures clos : {title}',
    body: '{applications} candidatures comptées, {admitted} admises ; Afrique : {africa} candidatures. Le rapport est sur la page de l’appel.',
  },
  'membership-call.failed': {
    subject: 'L’appel à candidatures {title} s’est arrêté',
    body: 'Son processus a échoué et a été clos : {reason}.',
  },
  'membership-call.application-failed': {
    subject: 'La candidature de {city} s’est arrêtée',
    body: 'Son processus a échoué et a été clos : {reason}.',
  },
};
