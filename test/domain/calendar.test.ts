import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { toICalendar, wallTime } from '../../domain/calendar.js';

describe('iCalendar serialisation', () => {
  it('gives the wall-clock time of an instant in a zone, across a DST change', () => {
    expect(wallTime('2027-03-01T09:00:00Z', 'Europe/Berlin')).toBe('2027-03-01T10:00:00');
    expect(wallTime('2027-07-01T09:00:00Z', 'Europe/Berlin')).toBe('2027-07-01T11:00:00');
    expect(wallTime('2027-07-01T23:30:00Z', 'Asia/Seoul')).toBe('2027-07-02T08:30:00');
  });

  it('writes UTC instants, zoned times with their VTIMEZONE, all-day dates, no zero-length DTEND, SEQUENCE and LAST-MODIFIED', () => {
    const text = toICalendar(
      [
        {
          uid: 'w@gnlc',
          kind: 'workshop',
          title: 'W, with; punctuation\nand a line break',
          start: '2027-03-01T09:00:00.123Z',
          end: '2027-03-01T11:00:00Z',
          timezone: 'Europe/Berlin',
          sequence: 3,
          updatedAt: '2026-11-30T08:00:00Z',
          cancelled: true,
        },
        { uid: 'r@gnlc', kind: 'deadline', title: 'RSVP', start: '2027-02-01T12:00:00Z', end: '2027-02-01T12:00:00Z' },
        { uid: 'd@gnlc', kind: 'due', title: 'Due', start: '2027-12-31', allDay: true },
      ],
      { name: 'GNLC', now: new Date('2026-01-01T00:00:00Z') },
    );
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:20270301T100000\r\nDTEND;TZID=Europe/Berlin:20270301T120000');
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin');
    expect(text).not.toMatch(/^DTEND:20270201T120000Z/m);
    expect(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);

    // Read back by ical.js, with the feed's own time zone definition.
    const cal = new ICAL.Component(ICAL.parse(text));
    for (const vtz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
    const [w, r, d] = cal.getAllSubcomponents('vevent');
    const we = new ICAL.Event(w!);
    expect(we.summary).toBe('W, with; punctuation\nand a line break');
    expect(we.startDate.toJSDate().toISOString()).toBe('2027-03-01T09:00:00.000Z');
    expect(we.endDate.toJSDate().toISOString()).toBe('2027-03-01T11:00:00.000Z');
    expect(we.sequence).toBe(3);
    expect(w!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(String(w!.getFirstPropertyValue('last-modified'))).toBe('2026-11-30T08:00:00Z');
    expect(r!.hasProperty('dtend')).toBe(false);
    expect(r!.getFirstPropertyValue('sequence')).toBe(0);
    expect(String(d!.getFirstPropertyValue('dtstart'))).toBe('2027-12-31');
  });
});
