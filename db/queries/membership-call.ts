// A membership call's rows: the call the API writes when it opens, the public form's submission
// (in one transaction with the call's row, so none comes after the close), the applications'
// single-purpose links (random tokens stored as SHA-256 hashes; each e-mail is written in the same
// transaction as the hash, keyed, so a retried activity sends nothing twice and no link is lost),
// the endorsement under the per-country limit (the call's row locked, so two National Commissions
// cannot both take the last place), admission, and the report's rows.
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SIGN_IN, type Language } from '../../domain/auth.js';
import { appLink, renderMessage, type MessageKind, type Params } from '../../domain/messages/index.js';
import {
  APPLY_LIMIT,
  JURY_LINK,
  endorsementRefusal,
  membershipApplicationWorkflowId,
  membershipCallWorkflowId,
  type ApplicationForm,
  type ApplicationStatus,
  type Criterion,
  type ReportRow,
} from '../../domain/membership-call.js';
import type { RecipientKind } from '../../domain/notification.js';

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const secret = (): string => randomBytes(32).toString('base64url');
const iso = (ms: number) => new Date(ms).toISOString();

export interface NewCall {
  callId: string;
  title: string;
  opensAt: number;
  closesAt: number;
  perCountryLimit: number;
  natcomWindow: string;
}

export async function insertCall(em: EntityManager, c: NewCall): Promise<void> {
  await em.execute(
    `insert into membership_call (id, workflow_id, title, opens_at, closes_at, per_country_limit, natcom_window, status, created_at)
     values (?, ?, ?, ?, ?, ?, ?, 'open', now()) on conflict do nothing`,
    [
      c.callId,
      membershipCallWorkflowId(c.callId),
      c.title,
      iso(c.opensAt),
      iso(c.closesAt),
      c.perCountryLimit,
      c.natcomWindow,
    ],
  );
}

/** One message into the outbox in the caller's transaction, rendered for its reader; keyed. */
async function writeMessage(
  tx: EntityManager,
  m: {
    key: string;
    recipientKind: RecipientKind;
    email: string | null;
    kind: MessageKind;
    params: Params;
    language: Language;
    resource?: string;
    /** A page of the web app, appended to the e-mail under PUBLIC_URL by the outbox. */
    link?: string;
  },
): Promise<boolean> {
  const { subject, body } = renderMessage(m.kind, m.params, m.language);
  const rows = await tx.execute<{ id: string }[]>(
    `insert into notification (id, key, recipient_kind, email, kind, subject, body, resource, link, created_at)
     values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, now()) on conflict (key) do nothing returning id`,
    [
      m.key,
      m.recipientKind,
      m.email,
      m.kind,
      subject,
      body,
      m.resource ?? null,
      m.link ?? appLink(m.recipientKind, m.resource) ?? null,
    ],
  );
  return rows.length > 0;
}

// ---------------------------------------------------------------- the public form

/** Records an attempt of `client` on the call; 'limited' when it is over the window's limit (then not recorded). */
export async function countAttempt(em: EntityManager, client: string, callId: string): Promise<'ok' | 'limited'> {
  const since = new Date(Date.now() - APPLY_LIMIT.windowMs);
  const [r] = await em.execute<{ n: string }[]>(
    `select count(*) as n from membership_apply_attempt where client = ? and call_id = ? and created_at > ?`,
    [client, callId, since],
  );
  if (Number(r?.n ?? 0) >= APPLY_LIMIT.perClientPerWindow) return 'limited';
  await em.execute(
    `insert into membership_apply_attempt (id, client, call_id, created_at) values (gen_random_uuid(), ?, ?, now())`,
    [client, callId],
  );
  return 'ok';
}

export interface CallRow {
  id: string;
  title: string;
  status: 'open' | 'reviewing' | 'closed';
  opens_at: Date;
  closes_at: Date;
  per_country_limit: number;
  natcom_window: string;
}

export type SubmitOutcome =
  | { ok: true; applicationId: string; call: CallRow }
  | { ok: false; why: 'missing' | 'not_open' | 'not_yet_open' | 'not_member_state' };

/**
 * The application's row while the call is open (the call's row shared-locked, so the close waits
 * for it and nothing comes after), for a city of a UNESCO Member State.
 */
export async function insertApplication(
  em: EntityManager,
  callId: string,
  applicationId: string,
  f: ApplicationForm,
): Promise<SubmitOutcome> {
  return em.transactional(async (tx) => {
    const [call] = await tx.execute<CallRow[]>(
      `select id, title, status, opens_at, closes_at, per_country_limit, natcom_window from membership_call where id = ? for share`,
      [callId],
    );
    if (!call) return { ok: false, why: 'missing' };
    const now = Date.now();
    if (call.status !== 'open' || new Date(call.closes_at).getTime() <= now) return { ok: false, why: 'not_open' };
    if (new Date(call.opens_at).getTime() > now) return { ok: false, why: 'not_yet_open' };
    const [country] = await tx.execute<{ unesco_member: boolean }[]>(
      `select unesco_member from country where code = ?`,
      [f.country],
    );
    if (!country?.unesco_member) return { ok: false, why: 'not_member_state' };
    await tx.execute(
      `insert into membership_application (id, call_id, workflow_id, status, city_name, country_code, contact_name,
         contact_email, language, city_data, motivation, implementation, challenges, mayor_name, mayor_confirmed,
         created_at, updated_at)
       values (?, ?, ?, 'submitted', ?, ?, ?, lower(?), ?, ?::jsonb, ?, ?, ?::jsonb, ?, ?, now(), now())`,
      [
        applicationId,
        callId,
        membershipApplicationWorkflowId(applicationId),
        f.cityName,
        f.country,
        f.contact.name,
        f.contact.email,
        f.language,
        JSON.stringify(f.cityData),
        f.motivation,
        f.implementation,
        JSON.stringify(f.challenges),
        f.mayor.name,
        f.mayor.confirmed,
      ],
    );
    return { ok: true, applicationId, call };
  });
}

export async function deleteApplication(em: EntityManager, applicationId: string): Promise<void> {
  await em.execute(`delete from membership_application where id = ? and status = 'submitted'`, [applicationId]);
}

interface AppRow {
  id: string;
  call_id: string;
  workflow_id: string;
  status: ApplicationStatus;
  city_name: string;
  country_code: string;
  contact_name: string;
  contact_email: string;
  language: Language;
  natcom_deadline: Date | null;
  title: string;
  closes_at: Date;
}

const appRow = async (tx: EntityManager, applicationId: string, lock = ''): Promise<AppRow | undefined> => {
  const [a] = await tx.execute<AppRow[]>(
    `select a.id, a.call_id, a.workflow_id, a.status, a.city_name, a.country_code, a.contact_name, a.contact_email,
            a.language, a.natcom_deadline, c.title, c.closes_at
       from membership_application a join membership_call c on c.id = a.call_id where a.id = ? ${lock}`,
    [applicationId],
  );
  return a;
};

/**
 * The e-mail confirmation link to the applicant's contact, once: the token's hash and the e-mail in
 * one transaction, so a retried activity neither sends twice nor leaves a link that does not work.
 */
export async function sendConfirmationLink(em: EntityManager, applicationId: string): Promise<boolean> {
  return em.transactional(async (tx) => {
    const token = secret();
    const set = await tx.execute<{ id: string }[]>(
      `update membership_application set email_token_hash = ?, updated_at = now()
        where id = ? and email_token_hash is null returning id`,
      [sha256(token), applicationId],
    );
    if (!set.length) return false;
    const a = (await appRow(tx, applicationId))!;
    return writeMessage(tx, {
      key: `${membershipApplicationWorkflowId(applicationId)}:confirm-email`,
      recipientKind: 'person',
      email: a.contact_email,
      kind: 'membership-call.confirm-email',
      params: { city: a.city_name, title: a.title, closes: { instant: new Date(a.closes_at).toISOString() } },
      language: a.language,
      link: `/app/apply/confirm/${token}`,
    });
  });
}

/** The application a confirmation token belongs to (any state), or null. */
export async function applicationByEmailToken(
  em: EntityManager,
  token: string,
): Promise<{ id: string; workflow_id: string; status: ApplicationStatus; city_name: string } | null> {
  const [a] = await em.execute<{ id: string; workflow_id: string; status: ApplicationStatus; city_name: string }[]>(
    `select id, workflow_id, status, city_name from membership_application where email_token_hash = ?`,
    [sha256(token)],
  );
  return a ?? null;
}

/** Moves the application from one of `from` to `to` (with the extra columns); false when it was not in `from`. */
export async function moveApplication(
  em: EntityManager,
  applicationId: string,
  from: readonly ApplicationStatus[],
  to: ApplicationStatus,
  extra: { natcomDeadline?: number; emailConfirmed?: boolean; note?: string | null } = {},
): Promise<boolean> {
  const rows = await em.execute<{ id: string }[]>(
    `update membership_application set status = ?,
        natcom_deadline = coalesce(?::timestamptz, natcom_deadline),
        email_confirmed_at = case when ? then coalesce(email_confirmed_at, now()) else email_confirmed_at end,
        decision_note = case when ? in ('admitted', 'not_admitted', 'withdrawn') then coalesce(?, decision_note) else decision_note end,
        decided_at = case when ? in ('admitted', 'not_admitted', 'withdrawn', 'lapsed') then coalesce(decided_at, now()) else decided_at end,
        updated_at = now()
      where id = ? and status = any(?::text[]) returning id`,
    [
      to,
      extra.natcomDeadline ? iso(extra.natcomDeadline) : null,
      extra.emailConfirmed ?? false,
      to,
      extra.note ?? null,
      to,
      applicationId,
      `{${from.join(',')}}`,
    ],
  );
  return rows.length > 0;
}

// ---------------------------------------------------------------- the National Commission

/**
 * Round `round` of the National Commission's link (0: the request, n: the n-th reminder), once:
 * a new token for the mailing, its hash and the e-mail in one transaction. Without a National
 * Commission address for the country, the secretariat is told instead. Answers which it did.
 */
export async function sendNatcomLink(
  em: EntityManager,
  applicationId: string,
  round: number,
): Promise<'sent' | 'no_contact' | 'done'> {
  return em.transactional(async (tx) => {
    const a = (await appRow(tx, applicationId))!;
    const [country] = await tx.execute<{ name: string; natcom_email: string | null }[]>(
      `select name, natcom_email from country where code = ?`,
      [a.country_code],
    );
    const params = {
      city: a.city_name,
      country: country?.name ?? a.country_code,
      title: a.title,
      deadline: { instant: new Date(a.natcom_deadline!).toISOString() },
    };
    const key = `${membershipApplicationWorkflowId(applicationId)}:natcom${round}`;
    if (!country?.natcom_email) {
      await writeMessage(tx, {
        key: `${key}:secretariat`,
        recipientKind: 'secretariat',
        email: null,
        kind: 'membership-call.natcom-missing',
        params,
        language: 'en',
        resource: `/membership-calls/${a.call_id}`,
      });
      return 'no_contact';
    }
    const [done] = await tx.execute<{ n: string }[]>(
      `select count(*) as n from membership_natcom_link where application_id = ? and round = ? and not resend`,
      [applicationId, round],
    );
    if (Number(done?.n ?? 0) > 0) return 'done';
    const token = secret();
    await tx.execute(
      `insert into membership_natcom_link (token_hash, application_id, round, created_at) values (?, ?, ?, now())`,
      [sha256(token), applicationId, round],
    );
    await writeMessage(tx, {
      key,
      recipientKind: 'person',
      email: country.natcom_email,
      kind: round === 0 ? 'membership-call.natcom-review' : 'membership-call.natcom-reminder',
      params,
      language: a.language,
      link: `/app/natcom/${token}`,
    });
    return 'sent';
  });
}

export type ResendOutcome =
  | { ok: true; email: string; natcomDeadline: string }
  | { ok: false; why: 'missing' | 'not_in_review' | 'no_contact'; message: string };

/**
 * The secretariat sends the National Commission a fresh link to an application in review: every
 * earlier link of the application is replaced (it opens nothing from now on), the deadline stays.
 * The application's row is locked, so two resends (or a resend and the decision) do not interleave;
 * the n-th resend has its own keyed message.
 */
export async function resendNatcomLink(em: EntityManager, applicationId: string): Promise<ResendOutcome> {
  return em.transactional(async (tx) => {
    const a = await appRow(tx, applicationId, 'for update of a');
    if (!a) return { ok: false, why: 'missing', message: 'no such application' };
    if (a.status !== 'natcom_review' || !a.natcom_deadline)
      return {
        ok: false,
        why: 'not_in_review',
        message: `the application is ${a.status}, not with its National Commission`,
      };
    const [country] = await tx.execute<{ name: string; natcom_email: string | null }[]>(
      `select name, natcom_email from country where code = ?`,
      [a.country_code],
    );
    if (!country?.natcom_email)
      return { ok: false, why: 'no_contact', message: `no National Commission contact is set for ${a.country_code}` };
    await tx.execute(
      `update membership_natcom_link set replaced_at = now() where application_id = ? and replaced_at is null`,
      [applicationId],
    );
    const [r] = await tx.execute<{ n: string }[]>(
      `select count(*) as n from membership_natcom_link where application_id = ? and resend`,
      [applicationId],
    );
    const round = Number(r?.n ?? 0) + 1;
    const token = secret();
    await tx.execute(
      `insert into membership_natcom_link (token_hash, application_id, round, resend, created_at) values (?, ?, ?, true, now())`,
      [sha256(token), applicationId, round],
    );
    const natcomDeadline = new Date(a.natcom_deadline).toISOString();
    await writeMessage(tx, {
      key: `${membershipApplicationWorkflowId(applicationId)}:natcom-resend${round}`,
      recipientKind: 'person',
      email: country.natcom_email,
      kind: 'membership-call.natcom-resent',
      params: { city: a.city_name, country: country.name, title: a.title, deadline: { instant: natcomDeadline } },
      language: a.language,
      link: `/app/natcom/${token}`,
    });
    return { ok: true, email: country.natcom_email, natcomDeadline };
  });
}

export interface NatcomView {
  applicationId: string;
  workflowId: string;
  status: ApplicationStatus;
  cityName: string;
  country: string;
  countryName: string;
  callTitle: string;
  natcomDeadline: string | null;
  contactName: string;
  mayorName: string;
  motivation: string;
  implementation: string;
}

/** What a National Commission's link shows: its one application. Null for an unknown or replaced token. */
export async function applicationByNatcomToken(em: EntityManager, token: string): Promise<NatcomView | null> {
  const [r] = await em.execute<
    {
      id: string;
      workflow_id: string;
      status: ApplicationStatus;
      city_name: string;
      country_code: string;
      country_name: string;
      title: string;
      natcom_deadline: Date | null;
      contact_name: string;
      mayor_name: string;
      motivation: string;
      implementation: string;
    }[]
  >(
    `select a.id, a.workflow_id, a.status, a.city_name, a.country_code, k.name as country_name, c.title, a.natcom_deadline,
            a.contact_name, a.mayor_name, a.motivation, a.implementation
       from membership_natcom_link l join membership_application a on a.id = l.application_id
       join membership_call c on c.id = a.call_id join country k on k.code = a.country_code
      where l.token_hash = ? and l.replaced_at is null`,
    [sha256(token)],
  );
  if (!r) return null;
  return {
    applicationId: r.id,
    workflowId: r.workflow_id,
    status: r.status,
    cityName: r.city_name,
    country: r.country_code,
    countryName: r.country_name,
    callTitle: r.title,
    natcomDeadline: r.natcom_deadline ? new Date(r.natcom_deadline).toISOString() : null,
    contactName: r.contact_name,
    mayorName: r.mayor_name,
    motivation: r.motivation,
    implementation: r.implementation,
  };
}

export type NatcomOutcome =
  { ok: true; status: ApplicationStatus } | { ok: false; why: 'not_in_review' | 'limit'; message: string };

/**
 * The National Commission's answer. An endorsement takes one of the country's places in the call:
 * the call's row is locked while the endorsed applications of the country are counted, so the
 * limit holds under concurrent endorsements. Keyed by the application's state: a retry after it
 * took effect answers the same.
 */
export async function recordNatcomDecision(
  em: EntityManager,
  applicationId: string,
  decision: 'endorse' | 'decline',
  note: string | null,
): Promise<NatcomOutcome> {
  return em.transactional(async (tx) => {
    const [a] = await tx.execute<
      { call_id: string; country_code: string; status: ApplicationStatus; natcom_decision: string | null }[]
    >(`select call_id, country_code, status, natcom_decision from membership_application where id = ?`, [
      applicationId,
    ]);
    if (!a) return { ok: false, why: 'not_in_review', message: 'no such application' };
    if (a.natcom_decision === decision) return { ok: true, status: a.status };
    if (a.status !== 'natcom_review')
      return { ok: false, why: 'not_in_review', message: `the application is ${a.status}` };
    const [call] = await tx.execute<{ per_country_limit: number }[]>(
      `select per_country_limit from membership_call where id = ? for update`,
      [a.call_id],
    );
    if (decision === 'endorse') {
      const [n] = await tx.execute<{ n: string }[]>(
        `select count(*) as n from membership_application
          where call_id = ? and country_code = ? and natcom_decision = 'endorse' and id <> ?`,
        [a.call_id, a.country_code, applicationId],
      );
      const why = endorsementRefusal(Number(n?.n ?? 0), call!.per_country_limit, a.country_code);
      if (why) return { ok: false, why: 'limit', message: why };
    }
    const status: ApplicationStatus = decision === 'endorse' ? 'jury_review' : 'not_admitted';
    await tx.execute(
      `update membership_application set natcom_decision = ?, natcom_note = ?, natcom_decided_at = now(), status = ?,
          decided_at = case when ? = 'not_admitted' then now() else decided_at end, updated_at = now()
        where id = ?`,
      [decision, note, status, status, applicationId],
    );
    if (status === 'jury_review') await sendJurorLinks(tx, a.call_id);
    return { ok: true, status };
  });
}

// ---------------------------------------------------------------- the jury

/**
 * Each juror of the call (or the one named) gets its link once, when an application of the call is
 * under jury review and the call has not closed: one link per juror, listing all the call's
 * applications with the jury. The token's hash and the e-mail in the caller's transaction, keyed by
 * the juror, so a retry sends nothing twice. Answers how many were sent.
 */
export async function sendJurorLinks(tx: EntityManager, callId: string, jurorId?: string): Promise<number> {
  // In the juror's language, unless the person has chosen their own by signing in.
  const jurors = await tx.execute<{ id: string; name: string; email: string; title: string; language: Language }[]>(
    `select j.id, j.name, j.email, c.title, coalesce(p.language, j.language) as language
       from membership_juror j join membership_call c on c.id = j.call_id left join person p on p.email = j.email
      where j.call_id = ? and c.status <> 'closed' and (?::uuid is null or j.id = ?::uuid)
        and not exists (select 1 from membership_juror_link l where l.juror_id = j.id)
        and exists (select 1 from membership_application a where a.call_id = c.id and a.status = 'jury_review')
      order by j.id`,
    [callId, jurorId ?? null, jurorId ?? null],
  );
  let sent = 0;
  for (const j of jurors) {
    const token = secret();
    const made = await tx.execute<{ token_hash: string }[]>(
      `insert into membership_juror_link (token_hash, juror_id, created_at, expires_at) values (?, ?, now(), ?)
       on conflict (juror_id) do nothing returning token_hash`,
      [sha256(token), j.id, new Date(Date.now() + JURY_LINK.ttlMs)],
    );
    if (!made.length) continue;
    await writeMessage(tx, {
      key: `${membershipCallWorkflowId(callId)}:juror:${j.id}:link`,
      recipientKind: 'person',
      email: j.email,
      kind: 'membership-call.jury-invitation',
      params: { name: j.name, title: j.title, validity: { duration: JURY_LINK.validity } },
      language: j.language,
      link: `/app/jury/${token}`,
    });
    sent++;
  }
  return sent;
}

export interface JurorGrant {
  jurorId: string;
  jurorName: string;
  callId: string;
  callTitle: string;
  expiresAt: string;
}

/** The juror and call a link's token scores for: null for an unknown or expired token, or once the call has closed. */
export async function jurorByToken(em: EntityManager, token: string): Promise<JurorGrant | null> {
  const [r] = await em.execute<{ id: string; name: string; call_id: string; title: string; expires_at: Date }[]>(
    `select j.id, j.name, j.call_id, c.title, l.expires_at
       from membership_juror_link l join membership_juror j on j.id = l.juror_id join membership_call c on c.id = j.call_id
      where l.token_hash = ? and l.expires_at > now() and c.status <> 'closed'`,
    [sha256(token)],
  );
  if (!r) return null;
  return {
    jurorId: r.id,
    jurorName: r.name,
    callId: r.call_id,
    callTitle: r.title,
    expiresAt: new Date(r.expires_at).toISOString(),
  };
}

/**
 * A juror's scores on an application, replacing its earlier ones, while the application is under
 * jury review (its row locked, so a decision cannot slip in between). Answers the status it found
 * when that is not `jury_review` (nothing written).
 */
export async function recordScores(
  em: EntityManager,
  applicationId: string,
  jurorId: string,
  scores: Record<Criterion, number>,
): Promise<{ ok: true } | { ok: false; status: ApplicationStatus | undefined }> {
  return em.transactional(async (tx) => {
    const [row] = await tx.execute<{ status: ApplicationStatus }[]>(
      `select status from membership_application where id = ? for update`,
      [applicationId],
    );
    if (row?.status !== 'jury_review') return { ok: false, status: row?.status };
    for (const [criterion, score] of Object.entries(scores))
      await tx.execute(
        `insert into membership_score (id, application_id, juror_id, criterion, score, updated_at)
         values (gen_random_uuid(), ?, ?, ?, ?, now())
         on conflict (application_id, juror_id, criterion) do update set score = excluded.score, updated_at = now()`,
        [applicationId, jurorId, criterion, score],
      );
    return { ok: true };
  });
}

// ---------------------------------------------------------------- admission

/**
 * Admits the application once: the city becomes a member (a registry city of that name and country
 * is reused), it joins `cluster` with the contact person as its representative, and the contact is
 * invited to sign in (a sign-in link valid for days, e-mailed through the outbox) — the access a
 * representative gets from an open membership (db/queries/person.ts accessOf).
 */
export async function admitApplication(
  em: EntityManager,
  applicationId: string,
  cluster: string,
  note: string | null,
): Promise<{ cityId: string }> {
  return em.transactional(async (tx) => {
    const a = (await appRow(tx, applicationId, 'for update of a'))!;
    const [existing] = await tx.execute<{ city_id: string | null }[]>(
      `select city_id from membership_application where id = ?`,
      [applicationId],
    );
    if (existing?.city_id) return { cityId: existing.city_id };
    const year = new Date().getUTCFullYear();
    const [city] = await tx.execute<{ id: string }[]>(
      `insert into city (id, name, country_code, status, year_joined, created_at, updated_at)
       values (gen_random_uuid(), ?, ?, 'member', ?, now(), now())
       on conflict (country_code, name) do update set status = 'member',
         year_joined = coalesce(city.year_joined, excluded.year_joined), updated_at = now()
       returning id`,
      [a.city_name, a.country_code, year],
    );
    const cityId = city!.id;
    await tx.execute(
      `insert into membership (id, city_id, cluster_code, since, representative_name, representative_email,
         representative_expertise, language)
       values (gen_random_uuid(), ?, ?, current_date, ?, ?, '{}', ?) on conflict do nothing`,
      [cityId, cluster, a.contact_name, a.contact_email, a.language],
    );
    await tx.execute(
      `update membership_application set status = 'admitted', city_id = ?, decision_note = ?, decided_at = now(), updated_at = now()
        where id = ?`,
      [cityId, note, applicationId],
    );
    const token = secret();
    await tx.execute(
      `insert into sign_in_link (id, token_hash, email_hash, email, next, client, created_at, expires_at)
       values (gen_random_uuid(), ?, ?, ?, '/app/city', 'invitation', now(), ?)`,
      [sha256(token), sha256(a.contact_email), a.contact_email, new Date(Date.now() + SIGN_IN.invitationTtlMs)],
    );
    await writeMessage(tx, {
      key: `${membershipApplicationWorkflowId(applicationId)}:admitted`,
      recipientKind: 'person',
      email: a.contact_email,
      kind: 'membership-call.admitted',
      params: { city: a.city_name, title: a.title, validity: { duration: 'P7D' } },
      language: a.language,
      link: `/app/sign-in?token=${token}`,
    });
    return { cityId };
  });
}

/** The applicant's contact told of an end that is not an admission (not admitted, lapsed). */
export async function tellApplicant(
  em: EntityManager,
  applicationId: string,
  kind: 'membership-call.not-admitted',
): Promise<void> {
  const a = (await appRow(em, applicationId))!;
  await writeMessage(em, {
    key: `${membershipApplicationWorkflowId(applicationId)}:${kind.slice(kind.indexOf('.') + 1)}`,
    recipientKind: 'person',
    email: a.contact_email,
    kind,
    params: { city: a.city_name, title: a.title },
    language: a.language,
  });
}

/** What the workflow needs to tell the secretariat about an application. */
export async function applicationFacts(
  em: EntityManager,
  applicationId: string,
): Promise<{ city: string; country: string; title: string; callId: string; deadline: string | null }> {
  const a = (await appRow(em, applicationId))!;
  const [k] = await em.execute<{ name: string }[]>(`select name from country where code = ?`, [a.country_code]);
  return {
    city: a.city_name,
    country: k?.name ?? a.country_code,
    title: a.title,
    callId: a.call_id,
    deadline: a.natcom_deadline ? new Date(a.natcom_deadline).toISOString() : null,
  };
}

// ---------------------------------------------------------------- the call's end and report

export async function setCallStatus(
  em: EntityManager,
  callId: string,
  from: 'open' | 'reviewing',
  to: 'reviewing' | 'closed',
): Promise<void> {
  await em.execute(`update membership_call set status = ? where id = ? and status = ?`, [to, callId, from]);
}

export async function unsettledApplications(em: EntityManager, callId: string): Promise<number> {
  const [r] = await em.execute<{ n: string }[]>(
    `select count(*) as n from membership_application
      where call_id = ? and status in ('submitted', 'natcom_review', 'jury_review')`,
    [callId],
  );
  return Number(r?.n ?? 0);
}

export async function reportRows(
  em: EntityManager,
  callId: string,
): Promise<(ReportRow & { endorsed: boolean; confirmed: boolean })[]> {
  const rows = await em.execute<
    { region: string; country: string; status: ApplicationStatus; endorsed: boolean; confirmed: boolean }[]
  >(
    `select k.region, a.country_code as country, a.status, a.natcom_decision = 'endorse' as endorsed,
            a.email_confirmed_at is not null as confirmed
       from membership_application a join country k on k.code = a.country_code where a.call_id = ? order by a.created_at`,
    [callId],
  );
  return rows.map((r) => ({ ...r, endorsed: r.endorsed === true, confirmed: r.confirmed === true }));
}

/** Cities admitted in the call, for the announcement. */
export async function admittedCities(em: EntityManager, callId: string): Promise<string[]> {
  const rows = await em.execute<{ city_id: string }[]>(
    `select city_id from membership_application where call_id = ? and status = 'admitted' and city_id is not null order by city_id`,
    [callId],
  );
  return rows.map((r) => r.city_id);
}

/** Every member city: the announcement's readers. */
export async function memberCities(em: EntityManager): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(`select id from city where status = 'member' order by id`);
  return rows.map((r) => r.id);
}

export async function storeReport(em: EntityManager, callId: string, report: unknown): Promise<void> {
  await em.execute(
    `update membership_call set status = 'closed', report = ?::jsonb, closed_at = coalesce(closed_at, now()) where id = ?`,
    [JSON.stringify(report), callId],
  );
}
