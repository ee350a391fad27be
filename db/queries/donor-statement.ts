// The rows of a donor's statement: its receipts (at the rate recorded with each) and its in-kind
// support once the secretariat approved the valuation (at the rate of the pledge's day of record,
// the nearest earlier one). One query each, whatever the number of pledges.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { StatementRow } from '../../domain/donor-statement.js';
import { toUsd } from '../../domain/money.js';
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
  const [receipts, inKind] = await Promise.all([
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
  ];
}
