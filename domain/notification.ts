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
