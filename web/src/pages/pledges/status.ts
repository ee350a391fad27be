// A pledge's place in its pipeline; the API is renaming `stage` to `status`, this reads either.
export const pledgeStatus = (p: object): string => (p as { status?: string }).status ?? (p as { stage?: string }).stage ?? 'unknown';
