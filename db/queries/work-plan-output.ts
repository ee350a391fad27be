// The work plan outputs' timeline across clusters: each work phase's plan in force, every output's
// progress entries (direct updates from workplan_output_progress, and the coordinators' meeting
// reports of the phase's biennium), its latest value and its status (domain/work-plan-output.ts).
import type { EntityManager } from '@mikro-orm/postgresql';
import { bienniumRange } from '../../domain/biennium.js';
import type { OutputProgress } from '../../domain/coordinator-meeting.js';
import type { PlanOutput } from '../../domain/work-plan.js';
import { latestEntry, outputStatus, type ProgressEntry, type TrackStatus } from '../../domain/work-plan-output.js';
import { pgTextArray } from './text-array.js';

export interface TimelineItem {
  cluster: string;
  biennium: string;
  key: string;
  title: string;
  target: { value: number; unit: string };
  due: string;
  ownerCityId: string | null;
  value: number | null;
  lastUpdate: string | null;
  status: TrackStatus;
  entries: (Omit<ProgressEntry, 'reported'> & { reported: ProgressEntry['reported'] | null })[];
}

export interface TimelineFilter {
  cluster?: string;
  biennium?: string;
  key?: string;
  status?: TrackStatus;
  dueFrom?: string;
  dueTo?: string;
}

/** Outputs of every plan in force (one per work phase), by due date, with their entries and status on `today`. */
export async function outputsTimeline(em: EntityManager, f: TimelineFilter, today: string): Promise<TimelineItem[]> {
  const plans = await em.execute<{ work_phase_id: string; cluster: string; biennium: string; outputs: PlanOutput[] }[]>(
    `select distinct on (v.work_phase_id) v.work_phase_id, p.cluster_code as cluster, p.biennium, v.outputs
       from workplan_version v join work_phase p on p.id = v.work_phase_id
      where (?::text is null or p.cluster_code = ?) and (?::text is null or p.biennium = ?)
      order by v.work_phase_id, v.version desc`,
    [f.cluster ?? null, f.cluster ?? null, f.biennium ?? null, f.biennium ?? null],
  );
  if (!plans.length) return [];
  const phaseIds = plans.map((p) => p.work_phase_id);
  const clusters = [...new Set(plans.map((p) => p.cluster))];
  const [direct, reports] = await Promise.all([
    em.execute<{ work_phase_id: string; output_key: string; value: number; note: string | null; date: string }[]>(
      `select work_phase_id, output_key, value, note, to_char(date, 'YYYY-MM-DD') as date
         from workplan_output_progress where work_phase_id = any(?::uuid[]) order by date, created_at`,
      [pgTextArray(phaseIds)],
    ),
    em.execute<{ cluster: string; date: string; progress: OutputProgress[] }[]>(
      `select cluster_code as cluster, to_char(submitted_at at time zone 'UTC', 'YYYY-MM-DD') as date, progress
         from meeting_report where cluster_code = any(?::text[]) order by submitted_at`,
      [pgTextArray(clusters)],
    ),
  ]);
  const items: TimelineItem[] = [];
  for (const plan of plans) {
    const range = bienniumRange(plan.biennium);
    const phaseReports = reports.filter(
      (r) => r.cluster === plan.cluster && r.date >= range.start && r.date < range.end,
    );
    for (const o of plan.outputs) {
      if (f.key && o.key !== f.key) continue;
      if ((f.dueFrom && o.due < f.dueFrom) || (f.dueTo && o.due > f.dueTo)) continue;
      const entries = [
        ...phaseReports.flatMap((r) =>
          r.progress
            .filter((p) => p.key === o.key)
            .map((p) => ({
              value: p.value,
              date: r.date,
              note: p.note ?? null,
              source: 'meeting' as const,
              reported: p.status,
            })),
        ),
        ...direct
          .filter((d) => d.work_phase_id === plan.work_phase_id && d.output_key === o.key)
          .map((d) => ({
            value: Number(d.value),
            date: d.date,
            note: d.note,
            source: 'direct' as const,
            reported: null,
          })),
      ].sort((a, b) => a.date.localeCompare(b.date));
      const status = outputStatus(
        o,
        entries.map(({ reported, ...e }) => (reported ? { ...e, reported } : e)),
        today,
      );
      if (f.status && status !== f.status) continue;
      const latest = latestEntry(entries.map(({ reported: _r, ...e }) => e));
      items.push({
        cluster: plan.cluster,
        biennium: plan.biennium,
        key: o.key,
        title: o.title,
        target: o.target,
        due: o.due,
        ownerCityId: o.ownerCityId ?? null,
        value: latest?.value ?? null,
        lastUpdate: latest?.date ?? null,
        status,
        entries,
      });
    }
  }
  return items.sort(
    (a, b) => a.due.localeCompare(b.due) || a.cluster.localeCompare(b.cluster) || a.key.localeCompare(b.key),
  );
}

/** The work phase and output a direct update is for, or null when the plan in force has no such output. */
export async function planOutput(
  em: EntityManager,
  cluster: string,
  biennium: string,
  key: string,
): Promise<{ workPhaseId: string; output: PlanOutput } | null> {
  const [plan] = await em.execute<{ work_phase_id: string; outputs: PlanOutput[] }[]>(
    `select v.work_phase_id, v.outputs from workplan_version v join work_phase p on p.id = v.work_phase_id
      where p.cluster_code = ? and p.biennium = ? order by v.version desc limit 1`,
    [cluster, biennium],
  );
  const output = plan?.outputs.find((o) => o.key === key);
  return plan && output ? { workPhaseId: plan.work_phase_id, output } : null;
}

export async function insertProgress(
  em: EntityManager,
  e: { workPhaseId: string; key: string; value: number; note: string | null; date: string; recordedBy: string | null },
): Promise<void> {
  await em.execute(
    `insert into workplan_output_progress (id, work_phase_id, output_key, value, note, date, recorded_by, created_at)
     values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, now())`,
    [e.workPhaseId, e.key, e.value, e.note, e.date, e.recordedBy],
  );
}

export interface PlanInForce {
  cluster: string;
  biennium: string;
  version: number;
  outputs: { key: string; title: string; due: string }[];
}

/**
 * The plans in force (one per work phase, its highest version) that still have an output not done and
 * not past due on `today`, optionally of some clusters only: what the outputs workflow must follow.
 */
export async function plansWithOutputsAhead(
  em: EntityManager,
  today: string,
  clusters?: readonly string[],
): Promise<PlanInForce[]> {
  const plans = await em.execute<{ cluster: string; biennium: string; version: number; outputs: PlanOutput[] }[]>(
    `select distinct on (v.work_phase_id) p.cluster_code as cluster, p.biennium, v.version, v.outputs
       from workplan_version v join work_phase p on p.id = v.work_phase_id
      where (?::text[] is null or p.cluster_code = any(?::text[]))
      order by v.work_phase_id, v.version desc`,
    [clusters ? pgTextArray([...clusters]) : null, clusters ? pgTextArray([...clusters]) : null],
  );
  const ahead = plans.filter((p) => p.outputs.some((o) => o.due >= today));
  if (!ahead.length) return [];
  // Done or not as the timeline says (direct progress and meeting reports), read once.
  const items = await outputsTimeline(em, {}, today);
  const done = new Set(items.filter((i) => i.status === 'done').map((i) => `${i.cluster}|${i.biennium}|${i.key}`));
  return ahead
    .filter((p) => p.outputs.some((o) => o.due >= today && !done.has(`${p.cluster}|${p.biennium}|${o.key}`)))
    .map((p) => ({
      cluster: p.cluster,
      biennium: p.biennium,
      version: Number(p.version),
      outputs: p.outputs.map(({ key, title, due }) => ({ key, title, due })),
    }))
    .sort((a, b) => a.cluster.localeCompare(b.cluster) || a.biennium.localeCompare(b.biennium));
}
