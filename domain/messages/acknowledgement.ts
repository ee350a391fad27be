// What the secretariat sends a donor for each receipt (once per receipt) and once a year.
import type { Template } from './template.js';

export const acknowledgementEn = {
  'acknowledgement.receipt': {
    subject: 'We have received {amount} — thank you',
    body: 'The UNESCO GNLC secretariat acknowledges with thanks {amount}, received on {day} (receipt {receipt}) and credited to the {fund}.',
  },
  'acknowledgement.yearly-statement': {
    subject: 'Your contributions in {year}',
    body: 'In {year} your contributions to the UNESCO GNLC were worth {total} ({count} entries, receipts and approved in-kind support). Your statement for the year is on your page.',
  },
} as const satisfies Record<string, Template>;

export const acknowledgementFr: Record<keyof typeof acknowledgementEn, Template> = {
  'acknowledgement.receipt': {
    subject: 'Nous avons reçu {amount} — merci',
    body: 'Le secrétariat du GNLC de l’UNESCO accuse réception avec gratitude de {amount}, reçu le {day} (reçu {receipt}) et crédité au {fund}.',
  },
  'acknowledgement.yearly-statement': {
    subject: 'Vos contributions en {year}',
    body: 'En {year}, vos contributions au GNLC de l’UNESCO ont représenté {total} ({count} écritures, reçus et soutien en nature approuvé). Votre relevé de l’année est sur votre page.',
  },
};
