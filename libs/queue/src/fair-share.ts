import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { PRIORITY_LIMIT } from 'bullmq';
import { AppConfig } from '@app/config';
import { ProducerConnection } from './queue-connection';
import type { QueueName } from './queue-names';

/** Where a job stands: `seq` numbers its workspace's messages, `priority` is its place in that workspace's line. */
export interface FairTicket {
  seq: number;
  priority: number;
}

// Counters of a workspace that sends nothing for a week start again from zero.
const COUNTER_TTL_MS = 7 * 24 * 3600 * 1000;
// Workers report the newest job they started this often, in one round trip for every workspace.
const REPORT_EVERY_MS = 100;
const RAISE_HEAD = `if tonumber(ARGV[1]) > tonumber(redis.call('GET', KEYS[1]) or '0') then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end`;

/**
 * Round-robin between the workspaces sharing a delivery queue, with BullMQ priorities (lower goes
 * first, FIFO within one value). Per queue, each workspace counts the messages it queued (`seq`) and the
 * newest one a worker started (`head`); a job's priority is seq − head, its place in its own
 * workspace's line. So a workspace's k-th waiting message goes before any other's (k+1)-th (up to
 * BullMQ's highest priority number, 2^21 − 1): a single password reset is not queued behind
 * another workspace's burst of 50,000.
 * A job keeps the place it was given: one queued far back in a long line keeps its number while
 * the line drains, so a later burst elsewhere can pass it, never by more than that line's length.
 */
@Injectable()
export class FairShare implements OnApplicationShutdown {
  private readonly logger = new Logger(FairShare.name);
  /** The newest seq started per queue and workspace, not yet reported. */
  private readonly newestStarted = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: ProducerConnection,
    private readonly config: AppConfig,
  ) {}

  /**
   * One ticket per job, in order; a job of `weight` messages (a broadcast slice) takes that many
   * places. `reserve: false` is for jobs that most likely exist already (the outbox reconciler
   * enqueues every message still queued, and BullMQ ignores an id it has): they take no places,
   * so the line does not grow with each pass, and one that did get lost goes to its back.
   */
  async tickets(queue: QueueName, jobs: Array<{ workspaceId: string; weight: number }>, reserve = true): Promise<FairTicket[]> {
    const totals = new Map<string, number>();
    for (const job of jobs) totals.set(job.workspaceId, (totals.get(job.workspaceId) ?? 0) + (reserve ? job.weight : 0));
    const pipeline = this.connection.redis.pipeline();
    for (const [workspaceId, total] of totals) {
      const seq = this.key(queue, workspaceId, 'seq');
      pipeline
        .incrby(seq, total)
        .pexpire(seq, COUNTER_TTL_MS)
        .get(this.key(queue, workspaceId, 'head'));
    }
    const replies = (await pipeline.exec()) ?? [];
    const failed = replies.find(([error]) => error);
    if (failed) throw failed[0];
    const lines = new Map<string, { seq: number; head: number }>();
    [...totals].forEach(([workspaceId, total], index) => {
      const last = Number(replies[index * 3]![1]);
      lines.set(workspaceId, { seq: last - total, head: Number(replies[index * 3 + 2]![1] ?? 0) });
    });
    return jobs.map((job) => {
      const line = lines.get(job.workspaceId)!;
      const first = line.seq + 1;
      if (reserve) line.seq += job.weight;
      return { seq: line.seq, priority: Math.min(PRIORITY_LIMIT, Math.max(1, first - line.head)) };
    });
  }

  /** A worker started the job holding `seq`: the workspace's line has moved up to there. */
  started(queue: QueueName, workspaceId: string, seq: number | undefined): void {
    const head = this.key(queue, workspaceId, 'head');
    if (seq === undefined || seq <= (this.newestStarted.get(head) ?? 0)) return;
    this.newestStarted.set(head, seq);
    this.timer ??= setTimeout(() => void this.report(), REPORT_EVERY_MS);
  }

  private async report(): Promise<void> {
    this.timer = undefined;
    const heads = [...this.newestStarted];
    this.newestStarted.clear();
    const pipeline = this.connection.redis.pipeline();
    // Several workers report for one line: the head only moves forward.
    for (const [head, seq] of heads) pipeline.eval(RAISE_HEAD, 1, head, seq, COUNTER_TTL_MS);
    // A lost report only makes the next jobs' places look a little further back; nothing waits on it.
    await pipeline.exec().catch((error: unknown) => this.logger.warn({ err: error }, 'could not report the delivery lines'));
  }

  private key(queue: QueueName, workspaceId: string, counter: 'seq' | 'head'): string {
    return `${this.config.REDIS_PREFIX}:fair:${queue}:${workspaceId}:${counter}`;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    if (this.newestStarted.size > 0) await this.report();
  }
}
