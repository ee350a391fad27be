import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_KEYS, loadConfig } from '../../platform/config.js';

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
  it('has PostgreSQL, Temporal, its UI, the worker and the API', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'postgres', 'temporal', 'temporal-ui', 'worker']);
    expect(services.postgres!.image).toMatch(/^postgres:16/);
    expect(services.temporal!.image).toMatch(/^temporalio\/auto-setup:/);
    expect(services['temporal-ui']!.image).toMatch(/^temporalio\/ui:/);
    expect(environmentOf(services['temporal-ui']!).TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(services['temporal-ui']!.ports?.map((p) => interpolate(p, {}))).toEqual(['8233:8080']);
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
    expect(dependsOn(services.temporal!).postgres?.condition).toBe('service_healthy');
    expect(hasHealthcheck(services.postgres!)).toBe(true);
    expect(JSON.stringify(services.postgres!.healthcheck)).toContain('pg_isready');
    expect(JSON.stringify(services.temporal!.healthcheck)).toMatch(
      /temporal operator cluster health|tctl .*cluster health/,
    );
  });

  it.each(['api', 'worker'])(
    '%s runs an npm script of the image and starts only after its dependencies are healthy',
    (name) => {
      const service = services[name]!;
      expect(service.build).toBeDefined();
      const command = Array.isArray(service.command) ? service.command : service.command?.split(' ');
      expect(command).toEqual(['npm', 'run', name]);
      // exec: npm's child is node itself, so the SIGTERM npm passes on reaches it (test/platform/signals.test.ts).
      expect(packageScripts[name]).toBe(`exec node --import tsx main.ts ${name}`);
      const deps = dependsOn(service);
      expect(Object.keys(deps)).toEqual(expect.arrayContaining(['postgres', 'temporal']));
      for (const [dep, { condition }] of Object.entries(deps)) {
        expect(condition, `${name} → ${dep}`).toBe('service_healthy');
        expect(hasHealthcheck(services[dep]!), `${dep} has a healthcheck`).toBe(true);
      }
    },
  );

  it('checks the API on /readyz at the port it listens on, and publishes it', () => {
    const api = services.api!;
    const env = interpolated(api);
    expect(JSON.stringify(api.healthcheck?.test)).toContain(`127.0.0.1:${env.PORT}/readyz`);
    expect(api.ports?.map((p) => interpolate(p, {}))).toEqual([`3000:${env.PORT}`]);
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
    expect(interpolated(services.temporal!).DEFAULT_NAMESPACE).toBe(api.TEMPORAL_NAMESPACE);
  });

  it('refuses to start without the secrets instead of running with a default', () => {
    expect(() => interpolated(services.api!, { POSTGRES_PASSWORD: 'x' })).toThrow(/^SECRETARIAT_TOKEN: /);
    expect(() => interpolated(services.postgres!, {})).toThrow(/^POSTGRES_PASSWORD: /);
    const { BALLOT_KEY: _, ...withoutBallotKey } = OPERATOR_ENV;
    expect(() => interpolated(services.worker!, withoutBallotKey)).toThrow(/^BALLOT_KEY: /);
  });
});

describe('Dockerfile', () => {
  it('builds on node:20-slim with npm ci from the lockfile', async () => {
    const dockerfile = await readFile(join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20-slim$/m);
    expect(dockerfile).toMatch(/^COPY package\.json package-lock\.json/m);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    const ignored = (await readFile(join(ROOT, '.dockerignore'), 'utf8')).split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.data', '.tools', '.git', '.env']));
  });
});
