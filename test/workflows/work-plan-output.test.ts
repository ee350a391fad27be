// workPlanOutputsWorkflow on the time-skipping server: a cluster's coordinators are reminded a lead
// before an output falls due unless it is done, told once (with the secretariat) when it is late; a
// new plan version that moves a due date re-arms its timers, and a stale version changes nothing.
import type { EntityManager } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { planSaved } from '../../client/work-plan-output.js';
import { insertProgress } from '../../db/queries/work-plan-output.js';
import { workPlanOutputsWorkflowId } from '../../domain/work-plan-output.js';
import type { TrackedOutput } from '../../domain/work-plan-output.contract.js';
import { outputsStateQuery } from '../../workflows/work-plan-output.js';
import { clusterWithPhase, insertPlanVersion } from '../support/cluster-work.js';
import { recordHistory } from '../support/histories.js';
import { sqlOn } from '../support/sql.js';
import { eventually, useWorkflowEnv, sleepUntil as sleepUntilOn } from '../support/workflow-env.js';

const t = useWorkflowEnv();
const sql = sqlOn(() => t.orm);
const DAY = 86_400_000;
const HOUR = 3_600_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const em = () => t.orm.em.fork() as EntityManager;

const sleepUntil = (at: number) => sleepUntilOn(t, at);

/** A coordinated cluster (2 members, 1 coordinator) with a work phase of the biennium holding the server's now. */
async function openPlan() {
  const now = await t.env.currentTimeMs();
  const { cluster, coordinator, biennium, phaseId } = await clusterWithPhase(t.orm, now);
  let version = 0;
  /** Saves a version in the database (as the API does) and tells the workflow (update-with-start). */
  const save = async (outputs: TrackedOutput[], beforeDue?: string) => {
    version++;
    await insertPlanVersion(
      t.orm,
      phaseId,
      version,
      outputs.map((o) => ({ ...o, description: '', target: { value: 10, unit: 'centres' } })),
    );
    return planSaved(t.env.client, t.taskQueue, cluster, biennium, {
      version,
      outputs,
      ...(beforeDue ? { beforeDue } : {}),
    });
  };
  const wid = workPlanOutputsWorkflowId(cluster, biennium);
  const notes = async () =>
    sql<{ key: string; recipient_kind: string; city_id: string | null; subject: string }>(
      `select substr(key, ?) as key, recipient_kind, recipient_city_id as city_id, subject from notification where key like ? order by created_at, key`,
      [wid.length + 2, `${wid}:%`],
    );
  const has = (key: string) =>
    eventually(async () => ((await notes()).some((n) => n.key === key) ? true : undefined), 20_000, key);
  return {
    cluster,
    coordinator,
    biennium,
    phaseId,
    now,
    save,
    notes,
    has,
    handle: () => t.env.client.workflow.getHandle(wid),
  };
}

describe('workPlanOutputsWorkflow on the time-skipping server', () => {
  it('reminds the coordinators a lead before the due date and sends the late notice once, with the secretariat', async () => {
    await t.run(async () => {
      const p = await openPlan();
      const due = day(p.now + 40 * DAY);
      const dueMs = Date.parse(`${due}T00:00:00Z`);
      const state = await p.save([{ key: 'centres', title: 'Learning centres', due }]);
      expect(state).toMatchObject({ version: 1, beforeDue: 'P14D', sent: [] });
      expect(state.next).toEqual({ id: `centres:reminder:${due}`, at: new Date(dueMs - 14 * DAY).toISOString() });

      // Fifteen days before: nothing yet.
      await sleepUntil(dueMs - 15 * DAY);
      expect(await p.notes()).toEqual([]);
      // Fourteen days before: the coordinator (not the other member, not the secretariat) is reminded.
      await sleepUntil(dueMs - 14 * DAY + HOUR);
      await p.has(`due-soon:centres:${due}:${p.coordinator}`);
      const reminded = await p.notes();
      expect(reminded.map((n) => [n.recipient_kind, n.city_id])).toEqual([['city', p.coordinator]]);
      expect(reminded[0]!.subject).toMatch(/^Work plan output due on .*: Learning centres$/);
      // The same plan saved again (a new version, same due date) does not remind twice.
      expect((await p.save([{ key: 'centres', title: 'Learning centres', due }])).sent).toEqual([
        `centres:reminder:${due}`,
      ]);

      // The due day passes short of the target: the coordinator and the secretariat are told, once.
      await insertProgress(em(), {
        workPhaseId: p.phaseId,
        key: 'centres',
        value: 4,
        note: null,
        date: day(p.now),
        recordedBy: null,
      });
      await sleepUntil(dueMs + DAY + HOUR);
      await p.has(`late:centres:${due}:secretariat`);
      await sleepUntil(dueMs + 20 * DAY);
      await eventually(async () => ((await p.handle().query(outputsStateQuery)).sent.length === 2 ? true : undefined));
      expect((await p.notes()).map((n) => n.key).sort()).toEqual([
        `due-soon:centres:${due}:${p.coordinator}`,
        `late:centres:${due}:${p.coordinator}`,
        `late:centres:${due}:secretariat`,
      ]);
      expect((await p.handle().query(outputsStateQuery)).next).toBeNull();
      await recordHistory(p.handle(), 'work-plan-outputs-reminders');
    });
  });

  it('sends nothing for an output that is done, and a stale version changes nothing', async () => {
    await t.run(async () => {
      const p = await openPlan();
      const due = day(p.now + 30 * DAY);
      const dueMs = Date.parse(`${due}T00:00:00Z`);
      await p.save([{ key: 'guide', title: 'Guide', due }], 'P7D');
      expect((await p.save([{ key: 'guide', title: 'Guide', due }])).version).toBe(2);
      await insertProgress(em(), {
        workPhaseId: p.phaseId,
        key: 'guide',
        value: 10,
        note: 'published',
        date: day(p.now),
        recordedBy: null,
      });
      // An older version arriving late (two saves racing) is ignored.
      const stale = await planSaved(t.env.client, t.taskQueue, p.cluster, p.biennium, {
        version: 1,
        outputs: [{ key: 'other', title: 'Other', due: day(p.now + 2 * DAY) }],
      });
      expect(stale.outputs.map((o) => o.key)).toEqual(['guide']);
      expect(stale.beforeDue).toBe('P7D');
      await sleepUntil(dueMs + 2 * DAY);
      await eventually(async () => ((await p.handle().query(outputsStateQuery)).sent.length === 2 ? true : undefined));
      expect((await p.handle().query(outputsStateQuery)).sent).toEqual([`guide:reminder:${due}`, `guide:late:${due}`]);
      expect(await p.notes()).toEqual([]);
    });
  });

  it('re-arms the timers when a due date moves', async () => {
    await t.run(async () => {
      const p = await openPlan();
      const due = day(p.now + 20 * DAY);
      const dueMs = Date.parse(`${due}T00:00:00Z`);
      await p.save([{ key: 'forum', title: 'Forum', due }]);
      // Before its reminder the due date moves 30 days on: the old date passes quietly.
      await sleepUntil(dueMs - 16 * DAY);
      const later = day(dueMs + 30 * DAY);
      const laterMs = Date.parse(`${later}T00:00:00Z`);
      const moved = await p.save([{ key: 'forum', title: 'Forum', due: later }]);
      expect(moved.next).toEqual({ id: `forum:reminder:${later}`, at: new Date(laterMs - 14 * DAY).toISOString() });
      await sleepUntil(dueMs + 2 * DAY);
      expect(await p.notes()).toEqual([]);
      // The new date's reminder comes fourteen days before it.
      await sleepUntil(laterMs - 14 * DAY + HOUR);
      await p.has(`due-soon:forum:${later}:${p.coordinator}`);
      expect((await p.notes()).map((n) => n.key)).toEqual([`due-soon:forum:${later}:${p.coordinator}`]);
    });
  });
});
