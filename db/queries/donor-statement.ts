// The rows of a donor's statement: its receipts (at the rate recorded with each) and its in-kind
// support once the secretariat approved the valuation (at the rate of the pledge's day of record,
// the nearest earlier one). One query each, whatever the number of pledges.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { StatementRow } from '../../domain/donor-statement.js';
import { toUsd } from '../../domain/money.js';
import type { Language } from '../../domain/auth.js';
import { appLink, renderMessage } from '../../domain/messages/index.js';
import type { FundingOption, SubOption } from '../../domain/pledge.js';

interface ReceiptRow {
  date: string;
  pledge_id: string;
  funding_option: FundingOption;
  sub_option: SubOption | null;
  receipt_number: string | null;
  currency: string;
  amount_minor: string;
  fx_rate_to_usd: string;
  usd_minor: string;
}

interface InKindRow {
  date: string;
  pledge_id: string;
  funding_option: FundingOption;
  sub_option: SubOption | null;
  currency: string;
  minor: string;
  rate: string | null;
}

export async function statementRowsOf(em: EntityManager, donorId: string): Promise<StatementRow[]> {
  const conn = em.getConnection();
  const [receipts, inKind, seconded] = await Promise.all([
    conn.execute<ReceiptRow[]>(
      `select to_char(r.received_on, 'YYYY-MM-DD') as date, p.id as pledge_id, p.funding_option, p.sub_option,
              r.receipt_number, r.currency, r.amount_minor::text, r.fx_rate_to_usd::text, r.usd_minor::text
         from receipt r join pledge p on p.id = r.pledge_id
        where p.donor_id = ?`,
      [donorId],
    ),
    conn.execute<InKindRow[]>(
      `select to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD') as date, p.id as pledge_id, p.funding_option,
              p.sub_option, p.valuation->>'currency' as currency, (p.valuation->>'minor') as minor,
              case when p.valuation->>'currency' = 'USD' then '1' else (
                select f.rate_to_usd::text from fx_rate f
                 where f.currency = p.valuation->>'currency' and f.date <= (p.created_at at time zone 'UTC')::date
                 order by f.date desc limit 1) end as rate
         from pledge p
        where p.donor_id = ? and p.kind = 'in_kind' and p.valuation_status = 'approved' and p.valuation is not null`,
      [donorId],
    ),
    // Approved secondment months, at the rate kept with each approval (db/entities/secondment.ts).
    conn.execute<(InKindRow & { reference: string })[]>(
      `select sm.month || '-01' as date, p.id as pledge_id, p.funding_option, p.sub_option, s.currency,
              sm.value_minor::text as minor, sm.fx_rate_to_usd::text as rate, 'secondment ' || s.person_name || ' ' || sm.month as reference
         from secondment_month sm join secondment s on s.id = sm.secondment_id join pledge p on p.id = s.pledge_id
        where p.donor_id = ?`,
      [donorId],
    ),
  ]);
  return [
    ...receipts.map((r): StatementRow => ({
      date: r.date,
      pledgeId: r.pledge_id,
      fundingOption: r.funding_option,
      subOption: r.sub_option,
      kind: 'receipt',
      reference: r.receipt_number,
      currency: r.currency,
      amountMinor: Number(r.amount_minor),
      fxRateToUsd: r.fx_rate_to_usd,
      usdMinor: Number(r.usd_minor),
    })),
    ...inKind.map((r): StatementRow => {
      const minor = Number(r.minor);
      return {
        date: r.date,
        pledgeId: r.pledge_id,
        fundingOption: r.funding_option,
        subOption: r.sub_option,
        kind: 'in_kind',
        reference: null,
        currency: r.currency,
        amountMinor: minor,
        fxRateToUsd: r.rate,
        usdMinor: r.rate === null ? null : toUsd(minor, r.currency, r.rate),
      };
    }),
    ...seconded.map((r): StatementRow => {
      const minor = Number(r.minor);
      return {
        date: r.date,
        pledgeId: r.pledge_id,
        fundingOption: r.funding_option,
        subOption: r.sub_option,
        kind: 'in_kind',
        reference: r.reference.slice(0, 200),
        currency: r.currency,
        amountMinor: minor,
        fxRateToUsd: r.rate,
        usdMinor: toUsd(minor, r.currency, r.rate!),
      };
    }),
  ];
}

/**
 * The yearly notice of a donor's statement, once per donor and year (its key), written in the
 * contact's language: the person's own when they signed in, else the donor's contact language.
 */
export async function sendYearlyStatement(
  em: EntityManager,
  donorId: string,
  year: number,
  totals: { usdMinor: number; count: number },
): Promise<boolean> {
  const [d] = await em.execute<{ contact_email: string | null; language: Language }[]>(
    `select d.contact_email, coalesce(p.language, d.contact_language) as language
       from donor d left join person p on p.email = lower(d.contact_email) where d.id = ?`,
    [donorId],
  );
  const language = d?.language ?? 'en';
  const text = renderMessage(
    'acknowledgement.yearly-statement',
    { year: String(year), total: { money: { minor: totals.usdMinor, currency: 'USD' } }, count: totals.count },
    language,
  );
  const resource = `/donors/${donorId}`;
  const rows = await em.execute<{ id: string }[]>(
    `insert into notification (id, key, recipient_kind, recipient_donor_id, email, kind, subject, body, resource, link, created_at)
     values (gen_random_uuid(), ?, 'donor', ?, ?, 'acknowledgement.yearly-statement', ?, ?, ?, ?, now())
     on conflict (key) do nothing returning id`,
    [
      `donor-statement:${donorId}:${year}`,
      donorId,
      d?.contact_email ?? null,
      text.subject.slice(0, 255),
      text.body,
      resource,
      appLink('donor', resource),
    ],
  );
  return rows.length > 0;
}
