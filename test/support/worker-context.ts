import { Job, Queue } from 'bullmq';
import { QueueName } from '@app/queue';
import { createRedisClient } from '@app/redis';
import { QueueWorkers } from '../../apps/worker/src/queue-workers';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { MediumContext, startMediumContext } from './medium-context';

/** Every state a job waits or runs in; a job that completed or failed is removed (DeliveryProducer). */
const LIVE_STATES = ['waiting', 'prioritized', 'delayed', 'active', 'waiting-children'] as const;

export interface WorkerContext extends MediumContext {
  /** The jobs now waiting, delayed or running on `queue`. */
  jobs(queue: QueueName): Promise<Job[]>;
}

/**
 * The worker's modules as they are wired, with no queue worker, so the jobs a service enqueues
 * stay where a spec can read them. Specs call the services themselves.
 */
export async function startWorkerContext(env: Record<string, string> = {}): Promise<WorkerContext> {
  const context = await startMediumContext({ imports: [WorkerModule], replace: [[QueueWorkers, {}]] }, env);
  const redis = createRedisClient(context.config, 'request');
  const queues = new Map(
    Object.values(QueueName).map((name) => [name, new Queue(name, { connection: redis, prefix: context.config.REDIS_PREFIX })]),
  );
  return {
    ...context,
    jobs: (queue) => queues.get(queue)!.getJobs([...LIVE_STATES]),
    close: async () => {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      redis.disconnect();
      await context.close();
    },
  };
}
