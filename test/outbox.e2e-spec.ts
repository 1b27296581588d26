import { Redis } from 'ioredis';
import { DeliveryWatcher } from './support/delivery-watcher';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { createSendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';

describe('outbox: Postgres is the source of truth', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'starttls', authOptional: true });
    await smtp.start();
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('delivers every accepted message after Redis lost all its data', async () => {
    const ws = await createSendingWorkspace(t, { smtp });
    const ids: string[] = [];
    for (let index = 0; index < 10; index++) {
      const response = await t.http
        .post(`/v1/workspaces/${ws.id}/messages`)
        .set(bearer(ws.adminKey))
        .send({ to: [`lost${index}@example.com`], subject: `Survivor ${index}`, text: 'x' })
        .expect(202);
      ids.push(response.body.id);
    }

    // Redis forgets everything under this app's prefix: every queued job is gone.
    const redis = new Redis(t.config.REDIS_URL);
    const keys = await redis.keys(`${t.config.REDIS_PREFIX}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    await redis.quit();

    const watcher = await DeliveryWatcher.start(t);
    await t.startWorker();
    await watcher.finished(ids);
    await watcher.close();

    expect(smtp.messages.flatMap((message) => message.envelope.rcptTo).sort()).toEqual(
      ids.map((_, index) => `lost${index}@example.com`).sort(),
    );
    for (const id of ids) {
      const message = await t.http.get(`/v1/workspaces/${ws.id}/messages/${id}`).set(bearer(ws.adminKey)).expect(200);
      expect(message.body.status).toBe('sent');
    }
  });
});
