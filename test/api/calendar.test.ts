// The common schedule as JSON and as an iCalendar feed read back by a real parser (ical.js).
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { DAY, as, day, inMs, schedule, useClusterWorkApp } from '../support/cluster-work.js';
import { eventually } from '../support/workflow-env.js';
import { parseWithPythonICalendar } from '../support/icalendar.js';

const t = useClusterWorkApp(0);
const { http, fx, cluster } = t;

describe('common schedule', () => {
  it('lists what the caller may see as JSON and as an iCalendar feed a real parser reads, with the token in the query', async () => {
    const c = await cluster(3, 1);
    const [coordToken, memberToken] = c.tokens as [string, string];
    const outsider = await cluster(1);
    const startsAt = inMs(40 * DAY);
    const title =
      'Learning cities; inclusion, literacy and ICTs — a long title that will certainly need folding in the iCalendar feed';
    const w1 = await http.post(`/clusters/${c.code}/workshops`, {
      kind: 'thematic',
      title,
      startsAt,
      endsAt: inMs(40 * DAY + 7_200_000),
      timezone: 'Asia/Seoul',
      venue: 'Yeonsu, Incheon',
      rsvpBy: inMs(30 * DAY),
      experts: [],
    });
    expect(w1.status).toBe(202);
    const w2 = await http.post(`/clusters/${c.code}/workshops`, {
      kind: 'thematic',
      title: 'Cancelled one',
      startsAt: inMs(50 * DAY),
      endsAt: inMs(50 * DAY + 3_600_000),
      timezone: 'UTC',
      rsvpBy: inMs(45 * DAY),
      experts: [],
    });
    await http.post(`/workshops/${w2.body.id}/cancel`, { reason: 'merged into the first' });
    const meeting = await http.post('/coordinator-meetings', { date: day(60), title: 'Coordinators meeting' });
    expect(meeting.status).toBe(202);
    const election = await http.post(`/clusters/${c.code}/elections`, { termStart: day(0), nominationWindow: 'P30D' });
    expect(election.status).toBe(202);
    // The election workflow writes its deadlines right after it starts: the calendar reads them from there.
    await eventually(
      async () =>
        (await http.get(`/elections/${election.body.id}`)).body.deadlines?.nominationsClose ? true : undefined,
      20_000,
      'election deadlines',
    );

    const mine = (items: { uid: string; kind: string }[]) =>
      items.filter((e) => [w1.body.id, w2.body.id, meeting.body.id, election.body.id].some((id) => e.uid.includes(id)));
    const json = await http.get(`/calendar?cluster=${c.code.toLowerCase()}`);
    expect(json.status).toBe(200);
    const kinds = mine(json.body.items)
      .map((e) => e.kind)
      .sort();
    const workshopKinds = [
      'workshop.outcomes_due',
      'workshop.outcomes_due',
      'workshop.rsvp_by',
      'workshop.rsvp_by',
      'workshop.thematic',
      'workshop.thematic',
    ];
    expect(kinds).toEqual(['coordinator_meeting', 'election.nominations-close', 'report_due', ...workshopKinds]);
    const starts = json.body.items.map((e: { start: string }) => e.start);
    expect(starts).toEqual([...starts].sort());
    expect(json.body.items.find((e: { uid: string }) => e.uid === `workshop-${w1.body.id}@gnlc`)).toMatchObject({
      start: startsAt,
      location: 'Yeonsu, Incheon',
      url: `/workshops/${w1.body.id}`,
      cancelled: false,
    });
    expect(json.body.items.find((e: { uid: string }) => e.uid.includes(w2.body.id)).cancelled).toBe(true);
    // The RSVP deadline and the outcomes due date (the end plus the default P14D) are events of their own.
    const w1Events = json.body.items.filter((e: { uid: string }) => e.uid.includes(w1.body.id));
    expect(w1Events.find((e: { kind: string }) => e.kind === 'workshop.rsvp_by')).toMatchObject({
      start: w1.body.rsvpBy,
      url: `/workshops/${w1.body.id}`,
      cluster: c.code,
      cancelled: false,
    });
    expect(w1Events.find((e: { kind: string }) => e.kind === 'workshop.outcomes_due')).toMatchObject({
      start: new Date(Date.parse(w1.body.endsAt) + 14 * DAY).toISOString(),
      cancelled: false,
    });
    expect(
      json.body.items
        .filter((e: { uid: string; cancelled: boolean }) => e.uid.includes(w2.body.id))
        .every((e: { cancelled: boolean }) => e.cancelled),
    ).toBe(true);

    // A member city sees its workshops but not the coordinators' report due date; the coordinator does.
    const asMember = mine((await http.get('/calendar', as(memberToken))).body.items)
      .map((e: { kind: string }) => e.kind)
      .sort();
    expect(asMember).toEqual(['election.nominations-close', ...workshopKinds]);
    const asCoordinator = mine((await http.get('/calendar', as(coordToken))).body.items)
      .map((e: { kind: string }) => e.kind)
      .sort();
    expect(asCoordinator).toEqual([
      'coordinator_meeting',
      'election.nominations-close',
      'report_due',
      ...workshopKinds,
    ]);
    expect(mine((await http.get('/calendar', as(outsider.tokens[0]!))).body.items)).toEqual([]);
    expect((await http.get(`/calendar?city=${c.cities[0]}`, as(memberToken))).status).toBe(403);
    const year = new Date(startsAt).getUTCFullYear();
    expect(mine((await http.get(`/calendar?cluster=${c.code}&year=${year + 2}`)).body.items)).toEqual([]);
    expect((await http.get(`/calendar?year=1999`)).status).toBe(400);

    // The feed: a read-only token in the query, as a calendar app subscribes.
    const feedToken = await fx.token('viewer', { readOnly: true });
    const res = await fetch(`${t.app.url}/calendar.ics?cluster=${c.code}&access_token=${feedToken}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await res.text();
    expect(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    const cal = new ICAL.Component(ICAL.parse(text));
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    // Times in a workshop's zone are read through the feed's own VTIMEZONE.
    for (const vtz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const e1 = events.find((e) => e.uid === `workshop-${w1.body.id}@gnlc`)!;
    expect(e1.summary).toBe(`${c.code}: ${title}`);
    expect(e1.location).toBe('Yeonsu, Incheon');
    expect(e1.startDate.toJSDate().toISOString()).toBe(
      new Date(Math.floor(Date.parse(startsAt) / 1000) * 1000).toISOString(),
    );
    expect(e1.endDate.toJSDate().getTime() - e1.startDate.toJSDate().getTime()).toBe(7_200_000);
    const e2 = cal
      .getAllSubcomponents('vevent')
      .find((v) => String(v.getFirstPropertyValue('uid')).includes(w2.body.id))!;
    expect(e2.getFirstPropertyValue('status')).toBe('CANCELLED');
    const second = (at: string) => new Date(Math.floor(Date.parse(at) / 1000) * 1000).toISOString();
    const rsvp = events.find((e) => e.uid === `workshop-${w1.body.id}-rsvp-by@gnlc`)!;
    expect(rsvp.summary).toBe(`RSVP deadline: ${c.code}: ${title}`);
    expect(rsvp.startDate.toJSDate().toISOString()).toBe(second(w1.body.rsvpBy));
    const outcomes = events.find((e) => e.uid === `workshop-${w1.body.id}-outcomes-due@gnlc`)!;
    expect(outcomes.summary).toBe(`Outcomes due: ${c.code}: ${title}`);
    expect(outcomes.startDate.toJSDate().toISOString()).toBe(
      second(new Date(Date.parse(w1.body.endsAt) + 14 * DAY).toISOString()),
    );
    expect(
      cal
        .getAllSubcomponents('vevent')
        .filter((v) => String(v.getFirstPropertyValue('uid')).includes(w2.body.id))
        .map((v) => v.getFirstPropertyValue('status')),
    ).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
    expect(events.filter((e) => e.uid.includes(election.body.id))).toHaveLength(1);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);

    // Without a token, with an unknown one, or a query token on a write: 401.
    expect((await fetch(`${t.app.url}/calendar.ics`)).status).toBe(401);
    expect((await fetch(`${t.app.url}/calendar.ics?access_token=gnlc_nope`)).status).toBe(401);
    expect(
      (
        await fetch(`${t.app.url}/peer-learning?access_token=${feedToken}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(401);

    await http.post(`/workshops/${w1.body.id}/cancel`, { reason: 'test over' });
    await http.post(`/elections/${election.body.id}/cancel`, { reason: 'test over' });
    await t.app.client.workflow.getHandle(meeting.body.workflowId).terminate('test over');
  });

  it("writes times in the workshop's zone with its VTIMEZONE, no zero-length DTEND, and a SEQUENCE raised by every reschedule", async () => {
    const c = await cluster(2, 1);
    const created = await http.post(`/clusters/${c.code}/workshops`, {
      kind: 'thematic',
      title: 'Zoned workshop',
      ...schedule(10 * DAY, 20 * DAY),
      timezone: 'Europe/Berlin',
      experts: [],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    const id = created.body.id as string;
    const feed = async () => {
      const r = await http.get(`/calendar.ics?cluster=${c.code}`);
      expect(r.status).toBe(200);
      return r.body as string;
    };
    const first = await feed();
    expect(first).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin');
    expect(first).toMatch(/^DTSTART;TZID=Europe\/Berlin:\d{8}T\d{6}\r$/m);

    // Python's icalendar, a second parser: the zone resolves to the same instants, no DTEND equals
    // its DTSTART, every event has a SEQUENCE and a LAST-MODIFIED.
    const parsed = parseWithPythonICalendar(first);
    const main = parsed.find((e) => e.uid === `workshop-${id}@gnlc`)!;
    expect(main).toMatchObject({ tzid: 'Europe/Berlin', sequence: 1 });
    expect(main.start).toBe(new Date(Math.floor(Date.parse(created.body.startsAt) / 1000) * 1000).toISOString());
    expect(Date.parse(main.end!) - Date.parse(main.start)).toBe(3 * 3_600_000);
    for (const e of parsed) {
      expect(e.end, `${e.uid} has a DTEND equal to its DTSTART`).not.toBe(e.start);
      expect(e.lastModified, `${e.uid} LAST-MODIFIED`).toEqual(expect.any(String));
      expect(e.sequence, `${e.uid} SEQUENCE`).toEqual(expect.any(Number));
    }
    const rsvp = parsed.find((e) => e.uid === `workshop-${id}-rsvp-by@gnlc`)!;
    expect(rsvp.end).toBeNull();

    // Each reschedule raises SEQUENCE, so a subscribed calendar moves the event.
    for (const [n, start] of [
      [2, 25 * DAY],
      [3, 30 * DAY],
    ] as const) {
      const moved = await http.post(`/workshops/${id}/reschedule`, {
        ...schedule(12 * DAY, start),
        timezone: 'Europe/Berlin',
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      const seen = await eventually(async () => {
        const e = parseWithPythonICalendar(await feed()).find((x) => x.uid === `workshop-${id}@gnlc`);
        return e?.sequence === n ? e : undefined;
      });
      expect(seen.start).toBe(new Date(Math.floor(Date.parse(moved.body.startsAt) / 1000) * 1000).toISOString());
    }
    // A cancellation is one revision more.
    expect((await http.post(`/workshops/${id}/cancel`, { reason: 'test over' })).status).toBe(200);
    const cancelled = await eventually(async () => {
      const e = parseWithPythonICalendar(await feed()).find((x) => x.uid === `workshop-${id}@gnlc`);
      return e?.status === 'CANCELLED' ? e : undefined;
    });
    expect(cancelled.sequence).toBe(4);
  });
  it('answers ?limit=n with the first n events of the whole schedule, ties by uid, for any kinds', async () => {
    const c = await cluster(1);
    // Ties within a date (two workshops at one start, one RSVP deadline) and across dates (a start at
    // another's RSVP deadline, and at another's outcomes due date: its end plus the default P14D).
    const T = Date.now() + 70 * DAY;
    const at = (ms: number) => new Date(T + ms).toISOString();
    const H = 3_600_000;
    const specs = [
      { startsAt: at(0), endsAt: at(H), rsvpBy: at(-5 * DAY) },
      { startsAt: at(0), endsAt: at(2 * H), rsvpBy: at(-5 * DAY) },
      { startsAt: at(14 * DAY + H), endsAt: at(14 * DAY + 3 * H), rsvpBy: at(0) },
      { startsAt: at(-DAY), endsAt: at(-DAY + H), rsvpBy: at(-10 * DAY) },
    ];
    for (const [i, spec] of specs.entries()) {
      const r = await http.post(`/clusters/${c.code}/workshops`, {
        kind: i % 2 ? 'inception' : 'thematic',
        title: `Limit ${i}`,
        ...spec,
        timezone: 'UTC',
        experts: [],
      });
      expect(r.status, JSON.stringify(r.body)).toBe(202);
    }
    const events = async (query: string) => {
      const r = await http.get(`/calendar?cluster=${c.code}${query}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return (r.body.items as { uid: string; start: string }[]).map((e) => `${e.start} ${e.uid}`);
    };
    for (const kinds of [
      '',
      '&kinds=workshop.thematic,workshop.outcomes_due',
      '&kinds=workshop.rsvp_by,workshop.inception',
    ]) {
      const all = await events(kinds);
      expect(all.length, kinds).toBe(kinds ? 6 : 12);
      expect(all, 'earliest first, then by uid').toEqual([...all].sort());
      for (let n = 1; n <= all.length; n++)
        expect(await events(`${kinds}&limit=${n}`), `${kinds} limit ${n}`).toEqual(all.slice(0, n));
    }
  });
});
