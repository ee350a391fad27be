import { randomUUID } from 'node:crypto';

type Sql = <T>(q: string, params?: unknown[]) => Promise<T[]>;

/** A foundation with a contact address, written directly (workflow tests have no API). */
export async function seedDonor(sql: Sql): Promise<string> {
  const id = randomUUID();
  await sql(`insert into donor (id, name, type, contact_email, created_at, updated_at) values (?, ?, 'foundation', ?, now(), now())`, [id, `Donor ${id.slice(0, 8)}`, `${id.slice(0, 8)}@donor.example.org`]);
  return id;
}

/** A biennium no other test uses, cleared of any campaign an earlier run left (campaigns are unique per biennium). */
export async function freshBiennium(sql: Sql): Promise<string> {
  const y = 2100 + Math.floor(Math.random() * 800);
  const biennium = `${y}-${y + 2}`;
  await sql(`delete from campaign_prospect where campaign_id in (select id from campaign where biennium = ?)`, [biennium]);
  await sql(`update pledge set campaign_id = null where campaign_id in (select id from campaign where biennium = ?)`, [biennium]);
  await sql(`delete from campaign where biennium = ?`, [biennium]);
  return biennium;
}
