import type { EntityManager } from '@mikro-orm/postgresql';
import type { Language } from '../domain/auth.js';
import { appLink, isMessageKind, renderMessage, type Param, type Params } from '../domain/messages/index.js';
import { toUsd } from '../domain/money.js';
import type { NotificationRequest } from '../domain/notification.js';
import { pgTextArray } from '../db/queries/text-array.js';
import type { ActivityDeps } from './deps.js';

interface Reader {
  email: string | null;
  language: Language;
}

/**
 * Who reads a message and in which language: the city's representative (of the cluster when given),
 * the donor's contact, an expert's address. A person's own language (chosen in the web app) wins;
 * a representative who never signed in reads the language the secretariat set on the membership,
 * a donor's contact the one set on the donor (`contact.language`).
 * The secretariat's messages are in English, its working language.
 */
async function readerOf(em: EntityManager, req: NotificationRequest): Promise<Reader> {
  const c = em.getConnection();
  let email: string | null = null;
  let fallback: Language = 'en';
  if (req.recipientKind === 'city' && req.cityId) {
    const [m] = await c.execute<{ representative_email: string; language: Language }[]>(
      `select representative_email, language from membership
        where city_id = ? and until is null${req.cluster ? ' and cluster_code = ?' : ''}
        order by since desc limit 1`,
      req.cluster ? [req.cityId, req.cluster] : [req.cityId],
    );
    email = m?.representative_email ?? null;
    fallback = m?.language ?? 'en';
  } else if (req.recipientKind === 'donor' && req.donorId) {
    const [d] = await c.execute<{ contact_email: string | null; contact_language: Language }[]>(
      `select contact_email, contact_language from donor where id = ?`,
      [req.donorId],
    );
    email = d?.contact_email ?? null;
    fallback = d?.contact_language ?? 'en';
  } else if (req.recipientKind === 'email') {
    email = req.email ?? null;
  }
  if (!email) return { email, language: fallback };
  const [p] = await c.execute<{ language: Language }[]>(`select language from person where email = lower(?)`, [email]);
  return { email, language: p?.language ?? fallback };
}

/** Every city, donor and currency a batch of messages names, looked up once. */
function collect(p: Param, ids: Set<string>, currencies: Set<string>): void {
  if (typeof p !== 'object') return;
  if ('cities' in p) for (const id of p.cities) ids.add(id);
  else if ('donor' in p) ids.add(p.donor);
  else if ('money' in p && p.money.currency !== 'USD' && p.money.usdMinor === undefined)
    currencies.add(p.money.currency);
  else if ('parts' in p) for (const x of p.parts) collect(x, ids, currencies);
}

/** Cities and donors by name, money with its USD value at the latest recorded rate (when there is one). */
function resolve(p: Param, names: Map<string, string>, rates: Map<string, string>): Param {
  if (typeof p !== 'object') return p;
  if ('cities' in p) return { list: p.cities.map((id) => names.get(id) ?? id) };
  if ('donor' in p) return names.get(p.donor) ?? p.donor;
  if ('money' in p && p.money.usdMinor === undefined && rates.has(p.money.currency))
    return { money: { ...p.money, usdMinor: toUsd(p.money.minor, p.money.currency, rates.get(p.money.currency)!) } };
  if ('parts' in p) return { ...p, parts: p.parts.map((x) => resolve(x, names, rates)) };
  return p;
}

async function lookups(em: EntityManager, requests: NotificationRequest[]) {
  /** Cities and donors: names by ID. */
  const ids = new Set<string>();
  const currencies = new Set<string>();
  for (const r of requests)
    for (const v of Object.values(r.message?.params ?? {})) collect(v as Param, ids, currencies);
  const c = em.getConnection();
  const [named, rated] = await Promise.all([
    ids.size
      ? c.execute<{ id: string; name: string }[]>(
          `select id, name from city where id = any(?::uuid[]) union all select id, name from donor where id = any(?::uuid[])`,
          [pgTextArray([...ids]), pgTextArray([...ids])],
        )
      : [],
    currencies.size
      ? c.execute<{ currency: string; rate_to_usd: string }[]>(
          `select distinct on (currency) currency, rate_to_usd::text as rate_to_usd from fx_rate
            where currency = any(?::text[]) and date <= current_date order by currency, date desc`,
          [pgTextArray([...currencies])],
        )
      : [],
  ]);
  return {
    names: new Map(named.map((r) => [r.id, r.name])),
    rates: new Map(rated.map((r) => [r.currency, r.rate_to_usd])),
  };
}

export function createNotificationActivities({ orm }: ActivityDeps) {
  return {
    /**
     * Writes messages to the outbox, each in its reader's language with the link to the reader's
     * page; each key is written once, so a retried activity sends nothing twice.
     */
    async notify(requests: NotificationRequest[]): Promise<{ created: number }> {
      if (requests.length === 0) return { created: 0 };
      const em = orm.em.fork();
      const { names, rates } = await lookups(em, requests);
      const rows = await Promise.all(
        requests.map(async (r) => {
          const reader = await readerOf(em, r);
          const text =
            r.message && isMessageKind(r.message.kind)
              ? renderMessage(
                  r.message.kind,
                  Object.fromEntries(
                    Object.entries(r.message.params as Params).map(([k, v]) => [k, resolve(v, names, rates)]),
                  ),
                  reader.language,
                )
              : { subject: r.subject ?? r.kind, body: r.body ?? '' };
          return {
            id: crypto.randomUUID(),
            key: r.key,
            recipient_kind: r.recipientKind,
            recipient_city_id: r.cityId ?? null,
            recipient_donor_id: r.donorId ?? null,
            email: reader.email,
            kind: r.kind,
            subject: text.subject,
            body: text.body,
            resource: r.resource ?? null,
            link: appLink(r.recipientKind, r.resource),
            created_at: new Date(),
          };
        }),
      );
      const inserted = await em.getKnex().insert(rows).into('notification').onConflict('key').ignore().returning('id');
      return { created: inserted.length };
    },
  };
}
