// Writes the next migration from the difference between the entities and a scratch database
// brought up to date first: `DATABASE_URL=postgres://…/scratch npx tsx db/make-migration.ts Name`.
// Then add the new class to migrations/index.ts.
import { openOrm, migrate } from './orm.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must name a scratch database');
const orm = await openOrm(url);
await migrate(orm);
const result = await orm.getMigrator().createMigration('db/migrations', false, false, process.argv[2] ?? 'Change');
console.log(result.fileName || 'no changes');
console.log(result.diff.up.join('\n'));
await orm.close();
