import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/**
 * Last resort for children still running when the bench process exits (interrupted mid-start,
 * crashed): kill them synchronously, since nothing asynchronous runs after `exit`.
 */
export function killOnExit(child: ChildProcess): void {
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
}

/** Asks the child to stop and kills it if it has not exited within `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Keeps the last lines a child wrote, to explain a failed start without flooding the terminal. */
export class OutputTail {
  private readonly lines: string[] = [];

  constructor(private readonly keep = 40) {}

  attach(child: ChildProcess): void {
    const collect = (chunk: Buffer) => {
      this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      this.lines.splice(0, Math.max(0, this.lines.length - this.keep));
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
  }

  toString(): string {
    return this.lines.join('\n');
  }
}
