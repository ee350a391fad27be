// Where a process's memory is, for the parked bench: the kernel's view (/proc/<pid>/status and
// smaps_rollup), the anonymous mappings grouped by what they look like (glibc malloc arenas are
// 64 MiB-aligned reservations, V8 pages are 256 KiB multiples), and each V8 isolate's heap: the main
// thread's and every worker thread's (the SDK runs workflow code in worker threads, whose heaps
// process.memoryUsage() of the main thread does not count), read through the inspector's NodeWorker
// domain without stopping them.
import { readFile } from 'node:fs/promises';
import { inspectThreads } from './inspector.js';

const MIB = 1024 * 1024;
const mib = (kb: number) => Math.round(kb / 1024);

export interface ProcMemory {
  rssMb: number;
  hwmMb: number;
  anonMb: number;
  fileMb: number;
  threads: number;
}

/** VmRSS, its peak (VmHWM), RssAnon, RssFile and the thread count of a process. */
export async function procMemory(pid: number | 'self' = 'self'): Promise<ProcMemory> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return {
    rssMb: mib(kb('VmRSS')),
    hwmMb: mib(kb('VmHWM')),
    anonMb: mib(kb('RssAnon')),
    fileMb: mib(kb('RssFile')),
    threads: kb('Threads'),
  };
}

export interface MappingSummary {
  /** Resident MiB per kind of anonymous mapping. */
  residentMb: Record<string, number>;
  /** How many mappings of each kind. */
  count: Record<string, number>;
}

/**
 * Anonymous resident memory by the shape of its mapping. glibc gives each thread that mallocs its
 * own arena (up to 8 × cores), each a 64 MiB reservation whose used part is resident: a pair of
 * adjacent mappings (rw + ---) summing to 64 MiB. The rest is split by size.
 */
export async function mappingSummary(pid: number | 'self' = 'self'): Promise<MappingSummary> {
  const text = await readFile(`/proc/${pid}/smaps`, 'utf8');
  const maps: { start: number; end: number; name: string; perms: string; rssKb: number }[] = [];
  for (const block of text.split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/)) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+[ \t]*([^\n]*)$/m.exec(block);
    if (!head) continue;
    maps.push({
      start: parseInt(head[1]!, 16),
      end: parseInt(head[2]!, 16),
      perms: head[3]!,
      name: head[4]!.trim(),
      rssKb: Number(/^Rss:\s+(\d+)/m.exec(block)?.[1] ?? 0),
    });
  }
  const residentMb: Record<string, number> = {};
  const count: Record<string, number> = {};
  const add = (kind: string, kb: number) => {
    residentMb[kind] = (residentMb[kind] ?? 0) + kb / 1024;
    count[kind] = (count[kind] ?? 0) + 1;
  };
  for (let i = 0; i < maps.length; i++) {
    const m = maps[i]!;
    if (m.name && m.name !== '[heap]' && m.name !== '[anon]') {
      if (m.name.startsWith('/')) add('file-backed', m.rssKb);
      else add(m.name, m.rssKb);
      continue;
    }
    if (m.name === '[heap]') {
      add('brk heap (main arena)', m.rssKb);
      continue;
    }
    const next = maps[i + 1];
    const size = m.end - m.start;
    // A malloc arena: 64 MiB aligned, rw part followed by its ---p reserve (or the whole 64 MiB rw).
    const arena =
      m.start % (64 * MIB) === 0 &&
      m.perms.startsWith('rw') &&
      (size === 64 * MIB || (next && next.start === m.end && next.perms === '---p' && next.end - m.start === 64 * MIB));
    if (arena) {
      add('malloc arenas (64 MiB)', m.rssKb);
      if (next && next.start === m.end && next.perms === '---p') i++;
    } else if (m.perms === '---p') add('reserved (---p)', m.rssKb);
    else if (size >= 64 * MIB) add('anon ≥ 64 MiB', m.rssKb);
    else if (size >= 4 * MIB) add('anon 4–64 MiB', m.rssKb);
    else add('anon < 4 MiB', m.rssKb);
  }
  for (const k of Object.keys(residentMb)) residentMb[k] = Math.round(residentMb[k]!);
  return { residentMb, count };
}

export interface IsolateHeap {
  thread: string;
  /** V8 heap in use after a full GC, and what the isolate holds from the OS (heap + malloced). */
  usedMb: number;
  totalMb: number;
  physicalMb: number;
  mallocedMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  contexts: number;
}

const HEAP_EXPRESSION = `(() => {
  const v8 = process.getBuiltinModule('node:v8');
  const h = v8.getHeapStatistics();
  const m = process.memoryUsage();
  return JSON.stringify({ used: h.used_heap_size, total: h.total_heap_size, physical: h.total_physical_size,
    malloced: h.malloced_memory, external: m.external, arrayBuffers: m.arrayBuffers,
    contexts: h.number_of_native_contexts });
})()`;

/** Every isolate of this process (main thread first), each after a full GC of its own heap. */
export async function isolateHeaps(): Promise<IsolateHeap[]> {
  const { post, workers, inWorker, close } = await inspectThreads();
  const parse = (thread: string, json: string): IsolateHeap => {
    const h = JSON.parse(json) as Record<string, number>;
    return {
      thread,
      usedMb: Math.round(h.used! / MIB),
      totalMb: Math.round(h.total! / MIB),
      physicalMb: Math.round(h.physical! / MIB),
      mallocedMb: Math.round(h.malloced! / MIB),
      externalMb: Math.round(h.external! / MIB),
      arrayBuffersMb: Math.round(h.arrayBuffers! / MIB),
      contexts: h.contexts!,
    };
  };
  try {
    await post('HeapProfiler.enable');
    await post('HeapProfiler.collectGarbage');
    const main = await post<{ result: { value: string } }>('Runtime.evaluate', {
      expression: HEAP_EXPRESSION,
      returnByValue: true,
    });
    const out = [parse('main', main.result.value)];
    for (const w of workers) {
      await inWorker(w.sessionId, 'HeapProfiler.enable');
      await inWorker(w.sessionId, 'HeapProfiler.collectGarbage');
      const r = (await inWorker(w.sessionId, 'Runtime.evaluate', {
        expression: HEAP_EXPRESSION,
        returnByValue: true,
      })) as { result?: { result?: { value?: string } } };
      if (r.result?.result?.value) out.push(parse(w.title, r.result.result.value));
    }
    return out;
  } finally {
    await close();
  }
}
