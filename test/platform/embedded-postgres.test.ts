import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../platform/embedded-postgres.js';

describe('embedded PostgreSQL that cannot start', () => {
  it("says why in PostgreSQL's own words, naming the port", { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gnlc-pg-fail-'));
    await chmod(dir, 0o755);
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as AddressInfo).port;
    try {
      const err = await startEmbeddedPostgres({ dir: join(dir, 'data'), port, database: 'x', persistent: false }).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err).toBeInstanceOf(Error);
      expect(err!.message).toContain(`embedded PostgreSQL did not start on port ${port}:`);
      expect(err!.message).toMatch(/could not bind .*Address already in use/);
    } finally {
      await new Promise((r) => taken.close(r));
      await rm(dir, { recursive: true, force: true });
    }
  });
});
