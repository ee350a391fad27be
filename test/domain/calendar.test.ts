import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, toICalendar } from '../../domain/calendar.js';

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
        {
          uid: 'w@gnlc',
          kind: 'workshop',
          title: 'W',
          start: '2027-03-01T09:00:00.123Z',
          end: '2027-03-01T11:00:00Z',
          cancelled: true,
        },
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
