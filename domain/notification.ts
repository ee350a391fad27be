import type { MessageRef } from './messages/index.js';

// 'email': someone who is neither a city nor a donor (an external expert), reached at `email`.
// 'person': a message for one person's eyes only (a sign-in link, a National Commission's or a juror's
// link, the token in its URL): never listed by the API, and its body and link are scrubbed once
// delivered (platform/outbox.ts).
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
  /** What it says, as data: the notify activity writes it in the reader's language (domain/messages). */
  message?: MessageRef;
  /**
   * Text already written: activities scheduled before the catalogue existed (still in running
   * histories) carry their English text. A request has `message` or both of these.
   */
  subject?: string;
  body?: string;
  resource?: string;
}

/** `election.voting-open` → `voting-open`: the part of a message's kind that its business keys use. */
const shortKind = (m: MessageRef) => m.kind.slice(m.kind.indexOf('.') + 1);

/**
 * How one process addresses its messages: keys start with its own key (so a message is written once
 * per process), kinds with its noun, and every message links to the process's page.
 */
export interface Sender {
  /** Prefix of every key: the workflow ID or the row ID of the process. */
  key: string;
  /** The process's noun, e.g. `election` (the kinds of its messages start with it). */
  noun: string;
  resource: string;
  /** The cluster whose representatives receive the messages to cities. */
  cluster?: string;
}

/** One message per city; `keySuffix` separates repeated rounds (reminders at different times). */
export const toCities = (
  from: Sender,
  cities: Iterable<string>,
  message: MessageRef,
  keySuffix = '',
): NotificationRequest[] =>
  [...cities].map((cityId) => ({
    key: `${from.key}:${shortKind(message)}${keySuffix}:${cityId}`,
    recipientKind: 'city' as const,
    cityId,
    ...(from.cluster ? { cluster: from.cluster } : {}),
    kind: message.kind,
    message,
    resource: from.resource,
  }));

export const toSecretariat = (
  from: Sender,
  message: MessageRef,
  key = `${shortKind(message)}:secretariat`,
): NotificationRequest => ({
  key: `${from.key}:${key}`,
  recipientKind: 'secretariat',
  kind: message.kind,
  message,
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
