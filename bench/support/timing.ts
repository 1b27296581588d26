import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Runs `task(0)` … `task(total - 1)` with at most `inFlight` running at once; rejects on the first failure. */
export async function runBounded(total: number, inFlight: number, task: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < total) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, total) }, lane));
}

export interface PollOptions {
  what: string;
  timeoutMs: number;
  intervalMs: number;
  signal?: AbortSignal;
}

/** Resolves once `check` is true; rejects after `timeoutMs` (naming `what`) or when `signal` aborts. */
export async function pollUntil(check: () => Promise<boolean>, { what, timeoutMs, intervalMs, signal }: PollOptions): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!signal?.aborted) {
    if (await check()) return;
    if (performance.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
    await sleep(intervalMs);
  }
  throw new Error(`stopped waiting for ${what}`);
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}
