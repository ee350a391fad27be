// How many messages of a kind a process sent about a resource, per recipient: what the workshop and
// coordinator-meeting workflow tests assert on.
import { eventually } from './workflow-env.js';

type Sql = <T>(q: string, params?: unknown[]) => Promise<T[]>;

/** Per recipient (city id, e-mail or recipient kind), how many messages of `kind` were written about `resource`. */
export async function notificationCounts(sql: Sql, resource: string, kind: string): Promise<Record<string, number>> {
  const rows = await sql<{ who: string; n: string }>(
    `select coalesce(recipient_city_id::text, email, recipient_kind) as who, count(*) as n from notification where resource = ? and kind = ? group by 1`,
    [resource, kind],
  );
  return Object.fromEntries(rows.map((r) => [r.who, Number(r.n)]));
}

/** The counts once at least `total` such messages were written. */
export const notificationCountsReach = (sql: Sql, resource: string, kind: string, total: number) =>
  eventually(
    async () => {
      const c = await notificationCounts(sql, resource, kind);
      return Object.values(c).reduce((a, b) => a + b, 0) >= total ? c : undefined;
    },
    20_000,
    `${total} ${kind} messages`,
  );
