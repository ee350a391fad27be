// BENCH_PROFILE=<dir>: V8 CPU profiles of this process's main thread and of every worker thread
// (the SDK runs workflow code in worker threads, which the main thread's profiler does not see) for
// the duration of `phase` only, through the inspector's NodeWorker domain (as bench/memory.ts reads
// their heaps). Written to <dir>/<label>.<thread>.cpuprofile; bench/profile-top.ts summarises one.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspectThreads } from './inspector.js';

export async function profiledThreads<T>(label: string, phase: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return phase();
  const { post, workers, inWorker, close } = await inspectThreads();
  const start = async (call: (method: string, params?: object) => Promise<unknown>) => {
    await call('Profiler.enable');
    await call('Profiler.setSamplingInterval', { interval: 500 });
    await call('Profiler.start');
  };
  await start(post);
  for (const w of workers) await start((m, p) => inWorker(w.sessionId, m, p));
  try {
    return await phase();
  } finally {
    await mkdir(dir, { recursive: true });
    const { profile } = await post<{ profile: unknown }>('Profiler.stop');
    await writeFile(join(dir, `${label}.main.cpuprofile`), JSON.stringify(profile));
    for (const w of workers) {
      const r = (await inWorker(w.sessionId, 'Profiler.stop')) as { result?: { profile?: unknown } };
      const name = w.title.replace(/[^\w-]+/g, '');
      if (r.result?.profile)
        await writeFile(join(dir, `${label}.${name}.cpuprofile`), JSON.stringify(r.result.profile));
    }
    await close();
  }
}
