// Inputs that were accepted once and then broke a shared view or a process (issue 12, classes 1, 8
// and 9), through the real app: every one is now a 400 naming the field, and nothing is created.
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { reminderSettings } from '../../domain/pledge.js';
import { campaignWorkflow } from '../../workflows/campaign.js';
import { electionWorkflow } from '../../workflows/election.js';
import { pledgeWorkflow } from '../../workflows/pledge.js';
import { workshopWorkflow } from '../../workflows/workshop.js';
import { DAY, schedule, useClusterWorkApp } from '../support/cluster-work.js';
import { financialPledge } from '../support/funding.js';

const t = useClusterWorkApp();
const { http, fx, sql, cluster } = t;

const paths = (r: { body: { errors?: { path: string }[] } }) => (r.body.errors ?? []).map((e) => e.path).sort();

const workshop = (extra: Record<string, unknown> = {}) => ({
  kind: 'thematic',
  title: 'Learning neighbourhoods',
  ...schedule(),
  ...extra,
});

describe('bounds at the edge', () => {
  it('refuses a workshop whose outcomes are due in 999999 years; the calendar keeps answering', async () => {
    const { code } = await cluster(2);
    const r = await http.post(`/clusters/${code}/workshops`, workshop({ outcomesDue: 'P999999Y' }));
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(paths(r)).toEqual(['body.outcomesDue']);
    const far = await http.post(
      `/clusters/${code}/workshops`,
      workshop({ ...schedule(10 * DAY, 20 * DAY), rsvpBy: '9999-01-01T00:00:00Z' }),
    );
    expect(far.status).toBe(400);
    expect(paths(far)).toEqual(['body.rsvpBy']);
    expect((await http.post(`/clusters/${code}/workshops`, workshop({ outcomesDue: 'P30D' }))).status).toBe(202);
    expect((await http.get('/calendar')).status).toBe(200);
    expect((await http.get('/calendar.ics')).status).toBe(200);
  });

  it('refuses an election term start in 9999 and a window of 999999 years', async () => {
    const r = await http.post('/clusters/PLANNING/elections', { termStart: '9999-07-01' });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(paths(r)).toEqual(['body.termStart']);
    const w = await http.post('/clusters/PLANNING/elections', {
      termStart: '2031-07-01',
      nominationWindow: 'P999999Y',
    });
    expect(w.status).toBe(400);
    expect(paths(w)).toEqual(['body.nominationWindow']);
    expect((await http.get('/elections?cluster=PLANNING')).status).toBe(200);
  });

  it('refuses a campaign following up every 999999 years, and a biennium past 2100', async () => {
    const r = await http.post('/campaigns', { biennium: '2097-2099', followUpEvery: 'P999999Y' });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(paths(r)).toEqual(['body.followUpEvery']);
    expect(paths(await http.post('/campaigns', { biennium: '2997-2999' }))).toEqual(['body.biennium']);
  });

  it('refuses a pledge above 10^15 minor units and creates nothing; the donor list keeps answering', async () => {
    const donor = await fx.donor();
    const r = await http.post(
      '/pledges',
      financialPledge(donor.id, { amount: { currency: 'EUR', value: '90071992547409.91' }, instalments: undefined }),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(paths(r)).toEqual(['body.amount.value']);
    expect(await sql<{ n: string }>(`select count(*) as n from pledge where donor_id = ?`, [donor.id])).toEqual([
      { n: '0' },
    ]);
    expect((await http.get(`/donors/${donor.id}/pledges`)).status).toBe(200);
    expect((await http.get('/funding/summary?biennium=2025-2027')).status).toBe(200);
  });

  it('refuses instalments that fall due after 2100, given or generated', async () => {
    const donor = await fx.donor();
    const given = await http.post(
      '/pledges',
      financialPledge(donor.id, {
        amount: { currency: 'EUR', value: '100.00' },
        instalments: [{ due: '9999-01-01', amount: '100' }],
      }),
    );
    expect(given.status).toBe(400);
    expect(paths(given)).toEqual(['body.instalments.0.due']);
    const generated = await http.post(
      '/pledges',
      financialPledge(donor.id, { instalments: { count: 60, interval: 'P2Y', start: '2026-01-01' } }),
    );
    expect(generated.status).toBe(400);
    expect(paths(generated)).toEqual(['body.instalments.count']);
    expect(await sql<{ n: string }>(`select count(*) as n from pledge where donor_id = ?`, [donor.id])).toEqual([
      { n: '0' },
    ]);
  });

  it('refuses exchange rates outside the sane range', async () => {
    const r = await http.post('/fx-rates', { currency: 'EUR', date: '2026-02-01', rateToUsd: '999999' });
    expect(r.status).toBe(400);
    expect(paths(r)).toEqual(['body.rateToUsd']);
    expect(paths(await http.post('/fx-rates', { currency: 'EUR', date: '9999-02-01', rateToUsd: '1.1' }))).toEqual([
      'body.date',
    ]);
  });

  it('fails a workflow started with an out-of-bounds input at once, non-retryable, naming the field', async () => {
    const { app } = t;
    const start = async (wf: (...a: never[]) => Promise<unknown>, input: unknown) => {
      const h = await app.client.workflow.start(wf as never, {
        workflowId: `bad-input:${randomUUID()}`,
        taskQueue: app.taskQueue,
        args: [input] as never,
      });
      const err = await h.result().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(WorkflowFailedError);
      const cause = (err as WorkflowFailedError).cause as ApplicationFailure;
      expect(cause).toBeInstanceOf(ApplicationFailure);
      expect(cause.type).toBe('InvalidInput');
      expect(cause.nonRetryable).toBe(true);
      return cause.message;
    };
    const id = randomUUID();
    expect(
      await start(workshopWorkflow, {
        workshopId: id,
        cluster: 'PLANNING',
        kind: 'thematic',
        title: 'x',
        experts: [],
        invited: [],
        coordinators: [],
        settings: { rsvpReminders: [], outcomesDue: 'P999999Y', outcomesReminderLead: 'P3D' },
      }),
    ).toMatch(/settings\.outcomesDue/);
    // A process that cannot go on tells the secretariat before it closes as failed.
    const [told] = await app.orm.em
      .getConnection()
      .execute<{ subject: string; body: string }[]>(`select subject, body from notification where key = ?`, [
        `workshop:${id}:failed:secretariat`,
      ]);
    expect(told?.subject).toBe('The workshop x stopped');
    expect(told?.body).toMatch(/settings\.outcomesDue/);
    const settings = {
      seats: 1,
      nominationWindow: 'P999999Y',
      nominationExtension: 'P14D',
      votingWindow: 'P14D',
      votingExtension: 'P7D',
      quorum: 0.5,
      termLimit: 2,
      tieBreakWindow: 'P7D',
      termLength: 'P2Y',
      reminderFractions: [0.5],
    };
    expect(
      await start(electionWorkflow, {
        electionId: id,
        cluster: 'PLANNING',
        termStart: '9999-07-01',
        termEnd: '10001-07-01',
        settings,
        eligible: [],
        priorTerms: [],
      }),
    ).toMatch(/termStart.*settings\.nominationWindow|settings\.nominationWindow.*termStart/s);
    expect(
      await start(campaignWorkflow, {
        campaignId: id,
        biennium: '2097-2099',
        targetUsdMinor: 1,
        donorIds: [],
        fundingOption: 'mdfm',
        followUpEvery: 'P999999Y',
        digestEvery: 'P30D',
        closesAt: Date.now() + DAY,
        inKindCountsTowardTarget: false,
        reminders: reminderSettings(),
      }),
    ).toMatch(/followUpEvery/);
    expect(
      await start(pledgeWorkflow, {
        spec: {
          pledgeId: id,
          status: 'pledged',
          currency: 'EUR',
          amountMinor: 9_007_199_254_740_991,
          instalments: [{ seq: 1, due: '9999-01-01', amountMinor: 1, paidMinor: 0, status: 'scheduled' }],
          reminders: reminderSettings(),
        },
      }),
    ).toMatch(/spec\.amountMinor.*spec\.instalments\.0\.due/s);
    expect(await sql(`select id from pledge where id = ?`, [id])).toEqual([]);
  });
});

describe('text hygiene', () => {
  it('refuses invalid UTF-8 instead of storing U+FFFD', async () => {
    const body = Buffer.concat([
      Buffer.from('{"name":"Ham'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('burg","country":"DE"}'),
    ]);
    const r = await fetch(`${t.app.url}/cities`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-secretariat-token-0123456789', 'content-type': 'application/json' },
      body,
    });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { detail: string }).detail).toMatch(/UTF-8/);
  });

  it('refuses lone surrogates and NUL, naming the field', async () => {
    const lone = await http.call('POST', '/cities', { raw: '{"name":"Ham\\ud800burg","country":"DE"}' });
    expect(lone.status).toBe(400);
    expect(paths(lone)).toEqual(['body.name']);
    const nul = await http.call('POST', '/donors', {
      raw: '{"name":"Donor","type":"foundation","contact":{"name":"a\\u0000b"}}',
    });
    expect(nul.status).toBe(400);
    expect(paths(nul)).toEqual(['body.contact.name']);
    expect(paths(await http.get('/elections?cluster=%00'))).toEqual(['query.cluster']);
    expect((await http.get('/elections?cluster=%ED%A0%80')).status).toBe(400);
    expect((await http.get('/elections?cluster=%FF')).status).toBe(400);
  });

  it('wants a visible character and no control characters in names and titles', async () => {
    for (const name of ['\u200b', '\u3164', ' \u200d ', 'Ham\nburg', 'Ham\u0007burg']) {
      const r = await http.post('/cities', { name, country: 'DE' });
      expect(r.status, JSON.stringify(name)).toBe(400);
      expect(paths(r)).toEqual(['body.name']);
    }
    const { code } = await cluster(1);
    const r = await http.post(`/clusters/${code}/workshops`, workshop({ title: 'Workshop\r\nBcc: all@example.org' }));
    expect(r.status).toBe(400);
    expect(paths(r)).toEqual(['body.title']);
    expect((await http.post('/cities', { name: `Medellín ${randomUUID().slice(0, 8)}`, country: 'CO' })).status).toBe(
      201,
    );
  });

  it('takes numeric query parameters in decimal only', async () => {
    for (const limit of ['0x10', '1e2', '%205', '5.0', '+5', '', '-1'])
      expect((await http.get(`/cities?limit=${limit}`)).status, limit).toBe(400);
    expect((await http.get('/cities?offset=0x10')).status).toBe(400);
    expect((await http.get('/calendar?year=2e3')).status).toBe(400);
    const r = await http.get('/cities?limit=5&offset=0');
    expect(r.status).toBe(200);
    expect(r.body.limit).toBe(5);
  });

  it('answers full-text searches PostgreSQL cannot parse as searches, never a 500', async () => {
    for (const q of [
      '-'.repeat(50),
      '- '.repeat(60) + 'water',
      '-!'.repeat(60),
      '(-(-(-x',
      '"-"-"-',
      '\\\\',
      "'&|!:*",
    ]) {
      const r = await http.get(`/peer-learning?q=${encodeURIComponent(q)}`);
      expect(r.status, q).toBe(200);
    }
  });
});

describe('every ISO 4217 currency', () => {
  it('takes pledges and rates in the African currencies the fund focuses on', async () => {
    const donor = await fx.donor();
    for (const [currency, value, rate] of [
      ['MZN', '1000000.00', '0.0156'],
      ['MWK', '50000000.00', '0.00058'],
      ['CDF', '2000000.00', '0.00035'],
      ['BWP', '100000.00', '0.073'],
      ['SLE', '100000.00', '0.044'],
      ['SSP', '100000.00', '0.0077'],
    ]) {
      expect(
        (await http.post('/fx-rates', { currency, date: '2026-01-01', rateToUsd: rate })).status,
        currency,
      ).toBeLessThan(300);
      const r = await http.post(
        '/pledges',
        financialPledge(donor.id, { amount: { currency, value }, instalments: undefined }),
      );
      expect(r.status, `${currency} ${JSON.stringify(r.body)}`).toBe(201);
      expect(r.body.amount).toEqual({ currency, value });
    }
    expect((await http.get(`/donors/${donor.id}/pledges`)).status).toBe(200);
  });
});
