import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { killOnExit, stopChild } from './child-process';
import type { SinkReply, SinkRequest } from './sink-protocol';

const START_TIMEOUT_MS = 20_000;
const REQUEST_TIMEOUT_MS = 5_000;

/** The bench's handle on the SMTP sink child (`bench/smtp-sink.ts`). */
export class SinkProcess {
  private nextId = 0;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  /** The child itself, for /proc/<pid>. */
  get pid(): number {
    return this.child.pid!;
  }

  static async start(): Promise<SinkProcess> {
    const child = fork(join(__dirname, '..', 'smtp-sink.ts'), [], {
      // Type checking happened in the parent already; the child only needs the TypeScript stripped.
      execArgv: ['-r', require.resolve('ts-node/register/transpile-only')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    killOnExit(child);
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the SMTP sink did not start within 20 s')), START_TIMEOUT_MS);
        child.once('exit', (code) => reject(new Error(`the SMTP sink exited during start (code ${code})`)));
        child.on('message', (message: SinkReply) => {
          if (message.type !== 'ready') return;
          clearTimeout(timer);
          resolve(message.port);
        });
      });
      return new SinkProcess(child, port);
    } catch (error) {
      await stopChild(child);
      throw error;
    }
  }

  /** Messages the sink has accepted since it started. */
  async received(): Promise<number> {
    return (await this.ask('count')).received;
  }

  /** The raw text of the last messages the sink accepted (at most 20), oldest first. */
  async recentMessages(): Promise<string[]> {
    return (await this.ask('recent')).messages;
  }

  private ask<T extends SinkRequest['type']>(type: T): Promise<Extract<SinkReply, { type: T }>> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.child.off('message', onMessage);
        reject(new Error(`the SMTP sink did not answer a ${type} request within 5 s`));
      }, REQUEST_TIMEOUT_MS);
      const onMessage = (message: SinkReply) => {
        if (message.type !== type || !('id' in message) || message.id !== id) return;
        clearTimeout(timer);
        this.child.off('message', onMessage);
        resolve(message as Extract<SinkReply, { type: T }>);
      };
      this.child.on('message', onMessage);
      this.child.send({ type, id } as SinkRequest);
    });
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}
