import { DataSource } from 'typeorm';
import { Webhook } from 'standardwebhooks';
import { dashboardSession, invitePerson } from './support/people';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';
import { createApiKey, createWorkspace, CreatedWorkspace } from './support/workspace-factory';

describe('webhook endpoints: managed over the API, tested and logged', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let ws: CreatedWorkspace;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    // No worker: each delivery here is the one POST …/test makes, or is left for a spec to look at.
    t = await startTestApp({ env: { WEBHOOK_RETRY_DELAYS_MS: '60000' } });
    ws = await createWorkspace(t);
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });
  beforeEach(() => {
    receiver.received.splice(0);
    receiver.answer = () => ({ status: 200, body: 'ok' });
  });

  const path = (suffix = '') => `/v1/workspaces/${ws.id}/webhooks${suffix}`;
  const create = async (body: Record<string, unknown> = {}) => {
    const response = await t.http
      .post(path())
      .set(bearer(ws.adminKey))
      .send({ url: receiver.url(), events: ['message.sent'], ...body })
      .expect(201);
    receiver.secret = response.body.secret;
    return response.body;
  };

  it('creates an endpoint and shows its signing secret in that answer only', async () => {
    const created = await create({ description: 'Order system', events: ['message.sent', 'message.failed'] });
    expect(created).toEqual({
      id: expect.any(String),
      url: receiver.url(),
      description: 'Order system',
      events: ['message.sent', 'message.failed'],
      enabled: true,
      status: { state: 'active', reason: null, disabledAt: null, lastSuccessAt: null, failingSince: null, lastError: null },
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      previousSecretExpiresAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const one = await t.http
      .get(path(`/${created.id}`))
      .set(bearer(ws.adminKey))
      .expect(200);
    const list = await t.http.get(path()).set(bearer(ws.adminKey)).expect(200);
    const { secret, ...shown } = created;
    expect(one.body).toEqual(shown);
    expect(list.body.data).toContainEqual(shown);
    expect(JSON.stringify([one.body, list.body])).not.toContain(secret);
    const [{ secret_encrypted: stored }] = await t.app
      .get(DataSource)
      .query('SELECT secret_encrypted FROM webhook_endpoints WHERE id = $1', [created.id]);
    expect(stored).not.toContain(secret.slice('whsec_'.length));
  });

  it.each([
    [{ events: ['message.sent'] }, 'url must be an absolute http or https URL'],
    [{ url: 'hooks.example.com/in', events: ['message.sent'] }, 'url must be an absolute http or https URL'],
    [{ url: 'https://user:pw@hooks.example.com/in', events: ['*'] }, 'url must not contain a user name or password'],
    [{ url: 'https://hooks.example.com/in' }, 'events must be an array'],
    [{ url: 'https://hooks.example.com/in', events: [] }, 'events should not be empty'],
    [{ url: 'https://hooks.example.com/in', events: ['message.sendt'] }, 'each value in events must be * or one of: message.sent,'],
    [{ url: 'https://hooks.example.com/in', events: ['*', 'message.sent'] }, 'events: * stands for every type and goes alone'],
    [{ url: 'https://hooks.example.com/in', events: ['*'], enabled: 'yes' }, 'enabled must be a boolean value'],
    [{ url: 'https://hooks.example.com/in', events: ['*'], secret: 'whsec_mine' }, 'property secret should not exist'],
  ])('refuses %j with 400, naming the field', async (body, message) => {
    const response = await t.http.post(path()).set(bearer(ws.adminKey)).send(body).expect(400);
    expect(response.body.message.join('\n')).toContain(message);
  });

  it('changes an endpoint, and disables and enables it by hand, saying why it is off', async () => {
    const { id } = await create();
    const changed = await t.http
      .patch(path(`/${id}`))
      .set(bearer(ws.adminKey))
      .send({ events: ['*'], description: 'Everything', enabled: false })
      .expect(200);
    expect(changed.body).toMatchObject({
      events: ['*'],
      description: 'Everything',
      enabled: false,
      status: { state: 'disabled', reason: 'Disabled with PATCH …/webhooks/{id} ("enabled": false)', disabledAt: expect.any(String) },
    });
    const enabled = await t.http
      .patch(path(`/${id}`))
      .set(bearer(ws.adminKey))
      .send({ enabled: true })
      .expect(200);
    expect(enabled.body.status).toMatchObject({ state: 'active', reason: null, disabledAt: null });
    await t.http
      .patch(path(`/${id}`))
      .set(bearer(ws.adminKey))
      .send({ url: 'ftp://x' })
      .expect(400);
  });

  it('deletes an endpoint: it is gone, and ids it never had are 404s', async () => {
    const { id } = await create();
    await t.http
      .delete(path(`/${id}`))
      .set(bearer(ws.adminKey))
      .expect(204);
    await t.http
      .get(path(`/${id}`))
      .set(bearer(ws.adminKey))
      .expect(404);
    await t.http
      .delete(path(`/${id}`))
      .set(bearer(ws.adminKey))
      .expect(404);
    await t.http.get(path('/not-a-uuid')).set(bearer(ws.adminKey)).expect(404);
    await t.http
      .get(path(`/${id}/deliveries`))
      .set(bearer(ws.adminKey))
      .expect(404);
  });

  it("never shows or changes another workspace's endpoint", async () => {
    const { id } = await create();
    const other = await createWorkspace(t, 'Other');
    await t.http.get(`/v1/workspaces/${other.id}/webhooks/${id}`).set(bearer(other.adminKey)).expect(404);
    await t.http.post(`/v1/workspaces/${other.id}/webhooks/${id}/test`).set(bearer(other.adminKey)).expect(404);
    expect((await t.http.get(`/v1/workspaces/${other.id}/webhooks`).set(bearer(other.adminKey))).body.data).toEqual([]);
  });

  it('sends a signed webhook.test at once and answers the attempt; the log shows it', async () => {
    const { id } = await create();
    const tested = await t.http
      .post(path(`/${id}/test`))
      .set(bearer(ws.adminKey))
      .expect(200);
    expect(tested.body).toEqual({
      deliveryId: expect.any(String),
      eventId: expect.any(String),
      status: 'delivered',
      attempt: { at: expect.any(String), statusCode: 200, ms: expect.any(Number), response: 'ok', error: null },
      nextAttemptAt: null,
    });
    const [webhook] = receiver.received;
    expect(webhook).toMatchObject({ id: tested.body.eventId, type: 'webhook.test', verified: true });
    expect(webhook!.data).toMatchObject({ workspaceId: ws.id, endpointId: id });
    expect(webhook!.headers['content-type']).toBe('application/json');

    const log = await t.http
      .get(path(`/${id}/deliveries`))
      .set(bearer(ws.adminKey))
      .expect(200);
    expect(log.body).toEqual({
      data: [
        {
          id: tested.body.deliveryId,
          eventId: tested.body.eventId,
          type: 'webhook.test',
          status: 'delivered',
          attempts: [tested.body.attempt],
          nextAttemptAt: null,
          payload: JSON.parse(webhook!.body),
          createdAt: expect.any(String),
        },
      ],
      nextCursor: null,
    });
    const endpoint = (await t.http.get(path(`/${id}`)).set(bearer(ws.adminKey))).body;
    expect(endpoint.status).toMatchObject({ state: 'active', lastSuccessAt: expect.any(String), failingSince: null });
  });

  it('counts attempts by outcome and shows how long due deliveries wait, in /metrics', async () => {
    const { id } = await create();
    const counted = async (outcome: string) => {
      const metrics = (await t.http.get('/metrics').expect(200)).text;
      return Number(new RegExp(`^mailroom_webhook_attempts_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0);
    };
    const [delivered, retrying] = [await counted('delivered'), await counted('retrying')];
    await t.http
      .post(path(`/${id}/test`))
      .set(bearer(ws.adminKey))
      .expect(200);
    receiver.answer = () => ({ status: 500 });
    await t.http
      .post(path(`/${id}/test`))
      .set(bearer(ws.adminKey))
      .expect(200);
    expect([await counted('delivered'), await counted('retrying')]).toEqual([delivered + 1, retrying + 1]);
    const metrics = (await t.http.get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^mailroom_webhook_deliveries_pending \d+$/m);
    expect(metrics).toMatch(/^mailroom_webhook_queue_age_seconds [\d.]+$/m);
  });

  it('answers a failed test with its status and excerpt, due again on the retry schedule, and the endpoint failing', async () => {
    const { id } = await create();
    receiver.answer = () => ({ status: 503, body: 'x'.repeat(4000) });
    const tested = await t.http
      .post(path(`/${id}/test`))
      .set(bearer(ws.adminKey))
      .expect(200);
    expect(tested.body).toMatchObject({ status: 'pending', attempt: { statusCode: 503, error: null }, nextAttemptAt: expect.any(String) });
    expect(tested.body.attempt.response).toHaveLength(1024);
    const waited = new Date(tested.body.nextAttemptAt).getTime() - new Date(tested.body.attempt.at).getTime();
    expect(waited).toBeGreaterThanOrEqual(60_000);
    expect(waited).toBeLessThan(61_000);
    const endpoint = (await t.http.get(path(`/${id}`)).set(bearer(ws.adminKey))).body;
    expect(endpoint.status).toMatchObject({ state: 'failing', failingSince: tested.body.attempt.at, lastError: 'HTTP 503' });
  });

  it('pages the log by cursor, newest first, and filters it by status', async () => {
    const { id } = await create();
    const statuses = [200, 500, 200];
    receiver.answer = (_webhook, index) => ({ status: statuses[index]! });
    const tests = [];
    for (let run = 0; run < 3; run++)
      tests.push(
        (
          await t.http
            .post(path(`/${id}/test`))
            .set(bearer(ws.adminKey))
            .expect(200)
        ).body,
      );
    const first = await t.http
      .get(path(`/${id}/deliveries?limit=2`))
      .set(bearer(ws.adminKey))
      .expect(200);
    expect(first.body.data.map((d: { id: string }) => d.id)).toEqual([tests[2].deliveryId, tests[1].deliveryId]);
    const second = await t.http
      .get(path(`/${id}/deliveries?limit=2&cursor=${first.body.nextCursor}`))
      .set(bearer(ws.adminKey))
      .expect(200);
    expect(second.body).toMatchObject({ data: [{ id: tests[0].deliveryId }], nextCursor: null });
    const pending = await t.http
      .get(path(`/${id}/deliveries?status=pending`))
      .set(bearer(ws.adminKey))
      .expect(200);
    expect(pending.body.data.map((d: { id: string }) => d.id)).toEqual([tests[1].deliveryId]);
    await t.http
      .get(path(`/${id}/deliveries?status=lost`))
      .set(bearer(ws.adminKey))
      .expect(400);
    await t.http
      .get(path(`/${id}/deliveries?cursor=nonsense`))
      .set(bearer(ws.adminKey))
      .expect(400);
  });

  it('retries one delivery now, with the same webhook-id, keeping its earlier attempts', async () => {
    const { id } = await create();
    receiver.answer = (_webhook, index) => ({ status: index === 0 ? 500 : 204 });
    const tested = (
      await t.http
        .post(path(`/${id}/test`))
        .set(bearer(ws.adminKey))
        .expect(200)
    ).body;
    const retried = await t.http
      .post(path(`/${id}/deliveries/${tested.deliveryId}/retry`))
      .set(bearer(ws.adminKey))
      .expect(200);
    expect(retried.body).toMatchObject({ id: tested.deliveryId, status: 'delivered', nextAttemptAt: null });
    expect(retried.body.attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 204]);
    expect(receiver.received.map((webhook) => webhook.id)).toEqual([tested.eventId, tested.eventId]);
    expect(receiver.received.every((webhook) => webhook.verified)).toBe(true);
    await t.http
      .post(path(`/${id}/deliveries/00000000-0000-4000-8000-000000000000/retry`))
      .set(bearer(ws.adminKey))
      .expect(404);
  });

  it('replays every failed delivery since a time, and only those', async () => {
    const { id } = await create();
    receiver.answer = () => ({ status: 500 });
    const before = (
      await t.http
        .post(path(`/${id}/test`))
        .set(bearer(ws.adminKey))
        .expect(200)
    ).body;
    const since = new Date().toISOString();
    const after = (
      await t.http
        .post(path(`/${id}/test`))
        .set(bearer(ws.adminKey))
        .expect(200)
    ).body;
    // Both end their schedule: as if every retry had failed too.
    await t.app
      .get(DataSource)
      .query(`UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL WHERE endpoint_id = $1`, [id]);
    const replayed = await t.http
      .post(path(`/${id}/replay`))
      .set(bearer(ws.adminKey))
      .send({ since })
      .expect(202);
    expect(replayed.body).toEqual({ replayed: 1 });
    const pending = await t.http
      .get(path(`/${id}/deliveries?status=pending`))
      .set(bearer(ws.adminKey))
      .expect(200);
    expect(pending.body.data.map((d: { id: string }) => d.id)).toEqual([after.deliveryId]);
    expect(pending.body.data[0].nextAttemptAt).not.toBeNull();
    expect(before.deliveryId).not.toBe(after.deliveryId);
    await t.http
      .post(path(`/${id}/replay`))
      .set(bearer(ws.adminKey))
      .send({ since: 'yesterday' })
      .expect(400);
  });

  it('rotates the secret: the answer shows the new one, and both sign for 24 hours', async () => {
    const { id, secret: old } = await create();
    const rotated = await t.http
      .post(path(`/${id}/rotate-secret`))
      .set(bearer(ws.adminKey))
      .expect(200);
    expect(rotated.body).toEqual({ secret: expect.stringMatching(/^whsec_/), previousSecretExpiresAt: expect.any(String) });
    expect(rotated.body.secret).not.toBe(old);
    const grace = new Date(rotated.body.previousSecretExpiresAt).getTime() - Date.now();
    expect(grace).toBeGreaterThan(24 * 3600_000 - 60_000);
    expect(grace).toBeLessThanOrEqual(24 * 3600_000);
    const shown = (await t.http.get(path(`/${id}`)).set(bearer(ws.adminKey))).body;
    expect(shown.previousSecretExpiresAt).toBe(rotated.body.previousSecretExpiresAt);
    expect(JSON.stringify(shown)).not.toContain(rotated.body.secret);

    await t.http
      .post(path(`/${id}/test`))
      .set(bearer(ws.adminKey))
      .expect(200);
    const [webhook] = receiver.received;
    expect(webhook!.headers['webhook-signature']!.toString().split(' ')).toHaveLength(2);
    for (const secret of [old, rotated.body.secret])
      expect(() => new Webhook(secret).verify(webhook!.body, webhook!.headers as Record<string, string>)).not.toThrow();
  });

  it('stops signing with the rotated-away secret once its 24 hours are over', async () => {
    const { id, secret: old } = await create();
    const rotated = await t.http
      .post(path(`/${id}/rotate-secret`))
      .set(bearer(ws.adminKey))
      .expect(200);
    // The 24 hours pass.
    await t.app
      .get(DataSource)
      .query(`UPDATE webhook_endpoints SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    receiver.secret = rotated.body.secret;
    await t.http
      .post(path(`/${id}/test`))
      .set(bearer(ws.adminKey))
      .expect(200);
    const [webhook] = receiver.received;
    expect(webhook!.verified).toBe(true);
    expect(() => new Webhook(old).verify(webhook!.body, webhook!.headers as Record<string, string>)).toThrow(/No matching signature found/);
    expect((await t.http.get(path(`/${id}`)).set(bearer(ws.adminKey))).body.previousSecretExpiresAt).toBeNull();
  });

  it('lets every role read endpoints and the log, and only admins (or admin keys) change them', async () => {
    const { id } = await create();
    const viewer = await dashboardSession(t, await invitePerson(t, ws, 'viewer'));
    await t.http.get(path()).set(viewer).expect(200);
    await t.http
      .get(path(`/${id}/deliveries`))
      .set(viewer)
      .expect(200);
    await t.http
      .post(path())
      .set(viewer)
      .send({ url: receiver.url(), events: ['*'] })
      .expect(403);
    await t.http
      .post(path(`/${id}/test`))
      .set(viewer)
      .expect(403);
    const sendKey = await createApiKey(t, ws, ['send']);
    await t.http.get(path()).set(bearer(sendKey)).expect(403);
    await t.http
      .post(path(`/${id}/rotate-secret`))
      .set(bearer(sendKey))
      .expect(403);
  });
});
