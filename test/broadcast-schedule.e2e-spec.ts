import { createList } from './support/contact-factory';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { createSendingWorkspace } from './support/sending-workspace';
import { bearer, startTestApp, TestApp } from './support/test-app';

describe('scheduled broadcasts', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ security: 'none', authOptional: true });
    await smtp.start();
    t = await startTestApp({ worker: true });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('waits until scheduledAt, then sends to the list', async () => {
    const ws = await createSendingWorkspace(t, { smtp, integration: { usage: { marketing: true } } });
    const admin = bearer(ws.adminKey);
    const list = await createList(t, ws);
    await t.http
      .post(`/v1/workspaces/${ws.id}/lists/${list.id}/contacts`)
      .set(admin)
      .send({ emails: ['later1@example.com', 'later2@example.com'] })
      .expect(200);
    const draft = await t.http
      .post(`/v1/workspaces/${ws.id}/broadcasts`)
      .set(admin)
      .send({ name: 'Later', listId: list.id, subject: 'Scheduled [later]', text: 'Hello' })
      .expect(201);

    const startAt = new Date(Date.now() + 1500);
    const sent = await t.http
      .post(`/v1/workspaces/${ws.id}/broadcasts/${draft.body.id}/send`)
      .set(admin)
      .send({ scheduledAt: startAt.toISOString() })
      .expect(200);
    expect(sent.body).toMatchObject({ status: 'scheduled', scheduledAt: startAt.toISOString(), counts: { recipients: 0 } });
    expect(smtp.messages).toHaveLength(0);

    const delivered = await smtp.waitForMessages(2, 10_000);
    expect(Date.now()).toBeGreaterThanOrEqual(startAt.getTime());
    expect(delivered.map((message) => message.envelope.rcptTo[0]).sort()).toEqual(['later1@example.com', 'later2@example.com']);
  });

  it('can be paused before its time and then does not start', async () => {
    const ws = await createSendingWorkspace(t, { smtp, name: 'Paused early', integration: { usage: { marketing: true } } });
    const admin = bearer(ws.adminKey);
    const list = await createList(t, ws);
    await t.http
      .post(`/v1/workspaces/${ws.id}/lists/${list.id}/contacts`)
      .set(admin)
      .send({ emails: ['never@example.com'] })
      .expect(200);
    const draft = await t.http
      .post(`/v1/workspaces/${ws.id}/broadcasts`)
      .set(admin)
      .send({ name: 'Never', listId: list.id, subject: 's', text: 't' })
      .expect(201);
    await t.http
      .post(`/v1/workspaces/${ws.id}/broadcasts/${draft.body.id}/send`)
      .set(admin)
      .send({ scheduledAt: new Date(Date.now() + 60_000).toISOString() })
      .expect(200);
    const paused = await t.http.post(`/v1/workspaces/${ws.id}/broadcasts/${draft.body.id}/pause`).set(admin).send({}).expect(200);
    expect(paused.body.status).toBe('paused');
    const refused = await t.http.post(`/v1/workspaces/${ws.id}/broadcasts/${draft.body.id}/send`).set(admin).send({}).expect(422);
    expect(refused.body.message[0]).toMatch(/cannot send a broadcast that is paused/);
  });
});
