import { describe, expect, it } from 'vitest';
import { CreateWorkshopBody, scheduleProblem } from '../../domain/workshop.js';

describe('schedules', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  const s = {
    startsAt: '2026-03-01T09:00:00+01:00',
    endsAt: '2026-03-01T17:00:00+01:00',
    rsvpBy: '2026-02-15T00:00:00Z',
  };
  it('needs end after start and an RSVP deadline in the future, not after the start', () => {
    expect(scheduleProblem(s, now)).toBeNull();
    expect(scheduleProblem({ ...s, endsAt: s.startsAt }, now)?.path).toBe('body.endsAt');
    expect(scheduleProblem({ ...s, rsvpBy: '2026-03-02T00:00:00Z' }, now)?.path).toBe('body.rsvpBy');
    expect(scheduleProblem(s, Date.parse('2026-02-16T00:00:00Z'))?.path).toBe('body.rsvpBy');
  });

  it('validates a workshop body: kinds, time zones, URLs, durations', () => {
    const base = { kind: 'inception', title: 'Inception', ...s, timezone: 'Europe/Paris' };
    expect(CreateWorkshopBody.safeParse(base).success).toBe(true);
    for (const bad of [
      { kind: 'party' },
      { timezone: 'Paris' },
      { onlineUrl: 'javascript:alert(1)' },
      { reminders: { rsvp: ['two weeks'] } },
      { outcomesDue: 'P' },
      { colour: 'red' },
    ]) {
      expect(CreateWorkshopBody.safeParse({ ...base, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
