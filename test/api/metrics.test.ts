// The API's /metrics as Prometheus reads it: a valid exposition (checked by an independent parser)
// whose business metrics move when a ballot is cast and a receipt recorded.
import { describe, expect, it } from 'vitest';
import { useFundingApp } from '../support/funding.js';
import { financialPledge } from '../support/funding.js';
import { parseExposition, sampleValue, type Sample } from '../support/prometheus.js';
import { eventually, seedCluster } from '../support/workflow-env.js';

const api = useFundingApp();
const { http, fx } = api;
const today = () => new Date().toISOString().slice(0, 10);

async function scrape(): Promise<Sample[]> {
  const r = await http.get('/metrics', { token: null });
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(r.body as string);
}

describe('/metrics', () => {
  it('is a valid exposition with every business family, zero-filled statuses included', async () => {
    const samples = await scrape();
    const names = new Set(samples.map((s) => s.name));
    for (const name of [
      'gnlc_elections',
      'gnlc_pledges',
      'gnlc_ballots',
      'gnlc_outbox_messages',
      'http_requests_total',
      'process_cpu_seconds_total',
    ])
      expect(names, name).toContain(name);
    // Every status is a series even with no row in it, so a rate or an alert never sees it vanish.
    expect(samples.find((s) => s.name === 'gnlc_elections' && s.labels.status === 'awaiting_tie_break')).toBeDefined();
    expect(samples.find((s) => s.name === 'gnlc_pledges' && s.labels.status === 'written_off')).toBeDefined();
    // Our own figures are always numbers (the runtime's may be NaN, e.g. the event-loop lag mean).
    for (const s of samples.filter((x) => x.name.startsWith('gnlc_')))
      expect(Number.isFinite(s.value), s.name).toBe(true);
  });

  it('reads NaN and infinite values, which are valid in an exposition, as numbers', () => {
    const samples = parseExposition(
      '# HELP lag Lag\n# TYPE lag gauge\nlag{k="mean"} NaN\nlag{k="max"} +Inf\nlag{k="min"} -Inf\nlag{k="p50"} 0.5\n',
    );
    expect(samples.map((s) => [s.labels.k, s.value])).toEqual([
      ['mean', NaN],
      ['max', Infinity],
      ['min', -Infinity],
      ['p50', 0.5],
    ]);
  });

  it('counts a ballot cast and its election, and a receipt in USD under its biennium', async () => {
    const { cluster, cities } = await seedCluster(api.app.orm, 2);
    const tokens = await Promise.all(cities.map((cityId) => fx.token('city', { cityId })));
    const before = await scrape();

    const opened = await http.post(`/clusters/${cluster}/elections`, {
      termStart: today(),
      nominationWindow: 'PT3S',
      votingWindow: 'PT1H',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(202);
    const id = opened.body.id as string;
    for (const [i, cityId] of cities.entries())
      expect((await http.post(`/elections/${id}/nominations`, { cityId }, { token: tokens[i]! })).status).toBe(201);
    await eventually(async () => ((await http.get(`/elections/${id}`)).body.status === 'voting' ? true : undefined));
    const cast = await http.post(`/elections/${id}/ballots`, { approve: [cities[0]] }, { token: tokens[0]! });
    expect(cast.status).toBe(201);
    // A refused ballot (two approvals for one seat) is counted as refused, not cast.
    expect((await http.post(`/elections/${id}/ballots`, { approve: cities }, { token: tokens[1]! })).status).toBe(422);

    const donor = await fx.donor();
    const pledge = (await http.post('/pledges', financialPledge(donor.id, { biennium: '2027-2029' }))).body;
    expect((await http.post(`/pledges/${pledge.id}/transitions`, { to: 'agreement_signed' })).status).toBe(200);
    const receipt = await http.post(`/pledges/${pledge.id}/receipts`, {
      amount: { currency: 'EUR', value: '1000.00' },
      receivedOn: '2026-02-01',
    });
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(201);

    const after = await scrape();
    const moved = (name: string, labels: Record<string, string> = {}) =>
      sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(moved('gnlc_ballots')).toBe(1);
    expect(moved('gnlc_ballots_cast_total')).toBe(1);
    expect(moved('gnlc_workflow_updates_total', { update: 'castBallot', outcome: 'accepted' })).toBe(1);
    expect(moved('gnlc_workflow_updates_total', { update: 'castBallot', outcome: 'refused' })).toBe(1);
    expect(moved('gnlc_workflow_updates_total', { update: 'nominate', outcome: 'accepted' })).toBe(2);
    expect(moved('gnlc_elections', { status: 'voting' })).toBe(1);
    expect(moved('gnlc_workflow_starts_total', { workflow_type: 'pledgeWorkflow', outcome: 'started' })).toBe(1);
    // EUR 1,000.00 at 1.08 is USD 1,080.00, counted toward the pledge's biennium.
    expect(moved('gnlc_received_usd', { biennium: '2027-2029' })).toBeCloseTo(1080, 6);
    expect(moved('gnlc_pledges', { status: 'in_fulfilment' })).toBe(1);
  });
});
