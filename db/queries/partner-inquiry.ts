// A public partner inquiry: written unconfirmed (the rate limits counted here, per client address
// and per e-mail address, so API replicas agree), confirmed once by its e-mailed link — which
// creates its prospect donor and tells the secretariat, in one transaction — and the pipeline's
// read model for the console.
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { INQUIRY_LIMITS, type InquiryBody, type PipelineStatus } from '../../domain/partner-inquiry.js';
import { appLink, renderMessage } from '../../domain/messages/index.js';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const normalize = (email: string) => email.trim().toLowerCase();

/** Whether the client or the address asked too often in the window (the honeypot's catches count too). */
export async function overInquiryLimit(em: EntityManager, client: string, email: string): Promise<boolean> {
  const [row] = await em.getConnection().execute<{ by_client: string; by_email: string }[]>(
    `select count(*) filter (where client = ?) as by_client, count(*) filter (where email_hash = ?) as by_email
       from partner_inquiry where created_at > now() - make_interval(secs => ?) and (client = ? or email_hash = ?)`,
    [client, sha256(normalize(email)), INQUIRY_LIMITS.windowMs / 1000, client, sha256(normalize(email))],
  );
  return (
    Number(row?.by_client ?? 0) >= INQUIRY_LIMITS.perClientPerWindow ||
    Number(row?.by_email ?? 0) >= INQUIRY_LIMITS.perEmailPerWindow
  );
}

/** Writes the unconfirmed inquiry and the confirmation e-mail to the inquirer; returns the link's token. */
export async function insertInquiry(
  em: EntityManager,
  body: InquiryBody,
  client: string,
  base: string,
): Promise<{ id: string; token: string }> {
  const token = randomBytes(32).toString('base64url');
  const email = normalize(body.contact.email);
  return em.transactional(async (tx) => {
    const [row] = await tx.execute<{ id: string }[]>(
      `insert into partner_inquiry (id, organisation, donor_type, country_code, contact_name, contact_email, email_hash,
         interest, message, language, status, token_hash, expires_at, client, created_at)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, 'in_discussion', ?, now() + make_interval(secs => ?), ?, now())
       returning id`,
      [
        body.organisation,
        body.donorType,
        body.country,
        body.contact.name,
        email,
        sha256(email),
        `{${body.interest.join(',')}}`,
        body.message ?? null,
        body.language,
        sha256(token),
        INQUIRY_LIMITS.confirmTtlMs / 1000,
        client.slice(0, 64),
      ],
    );
    const id = row!.id;
    const url = `${base}/app/partner/confirm?token=${token}`;
    const { subject, body: text } = renderMessage(
      'partner-inquiry.confirm',
      { organisation: body.organisation, validity: { duration: 'P2D' }, url },
      body.language,
    );
    // 'person': a secret link, never listed by the API, its body redacted once delivered.
    await tx.execute(
      `insert into notification (id, key, recipient_kind, email, kind, subject, body, created_at)
       values (gen_random_uuid(), ?, 'person', ?, 'partner-inquiry.confirm', ?, ?, now())`,
      [`partner-inquiry:${id}:confirm`, email, subject.slice(0, 255), text],
    );
    return { id, token };
  });
}

/** A honeypot catch: counted for the limits, nothing else (no token that could ever be confirmed). */
export async function recordCaught(em: EntityManager, body: InquiryBody, client: string): Promise<void> {
  await em.execute(
    `insert into partner_inquiry (id, organisation, donor_type, country_code, contact_name, contact_email, email_hash,
       interest, status, token_hash, expires_at, confirmed_at, client, created_at)
     values (gen_random_uuid(), ?, ?, ?, ?, '', ?, '{}', 'declined', ?, now(), null, ?, now())`,
    [
      body.organisation,
      body.donorType,
      body.country,
      body.contact.name,
      sha256(normalize(body.contact.email)),
      sha256(randomBytes(32).toString('hex')),
      client.slice(0, 64),
    ],
  );
}

/**
 * Spends a confirmation link once, before it expires: the prospect donor is created (no access:
 * a prospect's contact cannot sign in), the inquiry linked to it, and the secretariat told — all
 * in one transaction. Null when the link is unknown, spent or expired.
 */
export async function confirmInquiry(
  em: EntityManager,
  token: string,
): Promise<{ id: string; donorId: string } | null> {
  return em.transactional(async (tx) => {
    const [q] = await tx.execute<
      {
        id: string;
        organisation: string;
        donor_type: string;
        country_code: string;
        contact_name: string;
        contact_email: string;
        interest: string[];
        message: string | null;
      }[]
    >(
      `update partner_inquiry set confirmed_at = now()
        where token_hash = ? and confirmed_at is null and expires_at > now() and status = 'in_discussion'
        returning id, organisation, donor_type, country_code, contact_name, contact_email, interest, message`,
      [sha256(token)],
    );
    if (!q) return null;
    const [d] = await tx.execute<{ id: string }[]>(
      `insert into donor (id, name, type, country_code, contact_name, contact_email, status, created_at, updated_at)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, 'prospect', now(), now()) returning id`,
      [q.organisation, q.donor_type, q.country_code, q.contact_name, q.contact_email],
    );
    const donorId = d!.id;
    await tx.execute(`update partner_inquiry set donor_id = ? where id = ?`, [donorId, q.id]);
    const { subject, body } = renderMessage(
      'partner-inquiry.received',
      {
        organisation: q.organisation,
        contact: q.contact_name,
        email: q.contact_email,
        country: q.country_code,
        interest: { list: q.interest },
        message: q.message ?? '—',
      },
      'en',
    );
    const resource = `/donors/${donorId}`;
    await tx.execute(
      `insert into notification (id, key, recipient_kind, kind, subject, body, resource, link, created_at)
       values (gen_random_uuid(), ?, 'secretariat', 'partner-inquiry.received', ?, ?, ?, ?, now())
       on conflict (key) do nothing`,
      [`partner-inquiry:${q.id}:received`, subject.slice(0, 255), body, resource, appLink('secretariat', resource)],
    );
    return { id: q.id, donorId };
  });
}

export interface PipelineRow {
  id: string;
  organisation: string;
  donor_type: string;
  country_code: string;
  contact_name: string;
  contact_email: string;
  interest: string[];
  message: string | null;
  status: PipelineStatus;
  confirmed_at: Date | null;
  expires_at: Date;
  donor_id: string | null;
  created_at: Date;
}

/** The pipeline: inquiries (not the honeypot's), newest first, optionally by status and confirmation. */
export async function listPipeline(
  em: EntityManager,
  q: { status?: PipelineStatus; confirmed?: boolean; limit: number; offset: number },
): Promise<{ rows: PipelineRow[]; total: number }> {
  const where = [`contact_email <> ''`];
  const args: unknown[] = [];
  if (q.status) {
    where.push('status = ?');
    args.push(q.status);
  }
  if (q.confirmed !== undefined) where.push(q.confirmed ? 'confirmed_at is not null' : 'confirmed_at is null');
  const w = where.join(' and ');
  const rows = await em.execute<PipelineRow[]>(
    `select id, organisation, donor_type, country_code, contact_name, contact_email, interest, message, status,
            confirmed_at, expires_at, donor_id, created_at
       from partner_inquiry where ${w} order by created_at desc, id limit ? offset ?`,
    [...args, q.limit, q.offset],
  );
  const [c] = await em.execute<{ n: string }[]>(`select count(*) as n from partner_inquiry where ${w}`, args);
  return { rows, total: Number(c?.n ?? 0) };
}
