// Ten years of the network on the time-skipping test server (issue #14 item 6): 5 clusters whose
// cycles elect coordinators every two years, a workshop per cluster and a coordinators' meeting every
// year, donors with back-to-back multi-year pledges and their reminders — the product's workflows and
// activities on a real worker, PostgreSQL for the rows and the outbox. bench/decade-plan.ts says what
// happens when; this file plays it year by year and measures:
// - wall seconds per simulated year (target: year 10 / year 1 ≤ 1.5; year 10 holds 3 elections, year 1 two);
// - every history, across its continue-as-new runs: max events and bytes per run against Temporal's
//   limits (51 200 events / 50 MB; warnings at 10 240 / 10 MB);
// - reminders: expected (from the plan) against the outbox: lost, duplicated and unplanned, all 0.
// Simulated, and said so in the output: the people. Cities nominate, vote, answer invitations and
// report; donors pay; the secretariat reports — each through the workflow update the API sends.
// Processes start as the API starts them (same inputs, same row writes, same client calls), except
// that "today" is the test server's day, not the machine's: the API reads the machine's clock.
// Sizes: BENCH_DECADE_CITIES (300), BENCH_DECADE_DONORS (100), BENCH_DECADE_YEARS (10).
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import { ensureCycle } from '../client/cluster-cycle.js';
import { openOrm, type Orm } from '../db/orm.js';
import { insertCoordinatorMeeting } from '../db/queries/coordinator-meeting.js';
import { allCoordinators, coordinatorsOf } from '../db/queries/coordinator-term.js';
import { membersOf } from '../db/queries/membership.js';
import { insertWorkshop } from '../db/queries/workshop.js';
import { clusterCycleWorkflowId } from '../domain/cluster-cycle.js';
import { COORDINATOR_MEETING_DEFAULTS, coordinatorMeetingWorkflowId } from '../domain/coordinator-meeting.js';
import type { MeetingInput } from '../domain/coordinator-meeting.contract.js';
import { toUsd } from '../domain/money.js';
import { pledgeWorkflowId } from '../domain/pledge.js';
import { WORKSHOP_DEFAULTS, workshopWorkflowId } from '../domain/workshop.js';
import type { WorkshopInput } from '../domain/workshop.contract.js';
import { dataConverterFor } from '../platform/ballot-codec.js';
import { startTimeSkippingServer } from '../platform/temporal-server.js';
import { coordinatorMeetingWorkflow, submitReportUpdate } from '../workflows/coordinator-meeting.js';
import { castBallotUpdate, nominateUpdate } from '../workflows/election.js';
import { pledgeWorkflow, receiptUpdate, transitionUpdate } from '../workflows/pledge.js';
import { rsvpUpdate, submitOutcomesUpdate, workshopWorkflow } from '../workflows/workshop.js';
import { DAY, HOUR, buildPlan, expectedReminders, reminderKeys, type Action, type Plan } from './decade-plan.js';
import {
  financialPledgeSpec,
  inParallel,
  productionWorker,
  round,
  runWorkers,
  type Bench,
  type BenchContext,
} from './support.js';

const { temporal } = proto;
const SIZES = {
  cities: Number(process.env.BENCH_DECADE_CITIES) || 300,
  donors: Number(process.env.BENCH_DECADE_DONORS) || 100,
  years: Number(process.env.BENCH_DECADE_YEARS) || 10,
};
const TARGET_RATIO = 1.5;
const LIMIT = { events: 51_200, bytes: 50 * 1024 * 1024 };
const WARN = { events: 10_240, bytes: 10 * 1024 * 1024 };
const IN_FLIGHT = 10;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Clusters, member cities with their representatives, the seeded coordinator terms and the donors. */
async function seed(orm: Orm, plan: Plan): Promise<void> {
  const conn = orm.em.getConnection();
  for (const cl of plan.clusters) {
    await conn.execute(
      `insert into cluster (code, name, period, status, themes, focus_keywords) values (?, ?, '2021-2023', 'active', '{}', '{}')`,
      [cl.code, `Decade cluster ${cl.code}`],
    );
    await conn.execute(
      `insert into city (id, name, country_code, status, created_at, updated_at)
       select id, ? || '-' || n, 'DE', 'member', now(), now() from unnest(?::uuid[]) with ordinality as t(id, n)`,
      [`City ${cl.code}`, `{${cl.cities.join(',')}}`],
    );
    await conn.execute(
      `insert into membership (id, city_id, cluster_code, since, representative_name, representative_email, representative_expertise)
       select gen_random_uuid(), id, ?, current_date, 'Rep', 'rep' || n || '@' || lower(?) || '.example.org', '{}' from unnest(?::uuid[]) with ordinality as t(id, n)`,
      [cl.code, cl.code, `{${cl.cities.join(',')}}`],
    );
    const t = cl.initialTerm;
    await conn.execute(
      `insert into coordinator_term (id, cluster_code, city_id, term_start, term_end, created_at) values (gen_random_uuid(), ?, ?, ?, ?, now())`,
      [cl.code, t.cityId, t.termStart, t.termEnd],
    );
  }
  await conn.execute(
    `insert into donor (id, name, type, contact_name, contact_email, created_at, updated_at)
     select id, 'Decade donor ' || n, 'foundation', 'Contact', 'donor' || n || '@decade.example.org', now(), now()
       from unnest(?::uuid[]) with ordinality as t(id, n)`,
    [`{${plan.donorIds.join(',')}}`],
  );
}

interface Run {
  plan: Plan;
  orm: Orm;
  client: Client;
  taskQueue: string;
  failures: string[];
  /** Coordinators the product's terms name on a meeting's day that the plan did not (or the other way). */
  coordinatorMismatches: number;
}

/** One planned action, through the same workflow call the API makes for it. */
async function act(r: Run, a: Action, now: number): Promise<void> {
  const { client, taskQueue, orm } = r;
  const wf = client.workflow;
  switch (a.kind) {
    case 'pledge': {
      const p = a.pledge;
      const spec = financialPledgeSpec({
        pledgeId: p.pledgeId,
        donorId: p.donorId,
        instalments: p.instalments.map((i) => ({
          seq: i.seq,
          due: i.due,
          amountMinor: i.amountMinor,
          paidMinor: 0,
          status: 'scheduled',
        })),
        by: 'secretariat',
      });
      await wf.start(pledgeWorkflow, { workflowId: pledgeWorkflowId(p.pledgeId), taskQueue, args: [{ spec }] });
      return;
    }
    case 'receipt': {
      const minor = a.pledge.instalments[a.seq - 1]!.amountMinor;
      await wf.getHandle(pledgeWorkflowId(a.pledge.pledgeId)).executeUpdate(receiptUpdate, {
        args: [
          {
            key: `R-${a.seq}`,
            currency: 'USD',
            amountMinor: minor,
            receivedOn: day(now),
            fxRateToUsd: '1',
            usdMinor: toUsd(minor, 'USD', '1'),
            pledgeMinor: minor,
            receiptNumber: `R-${a.seq}`,
            by: 'secretariat',
          },
        ],
      });
      return;
    }
    case 'reported':
      await wf
        .getHandle(pledgeWorkflowId(a.pledge.pledgeId))
        .executeUpdate(transitionUpdate, { args: [{ to: 'reported', by: 'secretariat' }] });
      return;
    case 'nominate':
      for (const cityId of a.election.nominees)
        await wf.getHandle(a.election.workflowId).executeUpdate(nominateUpdate, { args: [{ cityId, by: cityId }] });
      return;
    case 'ballots':
      await inParallel(a.election.voters, IN_FLIGHT, (v) =>
        wf.getHandle(a.election.workflowId).executeUpdate(castBallotUpdate, { args: [v] }),
      );
      return;
    case 'workshop': {
      // As api/routes/workshops.ts startWorkshop: members invited, coordinators of the (simulated) day.
      const w = a.workshop;
      const em = orm.em.fork();
      const input: WorkshopInput = {
        workshopId: w.workshopId,
        cluster: w.cluster,
        workPhaseId: null,
        kind: 'thematic',
        title: `Decade workshop ${day(now)}`,
        schedule: w.schedule,
        experts: [],
        invited: await membersOf(em, w.cluster),
        coordinators: await coordinatorsOf(em, w.cluster, day(now)),
        settings: { ...WORKSHOP_DEFAULTS, rsvpReminders: [...WORKSHOP_DEFAULTS.rsvpReminders] },
      };
      await insertWorkshop(em, input);
      await wf.start(workshopWorkflow, { workflowId: workshopWorkflowId(w.workshopId), taskQueue, args: [input] });
      return;
    }
    case 'rsvps':
      await inParallel(a.workshop.answering, IN_FLIGHT, (cityId) =>
        wf
          .getHandle(workshopWorkflowId(a.workshop.workshopId))
          .executeUpdate(rsvpUpdate, { args: [{ cityId, response: 'yes', attendees: ['Representative'] }] }),
      );
      return;
    case 'outcomes':
      await wf.getHandle(workshopWorkflowId(a.workshop.workshopId)).executeUpdate(submitOutcomesUpdate, {
        args: [
          {
            conceptualDefinition: 'Learning throughout life, in every part of the city.',
            summary: 'Simulated outcomes of the decade bench.',
            successes: [],
            challenges: [],
            documents: [],
            by: null,
          },
        ],
      });
      return;
    case 'meeting': {
      // As api/routes/coordinator-meetings.ts: every current coordinator (of this bench's clusters; the
      // bench database may hold others) is asked to report; the plan knows whom it elected.
      const m = a.meeting;
      const mine = new Set(r.plan.clusters.map((c) => c.code));
      const expected = (await allCoordinators(orm.em.fork(), day(now))).filter((e) => mine.has(e.cluster));
      const key = (e: { cluster: string; cityId: string }) => `${e.cluster}:${e.cityId}`;
      const planned = new Set(m.expected.map(key));
      r.coordinatorMismatches +=
        expected.filter((e) => !planned.has(key(e))).length +
        m.expected.length -
        expected.filter((e) => planned.has(key(e))).length;
      const input: MeetingInput = {
        meetingId: m.meetingId,
        title: `Cluster coordinators meeting ${m.at.slice(0, 10)}`,
        at: m.at,
        reportLead: COORDINATOR_MEETING_DEFAULTS.reportLead,
        reportDueAt: m.reportDueAt,
        expected,
        reminders: [...COORDINATOR_MEETING_DEFAULTS.reportReminders],
      };
      await insertCoordinatorMeeting(orm.em.fork(), input);
      await wf.start(coordinatorMeetingWorkflow, {
        workflowId: coordinatorMeetingWorkflowId(m.meetingId),
        taskQueue,
        args: [input],
      });
      return;
    }
    case 'reports':
      for (const e of a.meeting.reporting)
        await wf
          .getHandle(coordinatorMeetingWorkflowId(a.meeting.meetingId))
          .executeUpdate(submitReportUpdate, { args: [{ ...e, progress: [] }] });
      return;
  }
}

/** What kind of reminder a key is: `pledge:inst:before-due`, `workshop:rsvp-reminder`, … */
function kindCounts(keys: Iterable<string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) {
    const kind = k.startsWith('pledge:')
      ? `pledge:${k
          .split(':')
          .slice(2)
          .join(':')
          .replace(/^inst\d+/, 'inst')}`
      : k.startsWith('advisory-session-proposal:')
        ? 'advisory-session:overdue'
        : /^[0-9a-f-]{36}:/.test(k)
          ? 'election:vote-reminder'
          : `${k.split(':')[0]}:${k.split(':')[2]}`;
    out[kind] = (out[kind] ?? 0) + 1;
  }
  return out;
}

interface RunSize {
  workflowId: string;
  runId: string;
  events: number;
  bytes: number;
}

/** Every run of a workflow, latest first, following each run's first event back to the run it continues. */
async function runsOf(client: Client, workflowId: string): Promise<RunSize[]> {
  const out: RunSize[] = [];
  let runId: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const first = history.events?.[0];
    out.push({
      workflowId,
      runId: runId ?? 'latest',
      events: history.events?.length ?? 0,
      bytes: temporal.api.history.v1.History.encode(history).finish().length,
    });
    const previous = first?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
    if (!previous) break;
    runId = previous;
  }
  return out;
}

export const decadeBench: Bench = {
  name: 'decade',
  description: `${SIZES.years} simulated years on the time-skipping server: ${SIZES.cities} cities in 5 clusters, ${SIZES.donors} donors`,
  needsTemporal: 'time-skipping',
  async run(ctx: BenchContext) {
    const { years } = SIZES;
    const env = await startTimeSkippingServer();
    const orm = await openOrm(ctx.databaseUrl, { pool: { min: 0, max: 20 } });
    const stops: (() => Promise<unknown>)[] = [() => env.teardown(), () => orm.close()];
    try {
      // Ballots sealed as in production, on the worker and the client alike.
      const dataConverter = dataConverterFor({ current: randomBytes(32), old: [] });
      const client = new Client({ connection: env.connection, dataConverter });
      const taskQueue = `bench-decade-${randomUUID()}`;
      const worker = await productionWorker({ connection: env.nativeConnection, taskQueue, orm, dataConverter });
      stops.unshift(runWorkers(worker));
      const sleepUntil = async (at: number) => {
        const now = await env.currentTimeMs();
        if (at > now) await env.sleep(at - now);
      };

      // Year 1 starts at 12:30 UTC the day after tomorrow: no reminder of the plan falls on a year's edge.
      const t0 = await env.currentTimeMs();
      const start = Date.parse(`${day(t0 + 2 * DAY)}T00:00:00Z`) + 12.5 * HOUR;
      const plan = buildPlan(SIZES, start);
      await seed(orm, plan);
      // The worker starts each active cluster's cycle at start-up (worker/startup.ts): the same call.
      for (const cl of plan.clusters) await ensureCycle(client, taskQueue, cl.code);
      await sleepUntil(start);
      ctx.log(
        `  plan: ${plan.clusters.length} clusters × ${plan.clusters[0]!.cities.length} cities, ${plan.elections.length} elections, ${plan.workshops.length} workshops, ${plan.meetings.length} meetings, ${plan.pledges.length} pledges of ${plan.donorIds.length} donors; ${plan.actions.length} simulated actions`,
      );

      const r: Run = { plan, orm, client, taskQueue, failures: [], coordinatorMismatches: 0 };
      const sql = <T extends object[]>(q: string, p: unknown[] = []) => orm.em.getConnection().execute<T>(q, p);
      const outboxRows = async () =>
        Number((await sql<{ n: string }[]>(`select count(*) as n from notification`))[0]!.n);
      const perYear: {
        year: number;
        seconds: number;
        actions: number;
        notifications: number;
        rssMb: number;
        load1: number;
      }[] = [];
      let next = 0;
      for (let y = 0; y < years; y++) {
        const yearEnd = plan.yearStarts[y + 1]!;
        const rows0 = await outboxRows();
        const w0 = performance.now();
        let actions = 0;
        while (next < plan.actions.length && plan.actions[next]!.at < yearEnd) {
          const a = plan.actions[next++]!;
          await sleepUntil(a.at);
          actions++;
          try {
            await act(r, a, await env.currentTimeMs());
          } catch (err) {
            const what = `${a.kind} at ${new Date(a.at).toISOString()}: ${err instanceof Error ? err.message : String(err)}`;
            if (r.failures.length < 20) ctx.log(`  FAILED ${what}`);
            r.failures.push(what);
          }
        }
        await sleepUntil(yearEnd);
        const seconds = (performance.now() - w0) / 1000;
        const notifications = (await outboxRows()) - rows0;
        // The bench process's memory (worker, client and bench) and the machine's load: a busy neighbour shows here.
        const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
        const load1 = round(loadavg()[0]!, 1);
        perYear.push({ year: y + 1, seconds, actions, notifications, rssMb, load1 });
        ctx.log(
          `  year ${String(y + 1).padStart(2)}: ${seconds.toFixed(1).padStart(6)} s  (${actions} actions, ${notifications} notifications written; RSS ${rssMb} MB, load ${load1})`,
        );
      }

      // ---- reminders: the plan's against the outbox's
      const elections = await sql<{ id: string; workflow_id: string }[]>(
        `select id, workflow_id from election where cluster_code = any(?::text[])`,
        [`{${plan.clusters.map((c) => c.code).join(',')}}`],
      );
      const electionIds = new Map(elections.map((e) => [e.workflow_id, e.id]));
      const expected = expectedReminders(plan, electionIds);
      const owners = new Set([
        ...plan.pledges.map((p) => pledgeWorkflowId(p.pledgeId)),
        ...plan.workshops.map((w) => workshopWorkflowId(w.workshopId)),
        ...plan.meetings.map((m) => coordinatorMeetingWorkflowId(m.meetingId)),
        ...elections.map((e) => e.id),
        ...plan.clusters.map((c) => `advisory-session-proposal:${c.code}`),
      ]);
      const ownerOf = (key: string) =>
        key.startsWith('advisory-session-proposal:')
          ? key.split(':').slice(0, 2).join(':')
          : /^[0-9a-f-]{36}:/.test(key)
            ? key.slice(0, 36)
            : key.split(':').slice(0, 2).join(':');
      const allKeys = (await sql<{ key: string }[]>(`select key from notification`))
        .map((x) => x.key)
        .filter((k) => owners.has(ownerOf(k)));
      const sent = reminderKeys(allKeys);
      const distinct = new Set(sent);
      const lost = [...expected].filter((k) => !distinct.has(k));
      const unplanned = [...distinct].filter((k) => !expected.has(k));
      const duplicated = sent.length - distinct.size;
      ctx.log(
        `  reminders: expected ${expected.size}, outbox ${sent.length} rows / ${distinct.size} keys; lost ${lost.length}, duplicated ${duplicated}, unplanned ${unplanned.length} (all notifications of these processes: ${allKeys.length})`,
      );
      const byKind = kindCounts(expected);
      ctx.log(`  expected by kind: ${JSON.stringify(byKind)}`);
      for (const k of [...lost.slice(0, 5), ...unplanned.slice(0, 5)])
        ctx.log(`    ${lost.includes(k) ? 'lost' : 'unplanned'} ${k}`);

      // ---- histories, across continue-as-new runs
      const end = plan.yearStarts.at(-1)!;
      const ids = [
        ...plan.clusters.map((c) => clusterCycleWorkflowId(c.code)),
        ...plan.elections.filter((e) => e.opensAt < end).map((e) => e.workflowId),
        ...plan.workshops.filter((w) => w.startAt < end).map((w) => workshopWorkflowId(w.workshopId)),
        ...plan.meetings.filter((m) => m.createAt < end).map((m) => coordinatorMeetingWorkflowId(m.meetingId)),
        ...plan.pledges.filter((p) => p.startAt < end).map((p) => pledgeWorkflowId(p.pledgeId)),
      ];
      const runs: RunSize[] = [];
      await inParallel(ids, 8, async (id) => runs.push(...(await runsOf(client, id))));
      const byType = new Map<string, { workflows: Set<string>; runs: number; maxEvents: number; maxBytes: number }>();
      for (const x of runs) {
        const type = x.workflowId.split(':')[0]!;
        const t = byType.get(type) ?? { workflows: new Set(), runs: 0, maxEvents: 0, maxBytes: 0 };
        t.workflows.add(x.workflowId);
        t.runs++;
        t.maxEvents = Math.max(t.maxEvents, x.events);
        t.maxBytes = Math.max(t.maxBytes, x.bytes);
        byType.set(type, t);
      }
      const maxEvents = Math.max(...runs.map((x) => x.events));
      const maxBytes = Math.max(...runs.map((x) => x.bytes));
      for (const [type, t] of byType)
        ctx.log(
          `  history ${type.padEnd(20)} ${t.workflows.size} workflows, ${t.runs} runs: max ${t.maxEvents} events, ${t.maxBytes} bytes per run`,
        );

      const first = perYear[0]!.seconds;
      const last = perYear.at(-1)!.seconds;
      const ratio = last / first;
      const historiesOk = maxEvents < WARN.events && maxBytes < WARN.bytes;
      const ok =
        r.failures.length === 0 &&
        r.coordinatorMismatches === 0 &&
        lost.length === 0 &&
        duplicated === 0 &&
        unplanned.length === 0 &&
        historiesOk &&
        ratio <= TARGET_RATIO;
      const totalSeconds = perYear.reduce((s, y) => s + y.seconds, 0);
      return {
        ok,
        table: {
          simulated: `${years} years; ${plan.clusters.length} clusters × ${plan.clusters[0]!.cities.length} cities, ${SIZES.donors} donors`,
          'simulated people': 'nominations, ballots, RSVPs, reports, receipts, report-sent moves (workflow updates)',
          'wall seconds per year': perYear.map((y) => round(y.seconds, 1)).join(' '),
          'year 10 / year 1 (target ≤ 1.5)': `${round(ratio, 2)} (year ${years} / year 1)`,
          // Year 1 also warms the worker up (first workflow contexts, JIT): the same ratio without it.
          'year 10 / year 2 (no warm-up)': perYear.length > 1 ? round(last / perYear[1]!.seconds, 2) : '—',
          'total wall seconds': round(totalSeconds, 0),
          'RSS MB after year 1 / last': `${perYear[0]!.rssMb} / ${perYear.at(-1)!.rssMb}`,
          'actions (elections, workshops, meetings, pledges)': `${plan.actions.length}: ${plan.elections.length} / ${plan.workshops.length} / ${plan.meetings.length} / ${plan.pledges.length}`,
          'failed actions': r.failures.length,
          'max events per run (limit 51 200, warn 10 240)': `${maxEvents} (margin ×${round(LIMIT.events / maxEvents, 0)})`,
          'max bytes per run (limit 50 MB, warn 10 MB)': `${maxBytes} (margin ×${round(LIMIT.bytes / maxBytes, 0)})`,
          'reminders expected / outbox rows / keys': `${expected.size} / ${sent.length} / ${distinct.size}`,
          'lost / duplicated / unplanned (target 0)': `${lost.length} / ${duplicated} / ${unplanned.length}`,
          'meeting coordinators not as elected': r.coordinatorMismatches,
        },
        details: {
          sizes: SIZES,
          start: new Date(start).toISOString(),
          perYear,
          ratio,
          targetRatio: TARGET_RATIO,
          simulated: {
            people:
              'cities nominate themselves a day after an election opens; ~70% vote a day after voting opens (3 in 5 for the first nominee); half the cities answer each workshop invitation; coordinators of clusters 1, 3 and 5 report to each meeting, 2 and 4 never; donors pay each instalment 20 days early to 75 days late by a fixed habit; the secretariat reports to half the donors 30 days after fulfilment',
            started:
              'cycles by ensureCycle (as the worker at start-up); workshops, meetings and pledges with the inputs and rows the API writes, on the simulated day',
          },
          plan: {
            elections: plan.elections.length,
            workshops: plan.workshops.length,
            meetings: plan.meetings.length,
            pledges: plan.pledges.length,
            actions: plan.actions.length,
          },
          failures: r.failures.slice(0, 20),
          failureCount: r.failures.length,
          coordinatorMismatches: r.coordinatorMismatches,
          reminders: {
            expected: expected.size,
            expectedByKind: byKind,
            rows: sent.length,
            distinctKeys: distinct.size,
            lost: lost.length,
            duplicated,
            unplanned: unplanned.length,
            lostSample: lost.slice(0, 10),
            unplannedSample: unplanned.slice(0, 10),
            allNotificationsOfTheseProcesses: allKeys.length,
          },
          histories: {
            limit: LIMIT,
            warnAt: WARN,
            maxEvents,
            maxBytes,
            byType: Object.fromEntries(
              [...byType].map(([k, t]) => [
                k,
                { workflows: t.workflows.size, runs: t.runs, maxEvents: t.maxEvents, maxBytes: t.maxBytes },
              ]),
            ),
          },
        },
      };
    } finally {
      for (const stop of stops)
        await stop().catch((err) => ctx.log(`  cleanup failed: ${err instanceof Error ? err.message : String(err)}`));
    }
  },
};
