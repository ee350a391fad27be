// `npx tsx bench/profile-top.ts <file.cpuprofile> [rows]`: where a profile's samples fall, by package
// (node_modules/<name>, app:<top folder>, node:<module>, native) and by function (self time).
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, rowsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx bench/profile-top.ts <file.cpuprofile> [rows]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const rows = Number(rowsArg ?? 30);
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const t = profile.timeDeltas[i] ?? 0;
  const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
  total += t;
  const path = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
  const here = /\/(api|db|domain|platform|client|workflows|activities|bench)\//.exec(path)?.[1];
  const group =
    pkg ??
    (here
      ? `app:${here}`
      : path.startsWith('node:')
        ? path
        : functionName.startsWith('(')
          ? functionName
          : `native ${functionName}`);
  byPackage.set(group, (byPackage.get(group) ?? 0) + t);
  const fn = `${functionName || '(anonymous)'} ${path.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + t);
});
const print = (m: Map<string, number>) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, rows)
    .forEach(([k, t]) =>
      console.log(`${(t / 1000).toFixed(0).padStart(7)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`),
    );
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
console.log('by package:');
print(byPackage);
console.log('by function (self time):');
print(byFunction);
