export const ROLES = ['secretariat', 'city', 'donor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: a role, and for city and donor tokens the one object they act for. */
export interface Principal {
  role: Role;
  tokenId: string | null;
  cityId: string | null;
  donorId: string | null;
  readOnly: boolean;
}

export const principalKey = (p: Principal): string => p.tokenId ?? `env:${p.role}`;
