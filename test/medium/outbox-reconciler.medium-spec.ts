import { DeliveryProducer, JobName, QueueName } from '@app/queue';
import { OutboxReconciler } from '../../apps/worker/src/outbox/outbox-reconciler.service';
import { DatabaseRows } from '../support/database-rows';
import { startWorkerContext, WorkerContext } from '../support/worker-context';

// The grace period is half the reconcile interval: 30 s, so a row written by the test itself is
// always within it, and one unchanged for ten minutes always past it.
const RECONCILE_INTERVAL_MS = 60_000;
const LONG_AGO_MS = 10 * 60_000;

describe('outbox reconciler on Postgres and Redis', () => {
  let context: WorkerContext;
  let rows: DatabaseRows;
  let reconciler: OutboxReconciler;

  beforeAll(async () => {
    context = await startWorkerContext({ OUTBOX_RECONCILE_INTERVAL_MS: String(RECONCILE_INTERVAL_MS) });
    rows = new DatabaseRows(context.dataSource);
    reconciler = context.module.get(OutboxReconciler);
  });
  beforeEach(() => context.reset());
  afterAll(() => context.close());

  async function workspaceWithIntegration() {
    const workspaceId = await rows.workspace();
    return { workspaceId, integrationId: await rows.integration(workspaceId, { transactional: true, marketing: true }) };
  }

  /** A broadcast that has made its messages, and `count` of them still queued and untouched for long. */
  async function broadcastWithQueuedMessages(count: number) {
    const { workspaceId, integrationId } = await workspaceWithIntegration();
    const broadcastId = await rows.broadcast(workspaceId, await rows.list(workspaceId), { fanoutDone: true });
    const messageIds: string[] = [];
    for (let index = 0; index < count; index++)
      messageIds.push(await rows.message(workspaceId, integrationId, { type: 'marketing', broadcastId }));
    await rows.unchangedFor('messages', messageIds, LONG_AGO_MS);
    return { workspaceId, integrationId, broadcastId, messageIds };
  }

  const jobsOn = async (queue: QueueName) =>
    (await context.jobs(queue)).map((job) => ({ id: job.id, name: job.name, data: job.data as Record<string, unknown> }));

  it('enqueues again an accepted message whose job is gone', async () => {
    const { workspaceId, integrationId } = await workspaceWithIntegration();
    const messageId = await rows.message(workspaceId, integrationId);
    await rows.unchangedFor('messages', [messageId], LONG_AGO_MS);

    expect(await reconciler.reconcile()).toBe(1);

    expect(await jobsOn(QueueName.Transactional)).toEqual([
      { id: messageId, name: JobName.DeliverMessage, data: expect.objectContaining({ workspaceId, messageId }) },
    ]);
    expect((await rows.messageById(workspaceId, messageId)).status).toBe('queued');
  });

  it('leaves a message being sent under a live lease to the worker holding it', async () => {
    const { workspaceId, integrationId } = await workspaceWithIntegration();
    const leaseUntil = new Date(Date.now() + LONG_AGO_MS);
    const messageId = await rows.message(workspaceId, integrationId, { status: 'sending', leaseUntil });
    await rows.unchangedFor('messages', [messageId], LONG_AGO_MS);

    expect(await reconciler.reconcile()).toBe(0);

    expect(await rows.messageById(workspaceId, messageId)).toMatchObject({ status: 'sending', leaseUntil });
    expect(await jobsOn(QueueName.Transactional)).toEqual([]);
  });

  it('takes back a message whose lease ran out, queued again with a job of its own', async () => {
    const { workspaceId, integrationId } = await workspaceWithIntegration();
    const messageId = await rows.message(workspaceId, integrationId, { status: 'sending', leaseUntil: new Date(Date.now() - 1000) });

    expect(await reconciler.reconcile()).toBe(1);

    expect(await rows.messageById(workspaceId, messageId)).toMatchObject({ status: 'queued', leaseUntil: null });
    expect((await jobsOn(QueueName.Transactional)).map((job) => job.id)).toEqual([messageId]);
  });

  it('leaves a message accepted within the grace period to the job it was accepted with', async () => {
    const { workspaceId, integrationId } = await workspaceWithIntegration();
    await rows.message(workspaceId, integrationId);

    expect(await reconciler.reconcile()).toBe(0);

    expect(await jobsOn(QueueName.Transactional)).toEqual([]);
  });

  it("leaves a broadcast's queued messages to its slice while the slice is pending", async () => {
    const { workspaceId, integrationId, broadcastId, messageIds } = await broadcastWithQueuedMessages(3);
    await context.module.get(DeliveryProducer).enqueueBroadcastRecipients({ workspaceId, broadcastId, integrationId }, messageIds);
    const before = await jobsOn(QueueName.Marketing);

    expect(await reconciler.reconcile()).toBe(0);

    expect(await jobsOn(QueueName.Marketing)).toEqual(before);
    expect(before).toHaveLength(1);
  });

  it("gives a broadcast's queued messages back in a slice once none of its slices is left", async () => {
    const { workspaceId, integrationId, broadcastId, messageIds } = await broadcastWithQueuedMessages(3);

    expect(await reconciler.reconcile()).toBe(3);

    const jobs = await jobsOn(QueueName.Marketing);
    expect(jobs).toEqual([
      {
        id: expect.any(String),
        name: JobName.DeliverBroadcastRecipients,
        data: expect.objectContaining({ workspaceId, broadcastId, integrationId }),
      },
    ]);
    expect([...(jobs[0]!.data.messageIds as string[])].sort()).toEqual([...messageIds].sort());
  });

  it('restarts the fan-out of a sending broadcast that stopped moving, and only that one', async () => {
    const { workspaceId } = await workspaceWithIntegration();
    const listId = await rows.list(workspaceId);
    const stalled = await rows.broadcast(workspaceId, listId);
    await rows.broadcast(workspaceId, listId);
    await rows.unchangedFor('broadcasts', [stalled], LONG_AGO_MS);

    await reconciler.reconcile();

    expect((await jobsOn(QueueName.Broadcasts)).map(({ name, data }) => ({ name, data }))).toEqual([
      { name: JobName.FanOutBroadcast, data: { workspaceId, broadcastId: stalled } },
    ]);
  });
});
