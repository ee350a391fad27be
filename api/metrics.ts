import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { OutboxCounts } from '../db/queries/notification.js';
import type { BusinessCounts } from '../db/queries/metrics.js';
import { ELECTION_STATUSES } from '../domain/election.js';
import { PLEDGE_STATUSES } from '../domain/pledge.js';
import type { WorkflowCallRecorder } from '../client/metrics.js';

export interface MetricsSources {
  outbox?: () => Promise<OutboxCounts>;
  /** Elections, pledges, receipts and ballots, read from PostgreSQL at each scrape. */
  business?: () => Promise<BusinessCounts>;
  /** More exposition text served after ours (the Temporal SDK's own metrics when the worker runs in this process). */
  extra?: () => Promise<string>;
}

/** Gauges read at scrape time; a scrape while PostgreSQL is down answers without their values. */
function scrapedGauges(registry: Registry, read: () => Promise<BusinessCounts>): void {
  // One query per scrape feeds all four gauges: prom-client calls every collect() in the same tick,
  // so the first one runs the query and the others share it until it settles.
  let pending: Promise<BusinessCounts | undefined> | undefined;
  const counts = () =>
    (pending ??= read()
      .catch(() => undefined)
      .finally(() => (pending = undefined)));
  const byLabel = (
    gauge: Gauge<string>,
    label: string,
    values: Record<string, number>,
    known: readonly string[] = [],
  ) => {
    gauge.reset();
    for (const k of known) gauge.set({ [label]: k }, 0);
    for (const [k, v] of Object.entries(values)) gauge.set({ [label]: k }, v);
  };
  new Gauge({
    name: 'gnlc_elections',
    help: 'Elections by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const c = await counts();
      if (!c) return this.reset();
      byLabel(this, 'status', c.electionsByStatus, ELECTION_STATUSES);
    },
  });
  new Gauge({
    name: 'gnlc_pledges',
    help: 'Pledges by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const c = await counts();
      if (!c) return this.reset();
      byLabel(this, 'status', c.pledgesByStatus, PLEDGE_STATUSES);
    },
  });
  new Gauge({
    name: 'gnlc_received_usd',
    help: 'US dollars received (receipts at their recorded rate) by the biennium of the pledge they pay',
    labelNames: ['biennium'],
    registers: [registry],
    async collect() {
      const c = await counts();
      if (!c) return this.reset();
      // Cents to dollars: a metric value, not an amount anyone computes with (that stays in integers).
      byLabel(
        this,
        'biennium',
        Object.fromEntries(Object.entries(c.receivedUsdMinorByBiennium).map(([b, cents]) => [b, cents / 100])),
      );
    },
  });
  new Gauge({
    name: 'gnlc_ballots',
    help: 'Ballots stored (one per election and city; a re-cast replaces)',
    registers: [registry],
    async collect() {
      const c = await counts();
      if (!c) return this.reset();
      this.set(c.ballots);
    },
  });
}

/** Counters of the API's Temporal calls, fed by the client interceptor (client/metrics.ts). */
function workflowCallCounters(registry: Registry): WorkflowCallRecorder {
  const starts = new Counter({
    name: 'gnlc_workflow_starts_total',
    help: 'Workflow starts asked by the API, by workflow type and outcome (started, already_started, unavailable, failed)',
    labelNames: ['workflow_type', 'outcome'] as const,
    registers: [registry],
  });
  const updates = new Counter({
    name: 'gnlc_workflow_updates_total',
    help: 'Workflow updates sent by the API, by update name and outcome (accepted, refused, unavailable, failed)',
    labelNames: ['update', 'outcome'] as const,
    registers: [registry],
  });
  const ballots = new Counter({
    name: 'gnlc_ballots_cast_total',
    help: 'Ballots accepted by an election (a re-cast counts again)',
    registers: [registry],
  });
  return {
    start: (workflowType, outcome) => starts.inc({ workflow_type: workflowType, outcome }),
    update: (update, outcome) => {
      updates.inc({ update, outcome });
      if (update === 'castBallot' && outcome === 'accepted') ballots.inc();
    },
  };
}

export function createMetrics(opts: MetricsSources = {}) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  if (opts.outbox) {
    const read = opts.outbox;
    new Gauge({
      name: 'gnlc_outbox_messages',
      help: 'E-mails in the outbox not delivered, by state (pending: still to be tried; failed: given up)',
      labelNames: ['state'] as const,
      registers: [registry],
      async collect() {
        // A scrape while PostgreSQL is down still answers, without this gauge's values.
        const counts = await read().catch(() => undefined);
        if (!counts) return this.reset();
        this.set({ state: 'pending' }, counts.pending);
        this.set({ state: 'failed' }, counts.failed);
      },
    });
  }
  if (opts.business) scrapedGauges(registry, opts.business);
  const workflowCalls = workflowCallCounters(registry);
  const middleware = (req: Request, res: Response, next: NextFunction) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      // The route template, not the URL, keeps label cardinality bounded.
      const route = (req.route?.path as string | undefined) ?? 'unmatched';
      requests.inc({ method: req.method, route, status: String(res.statusCode) });
      duration.observe({ method: req.method, route }, Number(process.hrtime.bigint() - start) / 1e9);
    });
    next();
  };
  /** The whole exposition: ours, then the extra source's (which fails soft: a scrape never 500s for it). */
  const exposition = async (): Promise<string> => {
    const own = await registry.metrics();
    const extra = opts.extra ? await opts.extra().catch(() => '') : '';
    return extra ? `${own.endsWith('\n') ? own : `${own}\n`}${extra}` : own;
  };
  return { registry, middleware, workflowCalls, exposition, contentType: registry.contentType };
}
