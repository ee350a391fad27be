// Binding the HTTP port: a port in use is a start-up error that names it, found before anything
// else is started (not a "ready" banner over a server that serves nothing).
import { createServer, type Server, type RequestListener } from 'node:http';

export class PortInUseError extends Error {
  constructor(host: string, port: number, cause: unknown) {
    super(`port ${port} on ${host} is in use (set PORT to another one)`, { cause });
  }
}

/** Listens on host:port, rejecting on any error (EADDRINUSE named). */
export function listen(handler: RequestListener | undefined, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(handler);
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(host, port, err) : err),
    );
    server.listen(port, host, () => resolve(server));
  });
}

/** Fails fast when the port cannot be bound; releases it again at once. */
export async function assertPortFree(port: number, host: string): Promise<void> {
  const probe = await listen(undefined, port, host);
  await new Promise((r) => probe.close(r));
}

/** A port the system says is free now (for an internal listener that takes a fixed address). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const probe = await listen(undefined, 0, host);
  const { port } = probe.address() as { port: number };
  await new Promise((r) => probe.close(r));
  return port;
}
