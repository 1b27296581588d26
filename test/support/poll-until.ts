import { setTimeout as nextRead } from 'node:timers/promises';

export interface PollOptions {
  timeoutMs?: number;
  /** Pause between two reads: the condition is seen at most this long after it starts to hold. */
  intervalMs?: number;
}

/**
 * Reads `read` until `done` holds for what it answered, and answers that value; fails naming
 * `what` and the last value once `timeoutMs` has passed. For state another process writes and
 * announces to nobody (statuses written by the worker's batched writers, cluster gossip): where
 * an event exists, await it instead (DeliveryWatcher, FakeSmtpServer.waitForMessages).
 */
export async function pollUntil<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 15_000, intervalMs = 25 }: PollOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() >= deadline) throw new Error(`${what}: not within ${timeoutMs} ms; last read ${JSON.stringify(value)}`);
    await nextRead(intervalMs);
  }
}
