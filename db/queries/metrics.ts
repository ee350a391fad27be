// The business read model behind the Prometheus gauges: one round trip per scrape, each part an
// aggregate over an indexed or small table (elections and pledges by status, receipts by biennium).
import type { EntityManager } from '@mikro-orm/postgresql';

export interface BusinessCounts {
  electionsByStatus: Record<string, number>;
  pledgesByStatus: Record<string, number>;
  /** USD received (minor units, cents) by the biennium of the pledge the receipt pays. */
  receivedUsdMinorByBiennium: Record<string, number>;
  ballots: number;
}

export async function businessCounts(em: EntityManager): Promise<BusinessCounts> {
  const rows = await em.getConnection().execute<{ part: string; key: string | null; value: string }[]>(
    `select 'election' as part, status as key, count(*)::text as value from election group by status
     union all
     select 'pledge', status, count(*)::text from pledge group by status
     union all
     select 'received', p.biennium, sum(r.usd_minor)::text from receipt r join pledge p on p.id = r.pledge_id group by p.biennium
     union all
     select 'ballots', null, count(*)::text from ballot`,
  );
  const counts: BusinessCounts = {
    electionsByStatus: {},
    pledgesByStatus: {},
    receivedUsdMinorByBiennium: {},
    ballots: 0,
  };
  for (const r of rows) {
    const value = Number(r.value);
    if (r.part === 'election') counts.electionsByStatus[r.key!] = value;
    else if (r.part === 'pledge') counts.pledgesByStatus[r.key!] = value;
    else if (r.part === 'received') counts.receivedUsdMinorByBiennium[r.key!] = value;
    else counts.ballots = value;
  }
  return counts;
}
