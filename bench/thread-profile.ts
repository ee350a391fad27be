// BENCH_PROFILE=<dir>: V8 CPU profiles of this process's main thread and of every worker thread
// (the SDK runs workflow code in worker threads, which the main thread's profiler does not see) for
// the duration of `phase` only, through the inspector's NodeWorker domain (as bench/memory.ts reads
// their heaps). Written to <dir>/<label>.<thread>.cpuprofile; bench/profile-top.ts summarises one.
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import { join } from 'node:path';

export async function profiledThreads<T>(label: string, phase: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return phase();
  const session = new Session();
  session.connect();
  const post = <R>(method: string, params: object = {}) =>
    new Promise<R>((resolve, reject) =>
      session.post(method, params, (err, r) => (err ? reject(err) : resolve(r as R))),
    );
  const workers: { sessionId: string; title: string }[] = [];
  session.on('NodeWorker.attachedToWorker', (m) =>
    workers.push({ sessionId: m.params.sessionId, title: m.params.workerInfo.title }),
  );
  let seq = 0;
  const pending = new Map<number, (r: { result?: unknown; error?: unknown }) => void>();
  session.on('NodeWorker.receivedMessageFromWorker', (m) => {
    const msg = JSON.parse(m.params.message) as { id?: number; result?: unknown; error?: unknown };
    if (msg.id === undefined) return;
    pending.get(msg.id)?.(msg);
    pending.delete(msg.id);
  });
  const inWorker = (sessionId: string, method: string, params: object = {}) =>
    new Promise<{ result?: unknown; error?: unknown }>((resolve) => {
      const id = ++seq;
      pending.set(id, resolve);
      void post('NodeWorker.sendMessageToWorker', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  await post('NodeWorker.enable', { waitForDebuggerOnStart: false });
  // attachedToWorker arrives for each running worker right after enable.
  await new Promise((r) => setTimeout(r, 200));
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
    await post('NodeWorker.disable').catch(() => {});
    session.disconnect();
  }
}
