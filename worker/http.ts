// The worker's own HTTP port (WORKER_PORT): liveness, readiness and metrics for an orchestrator and
// Prometheus. The worker serves no API; this is all it listens for.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { listen } from '../platform/listen.js';

export interface WorkerHttpOptions {
  host: string;
  port: number;
  /** 'ok' or what is wrong in a word, per dependency (database, temporal, worker). */
  checks: Record<string, () => Promise<unknown>>;
  /** The SDK runtime's Prometheus endpoint (worker/index.ts installSdkRuntime), served again here. */
  sdkMetricsUrl?: string;
}

const CHECK_MS = 2_000;

async function check(fn: () => Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise((_, rej) => (timer = setTimeout(() => rej(new Error('timeout')), CHECK_MS)));
    const ok = await Promise.race([fn(), timeout]);
    return ok === false ? 'not running' : 'ok';
  } catch {
    return 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}

/** Text of the SDK's exporter; empty when it cannot be read, so a scrape still has the process metrics. */
export async function readSdkMetrics(url: string | undefined): Promise<string> {
  if (!url) return '';
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(CHECK_MS) });
    return r.ok ? await r.text() : '';
  } catch {
    return '';
  }
}

export async function startWorkerHttp(opts: WorkerHttpOptions): Promise<{ server: Server; port: number }> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const send = (res: ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  const json = (res: ServerResponse, status: number, body: unknown) =>
    send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return json(res, 405, { status: 405, title: 'Method Not Allowed' });
    }
    if (path === '/healthz') return json(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      const names = Object.keys(opts.checks);
      const results = await Promise.all(names.map((n) => check(opts.checks[n]!)));
      const checks = Object.fromEntries(names.map((n, i) => [n, results[i]!]));
      const ok = results.every((r) => r === 'ok');
      return json(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', checks });
    }
    if (path === '/metrics') {
      const own = await registry.metrics();
      const sdk = await readSdkMetrics(opts.sdkMetricsUrl);
      return send(res, 200, registry.contentType, sdk ? `${own.endsWith('\n') ? own : `${own}\n`}${sdk}` : own);
    }
    json(res, 404, { status: 404, title: 'Not Found' });
  };
  const server = await listen(
    (req, res) =>
      void handler(req, res).catch(() => {
        if (!res.headersSent) json(res, 500, { status: 500, title: 'Internal Server Error' });
        else res.end();
      }),
    opts.port,
    opts.host,
  );
  return { server, port: (server.address() as AddressInfo).port };
}
