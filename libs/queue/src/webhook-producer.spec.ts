import { randomUUID } from 'node:crypto';
import { Job, Queue, Worker } from 'bullmq';
import type { AppConfig } from '@app/config';
import { createRedisClient, RedisClient } from '@app/redis';
import { trustedWorkspaceId } from '@app/workspace-id';
import { dropRedisPrefix } from '../../../test/support/redis-prefix';
import { testConfig } from '../../../test/support/test-config';
import { JobName, JobPayloads } from './job-contracts';
import { ProducerConnection } from './queue-connection';
import { QueueName } from './queue-names';
import { WebhookProducer } from './webhook-producer';

type WakeJob = Job<JobPayloads[JobName.DeliverWebhooks]>;

describe('WebhookProducer on Redis', () => {
  let config: AppConfig;
  let connection: ProducerConnection;
  let producer: WebhookProducer;
  let queue: Queue;
  const clients: RedisClient[] = [];
  const client = () => {
    const redis = createRedisClient(config, 'worker');
    clients.push(redis);
    return redis;
  };
  const workspaceId = trustedWorkspaceId(randomUUID());
  const target = (endpointId: string) => ({ workspaceId, endpointId });

  beforeEach(() => {
    config = testConfig({});
    connection = new ProducerConnection(config);
    producer = new WebhookProducer(config, connection);
    queue = new Queue(QueueName.Webhooks, { connection: client(), prefix: config.REDIS_PREFIX });
  });

  afterEach(async () => {
    await producer.onModuleDestroy();
    await queue.close();
    await connection.onApplicationShutdown();
    await Promise.all(clients.splice(0).map((redis) => redis.quit()));
    await dropRedisPrefix(config);
  });

  it('wakes an endpoint once however many status batches ask while its wake-up waits, and each endpoint apart', async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    for (let batch = 0; batch < 5; batch++) await producer.wake([target(first)]);
    await producer.wake([target(first), target(second)]);

    const waiting = (await queue.getWaiting()) as WakeJob[];
    expect(waiting.map((job) => job.data.endpointId).sort()).toEqual([first, second].sort());
  });

  it("keeps a wake-up that arrives while the endpoint's job runs, and runs it after that job", async () => {
    const endpointId = randomUUID();
    const ran: string[] = [];
    let finishFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (finishFirst = resolve));
    const worker = new Worker<JobPayloads[JobName.DeliverWebhooks]>(
      QueueName.Webhooks,
      async (job) => {
        ran.push(job.id!);
        if (ran.length === 1) await firstHeld;
      },
      { connection: client(), prefix: config.REDIS_PREFIX },
    );
    const firstActive = new Promise<void>((resolve) => worker.once('active', () => resolve()));
    const secondDone = new Promise<void>((resolve) => worker.on('completed', () => ran.length === 2 && resolve()));
    try {
      await producer.wake([target(endpointId)]);
      await firstActive;
      // The running job may have looked past the delivery that asks now: the wake-up must not be lost.
      await producer.wake([target(endpointId)]);
      await producer.wake([target(endpointId)]);
      finishFirst();
      await secondDone;
      expect(ran).toHaveLength(2);
      expect(await queue.getJobCounts('waiting', 'active', 'delayed')).toEqual({ waiting: 0, active: 0, delayed: 0 });
    } finally {
      await worker.close();
    }
  });
});
