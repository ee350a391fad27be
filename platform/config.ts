import { z } from 'zod';
import { BALLOT_KEY_FORMAT, isBallotKey } from './ballot-codec.js';

const port = z.coerce.number().int().min(1).max(65535);
const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

/**
 * Every setting of the engine. Names are the environment variables; docker-compose.yml and the
 * README's configuration table are checked against this schema by a test.
 */
export const ConfigSchema = z.object({
  DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  TEMPORAL_ADDRESS: optionalString.pipe(
    z
      .string()
      .regex(/^[^\s:]+:\d+$/, 'must be host:port')
      .optional(),
  ),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('gnlc'),
  TEMPORAL_CLI: optionalString,
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** HTTP port of `npm run worker` (/healthz, /readyz, /metrics) on HOST; 0 picks a free one (tests). */
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /** Workflows the worker keeps in memory between their tasks (worker/index.ts WORKFLOW_CACHE_DEFAULT says why 250). */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).max(5000).default(250),
  PUBLIC_URL: optionalString.pipe(z.url().optional()),
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_PG_PORT: port.default(54329),
  SECRETARIAT_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  /** The first secretariat account: on the first start a one-time sign-in link for it is printed. */
  SECRETARIAT_EMAIL: z.email().max(254).default('secretariat@gnlc.local'),
  SMTP_URL: optionalString.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  SMTP_FROM: z.string().min(3).default('GNLC secretariat <learningcities@localhost>'),
  /** AES-256 key (base64) that seals ballots in Temporal's history; required by `api` and `worker`. */
  BALLOT_KEY: optionalString.pipe(z.string().refine(isBallotKey, BALLOT_KEY_FORMAT).optional()),
  /** Earlier ballot keys, comma-separated, still used to read ballots sealed before a rotation. */
  BALLOT_KEYS_OLD: optionalString.pipe(
    z
      .string()
      .refine((v) => v.split(',').every(isBallotKey), `each comma-separated key ${BALLOT_KEY_FORMAT}`)
      .optional(),
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must look like 1mb or 512kb')
    .default('1mb'),
  /**
   * Express's `trust proxy`: behind a reverse proxy the client address comes from X-Forwarded-For.
   * `false` (default), `true`, a hop count, or addresses/subnets (`loopback`, `10.0.0.0/8`, ...).
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .max(500)
    .default('false')
    .transform((v): boolean | number | string =>
      v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v,
    ),
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** A workflow bundle prebuilt by `npm run bundle` (the image builds one); unset: bundled at start. */
  WORKFLOW_BUNDLE: optionalString,
  START_CLUSTER_CYCLES: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** The IATI organisation identifier of the publisher of GET /funds/iati.xml (UNESCO's by default). */
  IATI_REPORTING_ORG_REF: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]+(-[A-Za-z0-9._]+)+$/, 'must be an IATI organisation identifier such as XM-DAC-41304')
    .max(100)
    .default('XM-DAC-41304'),
  /** Its IATI OrganisationType code (40: multilateral). */
  IATI_REPORTING_ORG_TYPE: z
    .string()
    .trim()
    .regex(/^\d{2}$/, 'must be a two-digit IATI OrganisationType code such as 40')
    .default('40'),
  /** Its name in the file's reporting-org narrative. */
  IATI_REPORTING_ORG_NAME: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .default('United Nations Educational, Scientific and Cultural Organization (UNESCO)'),
});

export type Config = z.infer<typeof ConfigSchema>;
export const CONFIG_KEYS = Object.keys(ConfigSchema.shape) as (keyof Config)[];

export class ConfigError extends Error {}

/** Parses the environment; a bad value fails fast naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked = Object.fromEntries(CONFIG_KEYS.map((k) => [k, env[k]]));
  const parsed = ConfigSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The URL people reach the engine at: PUBLIC_URL, else the address it listens on. Links in e-mails use it. */
export const publicBase = (c: Pick<Config, 'PUBLIC_URL' | 'HOST' | 'PORT'>): string =>
  (c.PUBLIC_URL ?? `http://${c.HOST}:${c.PORT}`).replace(/\/+$/, '');
