// 'email': someone who is neither a city nor a donor (an external expert), reached at `email`.
// 'person': a message for one person's eyes only (a sign-in link): never listed by the API, and its
// body is redacted once delivered.
export const RECIPIENT_KINDS = ['city', 'donor', 'secretariat', 'email', 'person'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** A message to send; `key` is the business key that makes sending it twice a no-op. */
export interface NotificationRequest {
  key: string;
  recipientKind: RecipientKind;
  cityId?: string;
  donorId?: string;
  /** For a city: which cluster's representative receives it. */
  cluster?: string;
  /** For recipientKind 'email': the address. */
  email?: string;
  kind: string;
  subject: string;
  body: string;
  resource?: string;
}

/**
 * How one process addresses its messages: keys start with its own key (so a message is written once
 * per process), kinds with its noun, and every message links to the process's page.
 */
export interface Sender {
  /** Prefix of every key: the workflow ID or the row ID of the process. */
  key: string;
  /** Prefix of every kind, e.g. `election`. */
  noun: string;
  resource: string;
  /** The cluster whose representatives receive the messages to cities. */
  cluster?: string;
}

/** One message per city; `keySuffix` separates repeated rounds (reminders at different times). */
export const toCities = (
  from: Sender,
  cities: Iterable<string>,
  kind: string,
  subject: string,
  body: string,
  keySuffix = '',
): NotificationRequest[] =>
  [...cities].map((cityId) => ({
    key: `${from.key}:${kind}${keySuffix}:${cityId}`,
    recipientKind: 'city' as const,
    cityId,
    ...(from.cluster ? { cluster: from.cluster } : {}),
    kind: `${from.noun}.${kind}`,
    subject,
    body,
    resource: from.resource,
  }));

export const toSecretariat = (
  from: Sender,
  kind: string,
  subject: string,
  body: string,
  key = `${kind}:secretariat`,
): NotificationRequest => ({
  key: `${from.key}:${key}`,
  recipientKind: 'secretariat',
  kind: `${from.noun}.${kind}`,
  subject,
  body,
  resource: from.resource,
});

/** Delivery retries: 30 s doubling to a cap of 6 h, and delivery gives up a day after the message was written. */
export const OUTBOX_BACKOFF = { firstMs: 30_000, capMs: 6 * 3_600_000, giveUpAfterMs: 24 * 3_600_000 } as const;

/** How long to wait after the `attempts`-th failed attempt (1 = the first) before the next. */
export const retryDelayMs = (attempts: number): number =>
  Math.min(OUTBOX_BACKOFF.capMs, OUTBOX_BACKOFF.firstMs * 2 ** Math.min(Math.max(attempts - 1, 0), 20));

/** After a failed attempt at `now`: the next attempt's time, or null when delivery gives up (marked failed). */
export function nextAttempt(attempts: number, createdAt: Date, now: Date): Date | null {
  const next = new Date(now.getTime() + retryDelayMs(attempts));
  return next.getTime() - createdAt.getTime() > OUTBOX_BACKOFF.giveUpAfterMs ? null : next;
}
