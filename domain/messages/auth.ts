// The sign-in e-mail, in the person's language.
import type { Template } from './template.js';

export const authEn = {
  'auth.sign-in': {
    subject: 'Your GNLC sign-in link',
    body: 'Open this link to sign in (valid for {validity}, once):\n{url}\n\nIf you did not ask for it, ignore this message.',
  },
} as const satisfies Record<string, Template>;

export const authFr: Record<keyof typeof authEn, Template> = {
  'auth.sign-in': {
    subject: 'Votre lien de connexion au GNLC',
    body: "Ouvrez ce lien pour vous connecter (valable {validity}, une seule fois) :\n{url}\n\nSi vous n'avez rien demandé, ignorez ce message.",
  },
};
