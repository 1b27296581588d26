import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { killOnExit, stopChild } from './child-process';
import type { WebhookReceiverReply, WebhookReceiverRequest } from './webhook-receiver-protocol';

const START_TIMEOUT_MS = 20_000;
const REQUEST_TIMEOUT_MS = 5_000;

/** The bench's handle on the webhook receiver child (`bench/webhook-receiver.ts`). */
export class WebhookReceiverProcess {
  private nextId = 0;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  /** The child itself, for /proc/<pid>. */
  get pid(): number {
    return this.child.pid!;
  }

  static async start(): Promise<WebhookReceiverProcess> {
    const child = fork(join(__dirname, '..', 'webhook-receiver.ts'), [], {
      // Type checking happened in the parent already; the child only needs the TypeScript stripped.
      execArgv: ['-r', require.resolve('ts-node/register/transpile-only')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    killOnExit(child);
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the webhook receiver did not start within 20 s')), START_TIMEOUT_MS);
        child.once('exit', (code) => reject(new Error(`the webhook receiver exited during start (code ${code})`)));
        child.on('message', (message: WebhookReceiverReply) => {
          if (message.type !== 'ready') return;
          clearTimeout(timer);
          resolve(message.port);
        });
      });
      return new WebhookReceiverProcess(child, `http://127.0.0.1:${port}/webhooks`);
    } catch (error) {
      await stopChild(child);
      throw error;
    }
  }

  /** Requests answered since it started. */
  received(): Promise<number> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.child.off('message', onMessage);
        reject(new Error('the webhook receiver did not answer a count request within 5 s'));
      }, REQUEST_TIMEOUT_MS);
      const onMessage = (message: WebhookReceiverReply) => {
        if (message.type !== 'count' || message.id !== id) return;
        clearTimeout(timer);
        this.child.off('message', onMessage);
        resolve(message.received);
      };
      this.child.on('message', onMessage);
      this.child.send({ type: 'count', id } satisfies WebhookReceiverRequest);
    });
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}
