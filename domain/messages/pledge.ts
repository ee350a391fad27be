// What a pledge tells its donor and the secretariat.
import type { Template } from './template.js';

export const pledgeEn = {
  'pledge.offered': {
    subject: '{donor} offers a {kind} pledge for {biennium}',
    body: '{donor} offered a {kind} pledge to the {option} for {biennium} from its portal. It is in discussion: agree the terms with the donor, then record it as pledged.',
  },
  'pledge.stuck': {
    subject: 'A pledge has been {status} since {since}',
    body: 'The {option} pledge of donor {donor} has not moved for {after}; follow up with the donor.',
  },
  'pledge.report-due': {
    subject: 'Your contribution report is due on {day}',
    body: 'Thank you for fulfilling your pledge. Please send the secretariat your donor report by {day}.',
  },
  'pledge.report-owed': {
    subject: 'The report to donor {donor} is due on {day}',
    body: 'The {option} pledge of donor {donor} is fulfilled: send the donor its report by {day} and record it on the pledge.',
  },
  'pledge.report-overdue': {
    subject: 'A donor report was due on {day}',
    body: 'The report owed to donor {donor} on its fulfilled pledge has not been recorded as sent.',
  },
  'pledge.instalment-due': {
    subject: 'Instalment {seq} is due on {due}',
    body: '{amount} of your pledge to the UNESCO GNLC falls due on {due}.',
  },
  'pledge.instalment-overdue': {
    subject: 'Instalment {seq} is overdue',
    body: '{amount} of your pledge to the UNESCO GNLC was due on {due} and has not been received.',
  },
  'pledge.instalment-escalation': {
    subject: 'Instalment {seq} of a pledge is unpaid since {due}',
    body: 'Donor {donor} still owes {amount} of instalment {seq}; the donor was reminded {times} time(s).',
  },
  'pledge.overpayment': {
    subject: 'A receipt exceeds what the pledge owes',
    body: 'Receipt {receipt} leaves {amount} beyond the pledge; decide whether to refund or re-earmark it.',
  },
  'pledge.instalment-waived': {
    subject: 'Instalment {seq} of your pledge is waived',
    body: 'The secretariat waived the {amount} still owed on instalment {seq} (due {due}): {note}',
  },
  'pledge.failed': {
    subject: 'A pledge stopped',
    body: 'Its process failed and was closed: {reason}. Open it again once the cause is mended.',
  },
} as const satisfies Record<string, Template>;

export const pledgeFr: Record<keyof typeof pledgeEn, Template> = {
  'pledge.offered': {
    subject: '{donor} propose une promesse de don {kind} pour {biennium}',
    body: '{donor} a proposé depuis son portail une promesse de don {kind} au profit de : {option}, pour {biennium}. Elle est en discussion : convenez des conditions avec le donateur, puis enregistrez-la comme promise.',
  },
  'pledge.stuck': {
    subject: 'Une promesse de don est au statut {status} depuis le {since}',
    body: "La promesse de don ({option}) du donateur {donor} n'a pas évolué depuis {after} ; relancez le donateur.",
  },
  'pledge.report-due': {
    subject: 'Votre rapport de contribution est attendu le {day}',
    body: "Merci d'avoir honoré votre promesse de don. Veuillez envoyer votre rapport de donateur au secrétariat d'ici le {day}.",
  },
  'pledge.report-owed': {
    subject: 'Le rapport au donateur {donor} est attendu le {day}',
    body: "La promesse de don ({option}) du donateur {donor} est honorée : envoyez-lui son rapport d'ici le {day} et enregistrez-le sur la promesse.",
  },
  'pledge.report-overdue': {
    subject: 'Un rapport de donateur était attendu le {day}',
    body: "Le rapport dû au donateur {donor} sur sa promesse honorée n'a pas été enregistré comme envoyé.",
  },
  'pledge.instalment-due': {
    subject: 'La tranche {seq} est due le {due}',
    body: '{amount} de votre promesse de don au GNLC de l’UNESCO arrive à échéance le {due}.',
  },
  'pledge.instalment-overdue': {
    subject: 'La tranche {seq} est en retard',
    body: "{amount} de votre promesse de don au GNLC de l’UNESCO était dû le {due} et n'a pas été reçu.",
  },
  'pledge.instalment-escalation': {
    subject: "La tranche {seq} d'une promesse de don est impayée depuis le {due}",
    body: 'Le donateur {donor} doit encore {amount} sur la tranche {seq} ; il a été relancé {times} fois.',
  },
  'pledge.overpayment': {
    subject: 'Un reçu dépasse ce que doit la promesse de don',
    body: 'Le reçu {receipt} laisse {amount} au-delà de la promesse ; décidez de le rembourser ou de le réaffecter.',
  },
  'pledge.instalment-waived': {
    subject: 'La tranche {seq} de votre promesse de don est annulée',
    body: 'Le secrétariat a renoncé aux {amount} encore dus sur la tranche {seq} (échéance le {due}) : {note}',
  },
  'pledge.failed': {
    subject: "Une promesse de don s'est arrêtée",
    body: 'Son processus a échoué et a été clos : {reason}. Rouvrez-la une fois la cause réparée.',
  },
};
