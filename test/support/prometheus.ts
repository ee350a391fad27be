// Checks a Prometheus text exposition the way a scraper would, with an independent parser: the
// Python client's (prometheus-client, installed by `npm run setup`), plus the lint rules of
// `promtool check metrics` that matter here (one TYPE and HELP per family, counters end in _total,
// valid names). Returns the samples for assertions.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { TOOLS_DIR } from '../../platform/temporal-server.js';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SCRIPT = String.raw`
import json, math, re, sys
from prometheus_client.parser import text_string_to_metric_families
text = sys.stdin.read()
problems = []
seen = {}
for line in text.splitlines():
    m = re.match(r'^# (TYPE|HELP) (\S+)', line)
    if m:
        key = (m.group(1), m.group(2))
        if key in seen: problems.append('duplicate %s for %s' % key)
        seen[key] = True
samples = []
for family in text_string_to_metric_families(text):
    if not re.match(r'^[a-zA-Z_:][a-zA-Z0-9_:]*$', family.name): problems.append('bad name ' + family.name)
    if not family.documentation: problems.append('no HELP for ' + family.name)
    for s in family.samples:
        if family.type == 'counter' and not (s.name.endswith('_total') or s.name.endswith('_created')):
            problems.append('counter sample %s does not end in _total' % s.name)
        # NaN and infinities are valid sample values (prom-client's event-loop lag mean is NaN until
        # the first sample after a reset); JSON has no token for them, so they travel as text.
        v = s.value if math.isfinite(s.value) else ('NaN' if math.isnan(s.value) else ('Infinity' if s.value > 0 else '-Infinity'))
        samples.append({'name': s.name, 'labels': s.labels, 'value': v})
print(json.dumps({'problems': problems, 'samples': samples}, allow_nan=False))
`;

export function parseExposition(text: string): Sample[] {
  const r = spawnSync(join(TOOLS_DIR, 'python'), ['-c', SCRIPT], { input: text, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the exposition does not parse: ${r.stderr}`);
  const { problems, samples } = JSON.parse(r.stdout) as {
    problems: string[];
    samples: (Omit<Sample, 'value'> & { value: number | string })[];
  };
  if (problems.length) throw new Error(`exposition problems:\n${problems.join('\n')}`);
  return samples.map((s) => ({ ...s, value: Number(s.value) }));
}

/** The value of one sample (0 when absent), matching the given labels. */
export function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const s = samples.find((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v));
  return s?.value ?? 0;
}
