import { DataSource } from 'typeorm';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

const PUBLIC_ONLY = 'webhooks may only reach hosts on the public internet';

describe('webhook URLs where production refuses plain http and private addresses', () => {
  let t: TestApp;
  let ws: CreatedWorkspace;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    // What NODE_ENV=production sets for webhooks by default.
    t = await startTestApp({ env: { WEBHOOK_ALLOW_PRIVATE_HOSTS: 'false', WEBHOOK_ALLOW_HTTP: 'false' } });
    ws = await createWorkspace(t);
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  const create = (url: string) =>
    t.http
      .post(`/v1/workspaces/${ws.id}/webhooks`)
      .set(bearer(ws.adminKey))
      .send({ url, events: ['*'] });

  it('refuses plain http with 400, naming url', async () => {
    const response = await create('http://hooks.example.com/in').expect(400);
    expect(response.body.message).toEqual(['url must use https: webhooks carry your data and are only sent encrypted']);
  });

  it.each([
    ['https://127.0.0.1/in', `url: 127.0.0.1 is a loopback address; ${PUBLIC_ONLY}`],
    ['https://[::1]/in', `url: ::1 is a loopback address; ${PUBLIC_ONLY}`],
    ['https://169.254.169.254/latest/meta-data', `url: 169.254.169.254 is a link-local address; ${PUBLIC_ONLY}`],
    ['https://10.1.2.3/in', `url: 10.1.2.3 is a private address; ${PUBLIC_ONLY}`],
    ['https://[::ffff:192.168.0.1]/in', `url: ::ffff:c0a8:1 is a private address; ${PUBLIC_ONLY}`],
  ])('refuses %s with 422, naming the address', async (url, message) => {
    expect((await create(url).expect(422)).body.message).toEqual([message]);
  });

  it('refuses a name that resolves to loopback, when saved and when changed', async () => {
    const url = `https://localhost:${receiver.port}/in`;
    expect((await create(url).expect(422)).body.message[0]).toMatch(
      /^url: localhost resolves to (127\.0\.0\.1|::1), which is a loopback address/,
    );
    const { body } = await create('https://52.96.0.1/in').expect(201);
    await t.http.patch(`/v1/workspaces/${ws.id}/webhooks/${body.id}`).set(bearer(ws.adminKey)).send({ url }).expect(422);
  });

  it('checks again when it connects: a host whose address has turned private gets nothing', async () => {
    const { body } = await create('https://52.96.0.1/in').expect(201);
    // As if the name saved had since been pointed at loopback (DNS rebinding).
    await t.app
      .get(DataSource)
      .query('UPDATE webhook_endpoints SET url = $1 WHERE id = $2', [`https://localhost:${receiver.port}/in`, body.id]);
    const tested = await t.http.post(`/v1/workspaces/${ws.id}/webhooks/${body.id}/test`).set(bearer(ws.adminKey)).expect(200);
    expect(tested.body).toMatchObject({ status: 'pending', attempt: { statusCode: null, response: null } });
    expect(tested.body.attempt.error).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1), which is a loopback address/);
    expect(receiver.received).toEqual([]);
  });
});
