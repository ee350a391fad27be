// A second, independent iCalendar parser for the feed's tests: Python's icalendar (installed by
// `npm run setup`). Answers each VEVENT with its instants in UTC, the TZID it was written in, its
// SEQUENCE, LAST-MODIFIED and STATUS.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { TOOLS_DIR } from '../../platform/temporal-server.js';

export interface ParsedEvent {
  uid: string;
  start: string;
  end: string | null;
  tzid: string | null;
  sequence: number | null;
  lastModified: string | null;
  status: string | null;
}

const SCRIPT = String.raw`
import json, sys, datetime
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.read())
def utc(v):
    if v is None: return None
    d = v.dt
    if isinstance(d, datetime.datetime):
        if d.tzinfo is None: raise SystemExit('floating time in ' + str(v))
        return d.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.000Z')
    return d.isoformat()
out = []
for e in cal.walk('VEVENT'):
    start = e.get('DTSTART')
    out.append({
        'uid': str(e.get('UID')),
        'start': utc(start),
        'end': utc(e.get('DTEND')),
        'tzid': start.params.get('TZID'),
        'sequence': int(e['SEQUENCE']) if 'SEQUENCE' in e else None,
        'lastModified': utc(e.get('LAST-MODIFIED')),
        'status': str(e['STATUS']) if 'STATUS' in e else None,
    })
print(json.dumps(out))
`;

export function parseWithPythonICalendar(text: string): ParsedEvent[] {
  const r = spawnSync(join(TOOLS_DIR, 'python'), ['-c', SCRIPT], { input: text, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`icalendar could not read the feed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ParsedEvent[];
}
