import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_KEYS, loadConfig } from '../../platform/config.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { openOrm } from '../../db/orm.js';
import { SEARCH_ATTRIBUTES } from '../../domain/visibility.js';
import { findTemporalBinary } from '../../platform/temporal-server.js';

const ROOT = resolve(import.meta.dirname, '../..');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test: string[] | string };
}
let services: Record<string, Service>;
let packageScripts: Record<string, string>;

beforeAll(async () => {
  const compose = parse(await readFile(join(ROOT, 'docker-compose.yml'), 'utf8'));
  services = compose.services;
  packageScripts = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')).scripts;
});

/** What an operator would put in .env: only secrets have no default in the compose file. */
const OPERATOR_ENV: Record<string, string> = {
  POSTGRES_PASSWORD: 's3cret-password',
  SECRETARIAT_TOKEN: 'a-long-production-secretariat-token',
  BALLOT_KEY: Buffer.alloc(32, 1).toString('base64'),
};

/** Compose's interpolation: ${V}, ${V:-default}, ${V-default}, ${V:?error}, ${V?error}, and $$. */
function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(
    /\$\$|\$\{([A-Z0-9_]+)(?:(:?)([-?])([^}]*))?\}/g,
    (match, name: string, colon: string, op: string, arg: string) => {
      if (match === '$$') return '$';
      const v = vars[name];
      const unset = v === undefined || (colon === ':' && v === '');
      if (!unset) return v;
      if (op === '-') return arg;
      if (op === '?') throw new Error(`${name}: ${arg}`);
      return '';
    },
  );
}

function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((e) => [e.split('=')[0]!, e.slice(e.indexOf('=') + 1)])
    : Object.entries(env);
  return Object.fromEntries(entries.map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]));
}
const interpolated = (service: Service, vars = OPERATOR_ENV) =>
  Object.fromEntries(Object.entries(environmentOf(service)).map(([k, v]) => [k, interpolate(v, vars)]));
const dependsOn = (service: Service): Record<string, { condition?: string }> =>
  Array.isArray(service.depends_on)
    ? Object.fromEntries(service.depends_on.map((d) => [d, {}]))
    : (service.depends_on ?? {});
const hasHealthcheck = (service: Service): boolean =>
  Array.isArray(service.healthcheck?.test) ? service.healthcheck.test[0] !== 'NONE' : !!service.healthcheck?.test;

describe('docker-compose.yml', () => {
  it('has PostgreSQL, Temporal with its explicit setup, its UI, the worker and the API', () => {
    expect(Object.keys(services).sort()).toEqual([
      'api',
      'postgres',
      'temporal',
      'temporal-namespace',
      'temporal-schema',
      'temporal-ui',
      'worker',
    ]);
    // The supported server image with admin-tools setup, not the deprecated auto-setup.
    expect(services.temporal!.image).toMatch(/^temporalio\/server:/);
    expect(services['temporal-schema']!.image).toMatch(/^temporalio\/admin-tools:/);
    expect(services['temporal-namespace']!.image).toMatch(/^temporalio\/admin-tools:/);
    expect(Object.values(services).map((s) => s.image ?? '')).not.toContainEqual(expect.stringMatching(/auto-setup/));
    expect(services['temporal-ui']!.image).toMatch(/^temporalio\/ui:/);
    expect(environmentOf(services['temporal-ui']!).TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it('pins every image to an exact version, the ones the test suite runs against', async () => {
    for (const [name, s] of Object.entries(services))
      if (s.image && !s.build) expect(s.image, name).toMatch(/:\d+\.\d+(\.\d+)?$/);
    // The dev server of the tests: "temporal version 1.9.1 (Server 1.32.0, UI 2.54.1)".
    const { stdout } = await promisify(execFile)(findTemporalBinary('temporal')!, ['--version']);
    const [, server, ui] = /Server (\d+\.\d+\.\d+), UI (\d+\.\d+\.\d+)/.exec(stdout)!;
    expect(services.temporal!.image).toBe(`temporalio/server:${server}`);
    expect(services['temporal-schema']!.image).toBe(`temporalio/admin-tools:${server}`);
    expect(services['temporal-ui']!.image).toBe(`temporalio/ui:${ui}`);
    // The suite's PostgreSQL major version.
    const orm = await openOrm(inject('databaseUrl'));
    try {
      const [row] = await orm.em
        .getConnection()
        .execute<{ v: string }[]>(`select current_setting('server_version') as v`);
      expect(services.postgres!.image).toMatch(new RegExp(`^postgres:${row!.v.split('.')[0]}\\.`));
    } finally {
      await orm.close();
    }
  });

  it('publishes the API and the Temporal UI on 127.0.0.1 unless told otherwise', () => {
    expect(services['temporal-ui']!.ports?.map((p) => interpolate(p, {}))).toEqual(['127.0.0.1:8233:8080']);
    expect(services.api!.ports?.map((p) => interpolate(p, {}))).toEqual(['127.0.0.1:3000:3000']);
    expect(services.api!.ports?.map((p) => interpolate(p, { API_BIND: '0.0.0.0' }))).toEqual(['0.0.0.0:3000:3000']);
    for (const name of ['postgres', 'temporal', 'worker']) expect(services[name]!.ports, name).toBeUndefined();
  });

  it('sets Temporal up explicitly: schemas before the server, then the namespace and search attributes', () => {
    expect(dependsOn(services['temporal-schema']!).postgres?.condition).toBe('service_healthy');
    expect(dependsOn(services.temporal!)['temporal-schema']?.condition).toBe('service_completed_successfully');
    const schema = JSON.stringify(services['temporal-schema']!.command);
    expect(schema).toContain('setup-schema');
    expect(schema).toContain('update-schema');
    expect(interpolated(services['temporal-schema']!).SQL_PASSWORD).toBe(OPERATOR_ENV.POSTGRES_PASSWORD);
    expect(dependsOn(services['temporal-namespace']!).temporal?.condition).toBe('service_healthy');
    const setup = JSON.stringify(services['temporal-namespace']!.command);
    expect(setup).toContain('namespace create');
    for (const name of Object.keys(SEARCH_ATTRIBUTES)) expect(setup, name).toContain(name);
    expect(JSON.stringify(services.temporal!.healthcheck)).toMatch(/temporal operator cluster health/);
  });

  it('persists Temporal in the PostgreSQL service, once it is healthy', () => {
    const env = interpolated(services.temporal!);
    expect(env).toMatchObject({
      DB: 'postgres12',
      DB_PORT: '5432',
      POSTGRES_SEEDS: 'postgres',
      POSTGRES_USER: 'gnlc',
      POSTGRES_PWD: OPERATOR_ENV.POSTGRES_PASSWORD,
    });
    expect(interpolated(services.postgres!).POSTGRES_PASSWORD).toBe(env.POSTGRES_PWD);
    expect(JSON.stringify(services.postgres!.healthcheck)).toContain('pg_isready');
  });

  it('health-checks every long-running service; one-shot setup services run to completion instead', () => {
    for (const [name, s] of Object.entries(services)) {
      const oneShot = name === 'temporal-schema' || name === 'temporal-namespace';
      expect(hasHealthcheck(s), name).toBe(!oneShot);
    }
  });

  it.each(['api', 'worker'])(
    '%s runs main.ts under node itself (PID 1, signals reach it) and starts only after its dependencies',
    (name) => {
      const service = services[name]!;
      expect(service.build).toBeDefined();
      expect(service.command).toEqual(['node', '--import', 'tsx', 'main.ts', name]);
      // exec: npm's child is node itself, so the SIGTERM npm passes on reaches it (test/platform/signals.test.ts).
      expect(packageScripts[name]).toBe(`exec node --import tsx main.ts ${name}`);
      const deps = dependsOn(service);
      expect(Object.keys(deps)).toEqual(expect.arrayContaining(['postgres', 'temporal', 'temporal-namespace']));
      // The worker migrates under the same lock as the API: it does not wait for it.
      expect(Object.keys(deps)).not.toContain('api');
      for (const [dep, { condition }] of Object.entries(deps)) {
        const oneShot = dep === 'temporal-namespace';
        expect(condition, `${name} → ${dep}`).toBe(oneShot ? 'service_completed_successfully' : 'service_healthy');
        if (!oneShot) expect(hasHealthcheck(services[dep]!), `${dep} has a healthcheck`).toBe(true);
      }
    },
  );

  it.each([
    ['api', 'PORT'],
    ['worker', 'WORKER_PORT'],
  ])('checks %s on /readyz at the port it listens on', (name, portKey) => {
    const service = services[name]!;
    const env = interpolated(service);
    expect(JSON.stringify(service.healthcheck?.test)).toContain(`127.0.0.1:${env[portKey]}/readyz`);
    expect(env.HOST).toBe('0.0.0.0');
  });

  it.each(['api', 'worker'])('gives %s only variables of platform/config.ts, with values it accepts', (name) => {
    const env = interpolated(services[name]!);
    for (const key of Object.keys(env))
      expect(CONFIG_KEYS, `${key} is not a setting of platform/config.ts`).toContain(key);
    for (const key of [
      'DATABASE_URL',
      'TEMPORAL_ADDRESS',
      'TEMPORAL_NAMESPACE',
      'TEMPORAL_TASK_QUEUE',
      'SECRETARIAT_TOKEN',
      'SMTP_URL',
      'PORT',
      'HOST',
      'LOG_LEVEL',
    ]) {
      expect(env, `${name} sets ${key}`).toHaveProperty(key);
    }
    const config = loadConfig(env);
    expect(new URL(config.DATABASE_URL!).hostname).toBe('postgres');
    expect(config.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(config.SECRETARIAT_TOKEN).toBe(OPERATOR_ENV.SECRETARIAT_TOKEN);
    expect(config.BALLOT_KEY).toBe(OPERATOR_ENV.BALLOT_KEY);
  });

  it('gives the worker and the API the same database, namespace and task queue', () => {
    const api = interpolated(services.api!);
    const worker = interpolated(services.worker!);
    for (const key of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE'])
      expect(worker[key], key).toBe(api[key]);
    expect(interpolated(services['temporal-namespace']!).DEFAULT_NAMESPACE).toBe(api.TEMPORAL_NAMESPACE);
  });

  it('refuses to start without the secrets instead of running with a default', () => {
    expect(() => interpolated(services.api!, { POSTGRES_PASSWORD: 'x' })).toThrow(/^SECRETARIAT_TOKEN: /);
    expect(() => interpolated(services.postgres!, {})).toThrow(/^POSTGRES_PASSWORD: /);
    const { BALLOT_KEY: _, ...withoutBallotKey } = OPERATOR_ENV;
    expect(() => interpolated(services.worker!, withoutBallotKey)).toThrow(/^BALLOT_KEY: /);
  });
});

describe('Dockerfile', () => {
  it('builds on Node 24 LTS in stages, with npm ci from the lockfile, and runs node as PID 1 as a non-root user', async () => {
    const dockerfile = await readFile(join(ROOT, 'Dockerfile'), 'utf8');
    const froms = dockerfile.match(/^FROM .*$/gm) ?? [];
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) expect(from).toMatch(/^FROM node:24-slim\b/);
    expect(dockerfile).toMatch(/^COPY package\.json package-lock\.json/m);
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev\b/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    expect(dockerfile).toMatch(/^CMD \["node", "--import", "tsx", "main\.ts", "api"\]$/m);
    // The workflow bundle is built once, in the image, and the worker loads it.
    expect(dockerfile).toContain('scripts/bundle-workflows.ts dist/workflow-bundle.js');
    expect(dockerfile).toMatch(/WORKFLOW_BUNDLE=\/app\/dist\/workflow-bundle\.js/);
    const ignored = (await readFile(join(ROOT, '.dockerignore'), 'utf8')).split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.data', '.tools', '.git', '.env']));
  });
});
