import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { BareReply, BareRequest, RecordedAnswer } from './bare-http-protocol';
import { killOnExit, stopChild } from './child-process';

const START_TIMEOUT_MS = 20_000;

/** The bench's handle on the bare HTTP server child (`bench/bare-http-server.ts`). */
export class BareHttpProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {}

  /** Starts it serving `routes` (path → answer) and waits until it listens. */
  static async start(routes: Record<string, RecordedAnswer>): Promise<BareHttpProcess> {
    const child = fork(join(__dirname, '..', 'bare-http-server.ts'), [], {
      // Type checking happened in the parent already; the child only needs the TypeScript stripped.
      execArgv: ['-r', require.resolve('ts-node/register/transpile-only')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    killOnExit(child);
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the bare HTTP server did not start within 20 s')), START_TIMEOUT_MS);
        child.once('exit', (code) => reject(new Error(`the bare HTTP server exited during start (code ${code})`)));
        child.on('message', (message: BareReply) => {
          if (message.type !== 'ready') return;
          clearTimeout(timer);
          resolve(message.port);
        });
        child.send({ type: 'serve', routes } satisfies BareRequest);
      });
      return new BareHttpProcess(child, `http://127.0.0.1:${port}`);
    } catch (error) {
      await stopChild(child);
      throw error;
    }
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}
