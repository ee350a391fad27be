// Schemathesis (a real fuzzer, from PyPI) against the running app, from its own OpenAPI document,
// as the secretariat, a city and a donor: no server error, every response as documented. After it,
// no workflow it started is failing its tasks and no activity is retrying.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase } from '../support/fresh-database.js';
import { SECRETARIAT, startTestApp, type TestApp } from '../support/app.js';
import { fixtures, httpClient } from '../support/http.js';

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');
const SCHEMATHESIS = join(import.meta.dirname, '..', '..', '.tools', 'venv', 'bin', 'schemathesis');

/**
 * The operations a role may call (its name among the operation's documented roles), for the city
 * and donor runs: every other operation answers them 403 whatever the input, which the secretariat's
 * run and the authorization tests already cover, and fuzzing those cost two thirds of the file.
 */
async function operationsOf(url: string, role: string): Promise<string[]> {
  const doc = (await (await fetch(`${url}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { operationId?: string; description?: string }>>;
  };
  return Object.values(doc.paths)
    .flatMap((ops) => Object.values(ops))
    .filter(
      (op) =>
        op.operationId &&
        /^Roles: (.*)$/m
          .exec(op.description ?? '')?.[1]
          ?.split(', ')
          .includes(role),
    )
    .map((op) => op.operationId!);
}

function fuzz(url: string, token: string, only?: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      SCHEMATHESIS,
      [
        'run',
        `${url}/openapi.json`,
        '--header',
        `Authorization: Bearer ${token}`,
        '--checks',
        'not_a_server_error,response_schema_conformance',
        '--phases',
        'coverage,fuzzing',
        '--max-examples',
        '8',
        // One worker: Hypothesis's source inspection is not thread-safe (an "AST constructor recursion
        // depth mismatch" error seen with two).
        '--workers',
        '1',
        // Longer than the API's own 30 s bound on an update, so its 503 is what is judged.
        '--request-timeout',
        '60',
        '--seed',
        '20261201',
        '--no-color',
        ...(only ? ['--include-operation-id-regex', `^(${only.join('|')})$`] : []),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c));
    child.stderr.on('data', (c: Buffer) => (output += c));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

let app: TestApp;
let db: Awaited<ReturnType<typeof freshDatabase>>;
const tokens: Record<string, string> = { secretariat: SECRETARIAT };
const ROLES = ['secretariat', 'city', 'donor'] as const;
const runs: Partial<Record<(typeof ROLES)[number], ReturnType<typeof fuzz>>> = {};

/**
 * A namespace of the file's own: the fuzzer reaches every process it can find, and the run's
 * shared namespace holds other files' workflows on task queues nobody polls any more.
 */
async function freshNamespace(): Promise<string> {
  const namespace = `fuzz-${randomUUID().slice(0, 8)}`;
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  try {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: { seconds: 86_400 as never },
    });
    // A new namespace takes a moment to be served by every part of the server.
    for (let i = 0; i < 100; i++) {
      const ok = await connection.workflowService.describeNamespace({ namespace }).then(
        () => true,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await connection.close();
  }
  return namespace;
}

beforeAll(async () => {
  db = await freshDatabase();
  app = await startTestApp({ orm: db.orm, env: { TEMPORAL_NAMESPACE: await freshNamespace() } });
  const fx = fixtures(httpClient(app.url));
  const city = await fx.city();
  await fx.member('ESD', city.id);
  tokens.city = await fx.token('city', { cityId: city.id });
  tokens.donor = await fx.token('donor', { donorId: (await fx.donor()).id });
  // The three roles fuzz at once, each its own Schemathesis process: a run waits on round trips
  // more than it computes, so together they take little longer than one.
  for (const role of ROLES)
    runs[role] = (role === 'secretariat' ? Promise.resolve(undefined) : operationsOf(app.url, role)).then((only) =>
      fuzz(app.url, tokens[role]!, only),
    );
});
afterAll(async () => {
  await Promise.allSettled(Object.values(runs));
  await app?.close();
  await db?.drop();
});

describe('Schemathesis against the running app', () => {
  for (const role of ROLES) {
    it(`finds no server error and no undocumented response as ${role}`, { timeout: 400_000 }, async () => {
      const { code, output } = await runs[role]!;
      // The whole report, for whoever reads a failure (CI prints only its tail).
      await mkdir(ARTIFACTS, { recursive: true });
      await writeFile(join(ARTIFACTS, `schemathesis-${role}.txt`), output);
      expect(output).toMatch(/generated, \d+ passed/);
      // The city's and the donor's own operations were found and fuzzed (not a filter matching none).
      if (role !== 'secretariat') expect(output).toMatch(/Selected: [1-9]\d*\/\d+/);
      expect(
        code,
        output.slice(output.indexOf('FAILURES') >= 0 ? output.indexOf('FAILURES') : -6000).slice(0, 6000),
      ).toBe(0);
    });
  }

  it('leaves no workflow failing its tasks and no activity retrying', async () => {
    const stuck: string[] = [];
    for await (const w of app.client.workflow.list({
      query: `TaskQueue = '${app.taskQueue}' AND ExecutionStatus = 'Running'`,
    })) {
      const d = await app.client.workflow.getHandle(w.workflowId, w.runId).describe();
      const raw = d.raw;
      if ((raw.pendingWorkflowTask?.attempt ?? 1) > 1)
        stuck.push(`${w.workflowId}: workflow task attempt ${raw.pendingWorkflowTask?.attempt}`);
      for (const a of raw.pendingActivities ?? []) {
        if ((a.attempt ?? 1) > 1)
          stuck.push(`${w.workflowId}: ${a.activityType?.name} attempt ${a.attempt} (${a.lastFailure?.message})`);
      }
    }
    expect(stuck).toEqual([]);
  });
});
