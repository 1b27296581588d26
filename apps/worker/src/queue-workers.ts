import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, Job, Queue, Worker } from 'bullmq';
import { AppConfig } from '@app/config';
import { JobName, JobPayloads, QueueName, workerConnection } from '@app/queue';
import type { RedisClient } from '@app/redis';
import { JOB_PROCESSORS, JobProcessor } from './processors/job-processor';

/** What every queue carries: a job name of the contract and that name's payload. */
type ContractJob = Job<JobPayloads[JobName], void, JobName>;

/**
 * Runs the BullMQ workers of this process: one per queue, each dispatching by job name to the
 * single processor registered for it. A processor asking to run later moves its job to the
 * delayed set (rate limit, open circuit, retry backoff) without it counting as a failure.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueWorkers.name);
  private readonly byName: Map<string, JobProcessor>;
  private connection: RedisClient | undefined;
  private schedules: Queue[] = [];
  private workers: Array<Worker<JobPayloads[JobName], void, JobName>> = [];

  constructor(
    @Inject(JOB_PROCESSORS) processors: JobProcessor[],
    private readonly config: AppConfig,
  ) {
    this.byName = new Map(processors.map((processor) => [processor.jobName, processor]));
    const missing = Object.values(JobName).filter((name) => !this.byName.has(name));
    if (missing.length > 0 || this.byName.size !== processors.length) {
      throw new Error(`every job name needs exactly one processor; missing: ${missing.join(', ') || 'none'}`);
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    const connection = (this.connection = workerConnection(this.config));
    const prefix = this.config.REDIS_PREFIX;
    const concurrency: Record<QueueName, number> = {
      [QueueName.Transactional]: this.config.WORKER_CONCURRENCY_TRANSACTIONAL,
      [QueueName.Marketing]: this.config.WORKER_CONCURRENCY_MARKETING,
      [QueueName.Broadcasts]: 2,
      [QueueName.Maintenance]: 1,
      [QueueName.Webhooks]: this.config.WEBHOOK_WORKER_CONCURRENCY,
      [QueueName.Retention]: 1,
    };
    this.workers = Object.values(QueueName).map((queue) => {
      const worker = new Worker<JobPayloads[JobName], void, JobName>(queue, (job, token) => this.run(job, token), {
        connection,
        prefix,
        concurrency: concurrency[queue],
        lockDuration: this.config.WORKER_LOCK_DURATION_MS,
        stalledInterval: this.config.WORKER_LOCK_DURATION_MS,
      });
      worker.on('failed', (job, error) => this.logger.error({ err: error, queue, jobId: job?.id }, 'job failed'));
      worker.on('error', (error) => this.logger.error({ err: error, queue }, 'worker error'));
      return worker;
    });
    await this.schedule(connection, QueueName.Maintenance, JobName.ReconcileOutbox, this.config.OUTBOX_RECONCILE_INTERVAL_MS);
    await this.schedule(connection, QueueName.Maintenance, JobName.ReconcileWebhooks, this.config.OUTBOX_RECONCILE_INTERVAL_MS);
    await this.schedule(connection, QueueName.Retention, JobName.PurgeExpired, this.config.RETENTION_PURGE_INTERVAL_MS);
  }

  /** A job that runs every `everyMs` once for the whole deployment, however many workers there are. */
  private async schedule(
    connection: RedisClient,
    queueName: QueueName,
    jobName: JobName.ReconcileOutbox | JobName.ReconcileWebhooks | JobName.PurgeExpired,
    everyMs: number,
  ): Promise<void> {
    const queue = new Queue(queueName, { connection, prefix: this.config.REDIS_PREFIX });
    queue.on('error', (error) => this.logger.warn({ err: error, queue: queueName }, 'queue connection error'));
    this.schedules.push(queue);
    await queue.upsertJobScheduler(
      jobName,
      { every: everyMs },
      { name: jobName, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  }

  private async run(job: ContractJob, token?: string): Promise<void> {
    const outcome = await this.byName.get(job.name)!.process(job);
    if (outcome && outcome.retryInMs > 0) {
      await job.moveToDelayed(Date.now() + outcome.retryInMs, token);
      throw new DelayedError();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all(this.schedules.map((queue) => queue.close()));
    // The workers are closed, so nothing is pending; a QUIT would wait forever if Redis were away.
    this.connection?.disconnect();
  }
}
