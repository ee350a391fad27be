// An inspector session on this process that also reaches its worker threads (the workflow thread,
// the SDK's), for the benches that look inside every isolate: heaps (bench/memory.ts) and CPU
// profiles (bench/thread-profile.ts).
import { Session } from 'node:inspector';

export interface ThreadInspector {
  /** A command to the main thread's isolate. */
  post<R>(method: string, params?: object): Promise<R>;
  /** The worker threads running when the session attached. */
  workers: { sessionId: string; title: string }[];
  /** A command to one worker's isolate: its `result` or `error`. */
  inWorker(sessionId: string, method: string, params?: object): Promise<{ result?: unknown; error?: unknown }>;
  close(): Promise<void>;
}

export async function inspectThreads(): Promise<ThreadInspector> {
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
  return {
    post,
    workers,
    inWorker,
    close: async () => {
      await post('NodeWorker.disable').catch(() => {});
      session.disconnect();
    },
  };
}
