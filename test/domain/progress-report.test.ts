import { describe, expect, it } from 'vitest';
import {
  OpenCycleBody,
  ReportBody,
  cycleReminderTimes,
  cycleWindowProblem,
  editable,
  isFlagged,
  missStreak,
  previousBiennium,
  progressReportCycleWorkflowId,
  responseRatePercent,
  type ReportStatus,
} from '../../domain/progress-report.js';

const DAY = 86_400_000;
const m = (o: Record<string, ReportStatus>) => new Map(Object.entries(o));

describe('progress reports', () => {
  it('keys the cycle by its biennium', () => {
    expect(progressReportCycleWorkflowId('2023-2025')).toBe('progress-report-cycle:2023-2025');
    expect(previousBiennium('2023-2025')).toBe('2021-2023');
    expect(previousBiennium('2019-2021')).toBeNull();
  });

  it('flags a city that missed its two latest consecutive cycles, not one with a gap or a report between', () => {
    expect(missStreak(m({ '2021-2023': 'missed', '2023-2025': 'missed' }))).toBe(2);
    expect(isFlagged(m({ '2021-2023': 'missed', '2023-2025': 'missed' }))).toBe(true);
    expect(isFlagged(m({ '2019-2021': 'missed', '2021-2023': 'missed', '2023-2025': 'submitted' }))).toBe(false);
    // 2021-2023 not asked (not yet a member): the misses are not consecutive.
    expect(isFlagged(m({ '2019-2021': 'missed', '2023-2025': 'missed' }))).toBe(false);
    expect(isFlagged(m({ '2023-2025': 'missed' }))).toBe(false);
    expect(missStreak(m({ '2019-2021': 'missed', '2021-2023': 'missed', '2023-2025': 'missed' }))).toBe(3);
    expect(missStreak(new Map())).toBe(0);
  });

  it('rates responses in whole percent rounded down', () => {
    expect(responseRatePercent(2, 3)).toBe(66);
    expect(responseRatePercent(0, 0)).toBe(0);
    expect(responseRatePercent(230, 230)).toBe(100);
  });

  it('bounds the window and the report', () => {
    const now = Date.UTC(2030, 0, 1);
    expect(cycleWindowProblem({ opensAt: now, dueAt: now - 1 }, now)?.path).toBe('body.dueAt');
    expect(cycleWindowProblem({ opensAt: now + 5 * DAY, dueAt: now + DAY }, now)?.message).toBe(
      'must be after opensAt',
    );
    expect(cycleWindowProblem({ opensAt: now, dueAt: now + 400 * DAY }, now)?.path).toBe('body.dueAt');
    expect(cycleWindowProblem({ opensAt: now, dueAt: now + 90 * DAY }, now)).toBeNull();
    expect(OpenCycleBody.safeParse({ biennium: '2023-2024', dueAt: '2030-01-01T00:00:00Z' }).success).toBe(false);
    expect(
      OpenCycleBody.safeParse({ biennium: '2023-2025', dueAt: '2030-01-01T00:00:00Z', reminders: ['P1M'] }).success,
    ).toBe(false);
    const ok = ReportBody.safeParse({ strategies: ' A plan ', activities: 'Festivals' });
    expect(ok.success && ok.data).toEqual({ strategies: 'A plan', activities: 'Festivals', focusAreas: [] });
    const bad = ReportBody.safeParse({
      strategies: 'x'.repeat(4001),
      activities: '\u200b',
      learnersReached: -1,
      focusAreas: ['health', 'health'],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(
      ['activities', 'focusAreas', 'learnersReached', 'strategies'].sort(),
    );
  });

  it('reminds at each lead before the due date, and lets reports be written inside the window only', () => {
    const due = Date.UTC(2030, 5, 30);
    expect(cycleReminderTimes(due, ['P3D', 'P14D', 'P3D'], due - 20 * DAY)).toEqual([due - 14 * DAY, due - 3 * DAY]);
    expect(cycleReminderTimes(due, ['P14D'], due - 7 * DAY)).toEqual([]);
    const c = { status: 'open' as const, opensAt: due - 30 * DAY, dueAt: due };
    expect(editable(c, due - DAY)).toBe(true);
    expect(editable(c, due)).toBe(false);
    expect(editable(c, due - 31 * DAY)).toBe(false);
    expect(editable({ ...c, status: 'closed' }, due - DAY)).toBe(false);
  });
});
