// The portals' shared words (each portal may add a part of its own beside this one).
export const portalEn = {
  'portal.city.group': 'My city',
  'portal.city.home': 'My clusters',
  'portal.donor.group': 'My contributions',
  'portal.donor.home': 'My pledges',
} as const;
