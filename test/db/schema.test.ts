import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openOrm } from '../../db/orm.js';

describe('committed migrations', () => {
  it('produce exactly the schema the entities describe', async () => {
    const orm = await openOrm(inject('databaseUrl'));
    try {
      // The run's database was migrated by the global setup; any diff means a missing migration.
      const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: true });
      expect(diff.trim()).toBe('');
    } finally {
      await orm.close();
    }
  });
});
