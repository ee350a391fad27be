import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CreateMeetingBody,
  CreateWorkshopBody,
  WorkplanBody,
  aggregateCluster,
  checkProgress,
  currentCoordinators,
  isPeriod,
  lateReminder,
  leadTimes,
  meetingInstant,
  nonResponders,
  scheduleProblem,
  type PlanOutput,
} from '../../domain/cluster-work.js';
import { escapeText, foldLine, toICalendar } from '../../domain/icalendar.js';

const DAY = 86_400_000;

describe('work phase rules', () => {
  it('accepts periods like 2021-2023 only', () => {
    expect(isPeriod('2021-2023')).toBe(true);
    for (const p of ['2023-2021', '2021-2021', '2021', '21-23', '2021-2045', '2021–2023']) expect(isPeriod(p)).toBe(false);
  });

  it('counts a coordinator from term start (inclusive) to term end (exclusive)', () => {
    const terms = [
      { cityId: 'b', termStart: '2025-07-01', termEnd: '2027-07-01' },
      { cityId: 'a', termStart: '2023-07-01', termEnd: '2025-07-01' },
      { cityId: 'a', termStart: '2025-07-01', termEnd: '2027-07-01' },
    ];
    expect(currentCoordinators(terms, '2025-06-30')).toEqual(['a']);
    expect(currentCoordinators(terms, '2025-07-01')).toEqual(['a', 'b']);
    expect(currentCoordinators(terms, '2027-07-01')).toEqual([]);
  });
});

describe('reminder times', () => {
  it('are the leads before the deadline still ahead, ascending and distinct', () => {
    const deadline = 100 * DAY;
    expect(leadTimes(deadline, ['P14D', 'P3D'], 0)).toEqual([86 * DAY, 97 * DAY]);
    expect(leadTimes(deadline, ['P3D', 'P14D', 'PT72H'], 0)).toEqual([86 * DAY, 97 * DAY]);
    // A late schedule skips the reminders whose moment has passed instead of sending them at once.
    expect(leadTimes(deadline, ['P14D', 'P3D'], 90 * DAY)).toEqual([97 * DAY]);
    expect(leadTimes(deadline, ['P14D'], 99 * DAY)).toEqual([]);
    expect(leadTimes(deadline, ['P0D'], 0)).toEqual([]);
  });

  it('for meeting reports: positive fixed leads, at most five, distinct; one that falls before the request is late', () => {
    const leads = (report: unknown) => CreateMeetingBody.safeParse({ date: '2030-01-01', reminders: { report } });
    expect(leads(['P5D', 'PT12H']).success).toBe(true);
    expect(leads([]).success).toBe(true);
    expect(CreateMeetingBody.parse({ date: '2030-01-01' }).reminders).toBeUndefined();
    for (const bad of [['P1M'], ['P1Y'], ['P0D'], ['PT0S'], ['soon'], ['P1D', 'P2D', 'P3D', 'P4D', 'P5D', 'P6D'], ['P1W', 'P7D'], 'P3D']) expect(leads(bad).success, JSON.stringify(bad)).toBe(false);
    const due = 10 * DAY;
    expect(lateReminder(['P3D', 'P1D'], due, 0)).toBeNull();
    expect(lateReminder(['P1D', 'P10D'], due, 0)).toBe('P10D');
    expect(lateReminder(['P1D', 'P5D'], due, 6 * DAY)).toBe('P5D');
    expect(lateReminder([], due, due)).toBeNull();
  });

  it('never lists one that answered (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.uuid(), { maxLength: 20 }), fc.array(fc.uuid(), { maxLength: 20 }), (invited, answered) => {
        const pending = nonResponders(invited, new Set(answered));
        expect(pending.every((c) => invited.includes(c) && !answered.includes(c))).toBe(true);
        expect(pending.length).toBe(invited.filter((c) => !answered.includes(c)).length);
      }),
    );
  });
});

describe('schedules', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  const s = { startsAt: '2026-03-01T09:00:00+01:00', endsAt: '2026-03-01T17:00:00+01:00', rsvpBy: '2026-02-15T00:00:00Z' };
  it('needs end after start and an RSVP deadline in the future, not after the start', () => {
    expect(scheduleProblem(s, now)).toBeNull();
    expect(scheduleProblem({ ...s, endsAt: s.startsAt }, now)?.path).toBe('body.endsAt');
    expect(scheduleProblem({ ...s, rsvpBy: '2026-03-02T00:00:00Z' }, now)?.path).toBe('body.rsvpBy');
    expect(scheduleProblem(s, Date.parse('2026-02-16T00:00:00Z'))?.path).toBe('body.rsvpBy');
  });

  it('validates a workshop body: kinds, time zones, URLs, durations', () => {
    const base = { kind: 'inception', title: 'Inception', ...s, timezone: 'Europe/Paris' };
    expect(CreateWorkshopBody.safeParse(base).success).toBe(true);
    for (const bad of [{ kind: 'party' }, { timezone: 'Paris' }, { onlineUrl: 'javascript:alert(1)' }, { reminders: { rsvp: ['two weeks'] } }, { outcomesDue: 'P' }, { colour: 'red' }]) {
      expect(CreateWorkshopBody.safeParse({ ...base, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('reads a bare meeting date as midnight UTC', () => {
    expect(meetingInstant('2027-03-01')).toBe('2027-03-01T00:00:00.000Z');
    expect(meetingInstant('2027-03-01T10:00:00+02:00')).toBe('2027-03-01T08:00:00.000Z');
  });
});

describe('work plans and reports', () => {
  const outputs: PlanOutput[] = [
    { key: 'centres', title: 'Centres', description: '', target: { value: 12, unit: 'centres' }, due: '2023-06-30' },
    { key: 'guide', title: 'Guide', description: '', target: { value: 1, unit: 'guide' }, due: '2023-12-31' },
  ];

  it('refuses duplicate output keys in a plan', () => {
    const r = WorkplanBody.safeParse({ outputs: [outputs[0], outputs[0]] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['outputs', 1, 'key']);
  });

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
        { key: 'centres', title: 'Centres', target: { value: 12, unit: 'centres' }, value: 6, status: 'at_risk', notes: ['fine'] },
        { key: 'guide', title: 'Guide', target: { value: 1, unit: 'guide' }, value: null, status: 'not_reported', notes: [] },
      ],
    });
    expect(aggregateCluster({ cluster: 'X', outputs, expected: ['a'], reports: [] })).toMatchObject({ status: 'not_reported', missing: ['a'] });
  });
});

describe('iCalendar serialisation', () => {
  it('escapes TEXT values', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('folds lines at 75 octets without splitting a character, and unfolding restores them (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'grapheme' }), (s) => {
        const line = `SUMMARY:${s.replace(/[\r\n]/g, '')}`;
        const folded = foldLine(line);
        expect(folded.split('\r\n').every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
        expect(folded.replace(/\r\n /g, '')).toBe(line);
      }),
    );
  });

  it('writes a calendar with UTC instants, all-day dates and cancelled events', () => {
    const text = toICalendar(
      [
        { uid: 'w@gnlc', kind: 'workshop', title: 'W', start: '2027-03-01T09:00:00.123Z', end: '2027-03-01T11:00:00Z', cancelled: true },
        { uid: 'd@gnlc', kind: 'due', title: 'Due', start: '2027-12-31', allDay: true },
      ],
      { name: 'GNLC', now: new Date('2026-01-01T00:00:00Z') },
    );
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text).toContain('DTSTART:20270301T090000Z\r\nDTEND:20270301T110000Z');
    expect(text).toContain('STATUS:CANCELLED');
    expect(text).toContain('DTSTART;VALUE=DATE:20271231\r\nDTEND;VALUE=DATE:20280101');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
