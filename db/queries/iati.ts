// The read model of the IATI activity file (domain/iati.ts): per fund, what each receipt credited
// it (receipt_credit, in the receipt's currency, with the donor), its allocations as first committed
// with their reductions and cancellations, and their disbursements with the beneficiary cities'
// countries. The same rows GET /funds sums, so the file's transactions add up to the funds' report.
import type { EntityManager } from '@mikro-orm/postgresql';
import { FUND_KEYS, type FundKey } from '../../domain/fund.js';
import type { IatiFund, IatiIncoming, IatiCommitment, IatiDisbursement } from '../../domain/iati.js';

const num = (v: unknown): number => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer amount: ${String(v)}`);
  return n;
};
const day = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/** Every fund in FUND_KEYS order with its transactions, oldest first; zero amounts are left out. */
export async function iatiFunds(em: EntityManager): Promise<IatiFund[]> {
  const [incoming, commitments, disbursements] = await Promise.all([
    em.execute<
      {
        fund_key: FundKey;
        receipt_id: string;
        received_on: Date | string;
        currency: string;
        amount_minor: string;
        donor_name: string;
        donor_type: IatiIncoming['donor']['type'];
        donor_ref: string | null;
      }[]
    >(
      `select c.fund_key, c.receipt_id, r.received_on::text as received_on, c.currency, c.amount_minor,
              d.name as donor_name, d.type as donor_type, d.iati_org_ref as donor_ref
         from receipt_credit c join receipt r on r.id = c.receipt_id
         join pledge p on p.id = c.pledge_id join donor d on d.id = p.donor_id
        where c.amount_minor > 0
        order by r.received_on, r.created_at, r.id`,
    ),
    em.execute<
      {
        fund_key: FundKey;
        id: string;
        allocated_on: Date | string;
        currency: string;
        amount_minor: string;
        title: string;
        changes: { seq: number; action: 'reduce' | 'cancel'; on: string; from: number; to: number }[] | null;
      }[]
    >(
      // The amount first committed is what the first reduction or cancellation started from (the
      // allocation row keeps only the amount as it stands); each change's day in UTC, as 'at' is stored.
      `select a.fund_key, a.id, a.allocated_on::text as allocated_on, a.currency, a.title,
              coalesce(c.changes->0->>'from', a.amount_minor::text) as amount_minor, c.changes
         from fund_allocation a
         left join lateral (
           select json_agg(json_build_object('seq', x.seq, 'action', x.action, 'on', (x.at at time zone 'UTC')::date::text,
                                             'from', x.from_minor, 'to', x.to_minor) order by x.seq) as changes
             from fund_allocation_change x where x.allocation_id = a.id and x.action <> 'allocate') c on true
        order by a.allocated_on, a.created_at, a.id`,
    ),
    em.execute<
      {
        fund_key: FundKey;
        id: string;
        disbursed_on: Date | string;
        currency: string;
        amount_minor: string;
        title: string;
        cities: { name: string; country: string }[] | null;
      }[]
    >(
      `select a.fund_key, d.id, d.disbursed_on::text as disbursed_on, a.currency, d.amount_minor, a.title,
              (select json_agg(json_build_object('name', c.name, 'country', c.country_code) order by c.name, c.id)
                 from fund_disbursement_city dc join city c on c.id = dc.city_id
                where dc.disbursement_id = d.id) as cities
         from fund_disbursement d join fund_allocation a on a.id = d.allocation_id
        order by d.disbursed_on, d.created_at, d.id`,
    ),
  ]);
  return FUND_KEYS.map((key) => ({
    key,
    incoming: incoming
      .filter((r) => r.fund_key === key)
      .map((r): IatiIncoming => ({
        receiptId: r.receipt_id,
        receivedOn: day(r.received_on),
        currency: r.currency,
        amountMinor: num(r.amount_minor),
        donor: { name: r.donor_name, type: r.donor_type, ref: r.donor_ref },
      })),
    commitments: commitments
      .filter((r) => r.fund_key === key && num(r.amount_minor) > 0)
      .map((r): IatiCommitment => ({
        allocationId: r.id,
        allocatedOn: day(r.allocated_on),
        currency: r.currency,
        amountMinor: num(r.amount_minor),
        title: r.title,
        changes: (r.changes ?? [])
          .map((c) => ({ seq: c.seq, action: c.action, changedOn: c.on, deltaMinor: num(c.to) - num(c.from) }))
          .filter((c) => c.deltaMinor !== 0),
      })),
    disbursements: disbursements
      .filter((r) => r.fund_key === key)
      .map((r): IatiDisbursement => ({
        disbursementId: r.id,
        disbursedOn: day(r.disbursed_on),
        currency: r.currency,
        amountMinor: num(r.amount_minor),
        title: r.title,
        cities: r.cities ?? [],
      })),
  }));
}
