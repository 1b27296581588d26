import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { killOnExit, OutputTail, stopChild } from './child-process';
import { pollUntil } from './timing';

const ENTRY = join(__dirname, '..', '..', 'dist', 'apps', 'mailroom', 'src', 'main.js');
const READY_TIMEOUT_MS = 60_000;

/** The built Mailroom (`dist/apps/mailroom/src/main.js`, the role set by MAILROOM_ROLE) as a child process, the way `npm start` runs it. */
export class MailroomProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {}

  /**
   * Starts it and waits until `/health/ready` answers 200 (migrations applied, Postgres and Redis
   * reachable), or until `ready` says so for a process without HTTP (`MAILROOM_ROLE=worker`).
   */
  static async start(env: Record<string, string>, ready?: () => Promise<boolean>): Promise<MailroomProcess> {
    const child = spawn(process.execPath, [ENTRY], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    killOnExit(child);
    const output = new OutputTail();
    output.attach(child);
    const baseUrl = `http://127.0.0.1:${env.PORT}`;
    const stopWaiting = new AbortController();
    child.once('exit', () => stopWaiting.abort());
    try {
      await pollUntil(ready ?? (() => isReady(baseUrl)), {
        what: 'Mailroom readiness',
        timeoutMs: READY_TIMEOUT_MS,
        intervalMs: 200,
        signal: stopWaiting.signal,
      });
    } catch (error) {
      await stopChild(child);
      throw new Error(`Mailroom did not start (${error instanceof Error ? error.message : String(error)}); its last output:\n${output}`, {
        cause: error,
      });
    }
    return new MailroomProcess(child, baseUrl);
  }

  /** The Node process itself (spawned directly, no shell in between): what `/proc/<pid>` describes. */
  get pid(): number {
    return this.child.pid!;
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}

async function isReady(baseUrl: string): Promise<boolean> {
  try {
    return (await fetch(`${baseUrl}/health/ready`)).ok;
  } catch {
    return false;
  }
}
