import { describe, expect, it } from 'vitest';
import {
  CreateMeetingBody,
  aggregateCluster,
  checkProgress,
  lateReminder,
  meetingInstant,
} from '../../domain/coordinator-meeting.js';
import { PLAN_OUTPUTS as outputs } from './plan-outputs.js';

const DAY = 86_400_000;

describe('report reminders', () => {
  it('for meeting reports: positive fixed leads, at most five, distinct; one that falls before the request is late', () => {
    const leads = (report: unknown) => CreateMeetingBody.safeParse({ date: '2030-01-01', reminders: { report } });
    expect(leads(['P5D', 'PT12H']).success).toBe(true);
    expect(leads([]).success).toBe(true);
    expect(CreateMeetingBody.parse({ date: '2030-01-01' }).reminders).toBeUndefined();
    for (const bad of [
      ['P1M'],
      ['P1Y'],
      ['P0D'],
      ['PT0S'],
      ['soon'],
      ['P1D', 'P2D', 'P3D', 'P4D', 'P5D', 'P6D'],
      ['P1W', 'P7D'],
      'P3D',
    ])
      expect(leads(bad).success, JSON.stringify(bad)).toBe(false);
    const due = 10 * DAY;
    expect(lateReminder(['P3D', 'P1D'], due, 0)).toBeNull();
    expect(lateReminder(['P1D', 'P10D'], due, 0)).toBe('P10D');
    expect(lateReminder(['P1D', 'P5D'], due, 6 * DAY)).toBe('P5D');
    expect(lateReminder([], due, due)).toBeNull();
  });
});

describe('meeting dates', () => {
  it('reads a bare meeting date as midnight UTC', () => {
    expect(meetingInstant('2027-03-01')).toBe('2027-03-01T00:00:00.000Z');
    expect(meetingInstant('2027-03-01T10:00:00+02:00')).toBe('2027-03-01T08:00:00.000Z');
  });
});

describe('reports', () => {
  it('checks progress against the plan', () => {
    expect(checkProgress([{ key: 'centres' }], outputs)).toBeNull();
    expect(checkProgress([{ key: 'parks' }], outputs)).toMatch(/not in the cluster's work plan/);
    expect(checkProgress([{ key: 'guide' }, { key: 'guide' }], outputs)).toMatch(/twice/);
  });

  it('aggregates the worst status per output and per cluster, and lists the missing coordinators', () => {
    const s = aggregateCluster({
      cluster: 'X',
      outputs,
      expected: ['b', 'a', 'c'],
      reports: [
        { cityId: 'a', submittedAt: '', progress: [{ key: 'centres', value: 5, status: 'on_track', note: 'fine' }] },
        { cityId: 'b', submittedAt: '', progress: [{ key: 'centres', value: 6, status: 'at_risk' }] },
      ],
    });
    expect(s).toEqual({
      cluster: 'X',
      status: 'at_risk',
      reported: ['a', 'b'],
      missing: ['c'],
      outputs: [
        {
          key: 'centres',
          title: 'Centres',
          target: { value: 12, unit: 'centres' },
          value: 6,
          status: 'at_risk',
          notes: ['fine'],
        },
        {
          key: 'guide',
          title: 'Guide',
          target: { value: 1, unit: 'guide' },
          value: null,
          status: 'not_reported',
          notes: [],
        },
      ],
    });
    expect(aggregateCluster({ cluster: 'X', outputs, expected: ['a'], reports: [] })).toMatchObject({
      status: 'not_reported',
      missing: ['a'],
    });
  });
});
