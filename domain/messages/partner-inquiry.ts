// What a public partner inquiry tells the inquirer (the confirmation link) and, once confirmed, the secretariat.
import type { Template } from './template.js';

export const partnerInquiryEn = {
  'partner-inquiry.confirm': {
    subject: 'Confirm your inquiry to the UNESCO GNLC',
    body: 'Thank you for your interest in funding the Global Network of Learning Cities on behalf of {organisation}. Confirm your e-mail address by opening this link within {validity}: {url}. Nothing reaches the coordination team before you do.',
  },
  'partner-inquiry.received': {
    subject: 'Funding partner inquiry: {organisation}',
    body: '{contact} ({email}) of {organisation} ({country}) asks to become a funding partner, interested in: {interest}. Message: {message}. The donor is a prospect in discussion: contact them and log the contact.',
  },
} as const satisfies Record<string, Template>;

export const partnerInquiryFr: Record<keyof typeof partnerInquiryEn, Template> = {
  'partner-inquiry.confirm': {
    subject: 'Confirmez votre demande au GNLC de l’UNESCO',
    body: 'Merci de l’intérêt de {organisation} pour le financement du Réseau mondial des villes apprenantes. Confirmez votre adresse électronique en ouvrant ce lien dans un délai de {validity} : {url}. Rien ne parvient à l’équipe de coordination avant.',
  },
  'partner-inquiry.received': {
    subject: 'Demande de partenaire financier : {organisation}',
    body: '{contact} ({email}) de {organisation} ({country}) demande à devenir partenaire financier, intéressé par : {interest}. Message : {message}. Le donateur est un prospect en discussion : contactez-le et consignez le contact.',
  },
};
