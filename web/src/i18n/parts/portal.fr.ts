// Les mots communs des portails.
import type { portalEn } from './portal.en.js';

export const portalFr: Record<keyof typeof portalEn, string> = {
  'portal.city.group': 'Ma ville',
  'portal.city.home': 'Mes groupes thématiques',
  'portal.donor.group': 'Mes contributions',
  'portal.donor.home': 'Mes promesses de don',
};
