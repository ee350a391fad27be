import { defineConfig } from 'vitest/config';

// Temporal servers and workers are heavy: run files one at a time in forked processes.
export default defineConfig({
  test: {
    pool: 'forks',
    fileParallelism: false,
    // One process for the files in turn, its modules loaded once: importing the engine, the Temporal
    // SDK and MikroORM again in a fresh process per file cost minutes per run. Files share no state
    // but the run's database and servers (each closes what it starts).
    isolate: false,
    // A Temporal client call still in its retry backoff when a file closes its connection throws
    // "Channel has been shut down" from the SDK's retry timer (grpc-retry.js) when the timer fires —
    // in the single process, during a later file. It is the closing file's teardown of a call the
    // API had already answered (a 503 within its deadline), nothing the running file did.
    onUnhandledError(error) {
      if (error.message === 'Channel has been shut down' && /grpc-retry/.test(error.stack ?? '')) return false;
    },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
