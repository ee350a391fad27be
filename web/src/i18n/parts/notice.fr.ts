// Les mots des avis affichés après une écriture (web/src/ui/submit.ts).
import type { noticeEn } from './notice.en.js';

export const noticeFr: Record<keyof typeof noticeEn, string> = {
  'notice.close': 'Fermer l’avis',
};
