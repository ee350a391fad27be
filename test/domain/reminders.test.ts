import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leadTimes, nonResponders, reminderTooLate } from '../../domain/reminders.js';

const DAY = 86_400_000;

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

  it('never lists one that answered (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.uuid(), { maxLength: 20 }),
        fc.array(fc.uuid(), { maxLength: 20 }),
        (invited, answered) => {
          const pending = nonResponders(invited, new Set(answered));
          expect(pending.every((c) => invited.includes(c) && !answered.includes(c))).toBe(true);
          expect(pending.length).toBe(invited.filter((c) => !answered.includes(c)).length);
        },
      ),
    );
  });
});

describe('reminderTooLate', () => {
  const deadline = 10 * DAY;
  const at = deadline - 2 * DAY; // a reminder two days ahead
  it('sends a reminder that is on time or a little late', () => {
    expect(reminderTooLate(at, deadline, at)).toBe(false);
    expect(reminderTooLate(at, deadline, at + DAY)).toBe(false);
  });
  it('drops one late by more than half its lead, or past the deadline', () => {
    expect(reminderTooLate(at, deadline, at + DAY + 1)).toBe(true);
    expect(reminderTooLate(at, deadline, deadline)).toBe(true);
    expect(reminderTooLate(at, deadline, deadline + DAY)).toBe(true);
  });
});
