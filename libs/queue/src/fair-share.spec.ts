import { randomBytes } from 'node:crypto';
import { loadConfig } from '@app/config';
import { FairShare } from './fair-share';
import { ProducerConnection } from './queue-connection';
import { QueueName } from './queue-names';

describe('FairShare', () => {
  const config = loadConfig({ ...process.env, REDIS_PREFIX: `mr-test-${randomBytes(4).toString('hex')}` });
  const connection = new ProducerConnection(config);
  const fairShare = new FairShare(connection, config);

  // The producer connection fails fast instead of queueing commands: wait until it is up.
  beforeAll(() => new Promise((resolve) => connection.redis.once('ready', resolve)));
  afterAll(async () => {
    const keys = await connection.redis.keys(`${config.REDIS_PREFIX}:*`);
    if (keys.length > 0) await connection.redis.del(...keys);
    await connection.onApplicationShutdown();
  });

  it("gives each workspace's k-th waiting message priority k, whoever queued first", async () => {
    const burst = await fairShare.tickets(
      QueueName.Transactional,
      Array.from({ length: 5 }, () => ({ workspaceId: 'a', weight: 1 })),
    );
    const single = await fairShare.tickets(QueueName.Transactional, [{ workspaceId: 'b', weight: 1 }]);

    expect(burst.map((ticket) => ticket.priority)).toEqual([1, 2, 3, 4, 5]);
    expect(single).toEqual([{ seq: 1, priority: 1 }]);
  });

  it('counts a slice as the messages it holds, and keeps the lines of each queue apart', async () => {
    const slices = await fairShare.tickets(QueueName.Marketing, [
      { workspaceId: 'a', weight: 100 },
      { workspaceId: 'a', weight: 40 },
    ]);
    const next = await fairShare.tickets(QueueName.Transactional, [{ workspaceId: 'a', weight: 1 }]);

    expect(slices).toEqual([
      { seq: 100, priority: 1 },
      { seq: 140, priority: 101 },
    ]);
    expect(next).toEqual([{ seq: 6, priority: 6 }]);
  });

  it("moves a workspace's line up as workers start its jobs", async () => {
    fairShare.started(QueueName.Transactional, 'a', 4);
    fairShare.started(QueueName.Transactional, 'a', 2);
    await fairShare.onApplicationShutdown();

    expect(await fairShare.tickets(QueueName.Transactional, [{ workspaceId: 'a', weight: 1 }])).toEqual([{ seq: 7, priority: 3 }]);
  });

  it('places jobs enqueued again at the back of the line without making it longer', async () => {
    const again = await fairShare.tickets(
      QueueName.Transactional,
      [
        { workspaceId: 'a', weight: 1 },
        { workspaceId: 'a', weight: 1 },
      ],
      false,
    );
    const next = await fairShare.tickets(QueueName.Transactional, [{ workspaceId: 'a', weight: 1 }]);

    expect(again).toEqual([
      { seq: 7, priority: 4 },
      { seq: 7, priority: 4 },
    ]);
    expect(next).toEqual([{ seq: 8, priority: 4 }]);
  });
});
