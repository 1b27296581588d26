import { readdir, readFile } from 'node:fs/promises';

/** CPU time the kernel charged (user + system), in seconds, to each process of a run. */
export interface CpuSample {
  mailroom: number;
  postgres: number;
  sink: number;
  receiver: number;
}

/** Milliseconds of CPU per message (or per webhook) between two samples. */
export type CpuPerMessage = CpuSample & { together: number };

// USER_HZ: what /proc/<pid>/stat counts in; 100 on every Linux architecture Node runs on.
const TICKS_PER_SECOND = 100;

/** utime, stime, cutime, cstime of /proc/<pid>/stat (fields 14–17), in seconds; the name may hold spaces and parentheses. */
async function times(pid: number): Promise<{ own: number; children: number; parent: number }> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = (field: number) => Number(fields[field - 3]);
  return { own: (ticks(14) + ticks(15)) / TICKS_PER_SECOND, children: (ticks(16) + ticks(17)) / TICKS_PER_SECOND, parent: ticks(4) };
}

/**
 * Reads, from /proc (Linux), the CPU of the processes (w) runs: Mailroom, the sink and the
 * receiver by pid; PostgreSQL whole, its postmaster and every live child (backends, WAL writer,
 * checkpointer) plus the children that exited, which the postmaster was charged for when it reaped them.
 */
export class ProcessCpu {
  private constructor(
    private readonly pids: { mailroom: number; sink: number; receiver: number },
    private readonly postmaster: number,
  ) {}

  /** `backendPid`: any PostgreSQL backend's pid (`SELECT pg_backend_pid()`), whose parent is the postmaster. */
  static async of(pids: { mailroom: number; sink: number; receiver: number }, backendPid: number): Promise<ProcessCpu> {
    return new ProcessCpu(pids, (await times(backendPid)).parent);
  }

  async sample(): Promise<CpuSample> {
    const [mailroom, sink, receiver] = await Promise.all([this.pids.mailroom, this.pids.sink, this.pids.receiver].map(times));
    return { mailroom: mailroom!.own, sink: sink!.own, receiver: receiver!.own, postgres: await this.postgres() };
  }

  private async postgres(): Promise<number> {
    const postmaster = await times(this.postmaster);
    let total = postmaster.own + postmaster.children;
    for (const entry of await readdir('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      // A process may exit between the listing and the read: it is then in the postmaster's children's time.
      const process = await times(Number(entry)).catch(() => null);
      if (process?.parent === this.postmaster) total += process.own;
    }
    return total;
  }
}

/** Milliseconds of CPU per message over one or more runs, each `[before, after]`, that made `count` messages between them. */
export function cpuPerMessage(runs: Array<readonly [before: CpuSample, after: CpuSample]>, count: number): CpuPerMessage {
  const each = (key: keyof CpuSample) => (runs.reduce((sum, [before, after]) => sum + after[key] - before[key], 0) * 1000) / count;
  const perMessage = { mailroom: each('mailroom'), postgres: each('postgres'), sink: each('sink'), receiver: each('receiver') };
  return { ...perMessage, together: perMessage.mailroom + perMessage.postgres + perMessage.sink + perMessage.receiver };
}
