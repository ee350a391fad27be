import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Never logged, wherever a logger call puts them: credentials (tokens, cookies, CSRF tokens) and
 * people's e-mail addresses. Request lines (api/request-log.ts) carry no headers or bodies at all;
 * this is the net under every other line.
 */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'email',
  '*.email',
  '*.*.email',
  'authorization',
  'cookie',
  'headers.authorization',
  'headers.cookie',
  'headers["x-csrf-token"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

/** JSON lines on stdout (or `destination`, which tests read). */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'gnlc-engine' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
