import { bearer, startTestApp, TestApp } from './support/test-app';
import { basicIntegration, createIntegration } from './support/integration-factory';
import { createApiKey, createWorkspace, CreatedWorkspace } from './support/workspace-factory';

describe('SMTP integrations', () => {
  let t: TestApp;
  let ws: CreatedWorkspace;
  const path = () => `/v1/workspaces/${ws.id}/integrations`;

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    ws = await createWorkspace(t);
  });
  afterAll(() => t.close());

  it('creates a basic-auth integration and returns it without the password', async () => {
    const created = await createIntegration(t, ws);
    expect(created).toMatchObject({
      name: 'Company SMTP',
      host: '127.0.0.1',
      port: 2525,
      security: 'starttls',
      allowSelfSignedCertificate: false,
      auth: { type: 'basic', username: 'sender@example.com', hasPassword: true, hasClientSecret: false, hasRefreshToken: false },
      senders: [{ name: 'Support Team', email: 'support@example.com', default: true }],
      usage: { transactional: true, marketing: false },
      maxConnections: 5,
      status: { state: 'untested', lastError: null, checkedAt: null },
    });
    expect(JSON.stringify(created)).not.toContain('correct horse');
  });

  it('lists, gets and deletes integrations', async () => {
    const created = await createIntegration(t, ws);
    const list = await t.http.get(path()).set(bearer(ws.adminKey)).expect(200);
    expect(list.body.data).toHaveLength(1);
    await t.http.get(`${path()}/${created.id}`).set(bearer(ws.adminKey)).expect(200);
    await t.http.delete(`${path()}/${created.id}`).set(bearer(ws.adminKey)).expect(204);
    await t.http.get(`${path()}/${created.id}`).set(bearer(ws.adminKey)).expect(404);
  });

  it('marks the first sender as default when none is, and honours an explicit default', async () => {
    const created = await createIntegration(
      t,
      ws,
      basicIntegration({
        senders: [
          { name: 'A', email: 'a@example.com' },
          { name: 'B', email: 'b@example.com', default: true },
        ],
      }),
    );
    expect(created.senders).toEqual([
      { name: 'A', email: 'a@example.com', default: false },
      { name: 'B', email: 'b@example.com', default: true },
    ]);
  });

  it('keeps the stored password when a PATCH sends none, and drops it when the auth type changes', async () => {
    const created = await createIntegration(t, ws);
    const renamed = await t.http
      .patch(`${path()}/${created.id}`)
      .set(bearer(ws.adminKey))
      .send({ name: 'Renamed', auth: { type: 'basic', username: 'other@example.com' } })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: 'Renamed', auth: { username: 'other@example.com', hasPassword: true } });

    const none = await t.http
      .patch(`${path()}/${created.id}`)
      .set(bearer(ws.adminKey))
      .send({ auth: { type: 'none' } })
      .expect(200);
    expect(none.body.auth).toMatchObject({ type: 'none', username: null, hasPassword: false });
  });

  it('replaces the senders on PATCH', async () => {
    const created = await createIntegration(t, ws);
    const updated = await t.http
      .patch(`${path()}/${created.id}`)
      .set(bearer(ws.adminKey))
      .send({
        senders: [
          { name: 'News', email: 'news@example.com' },
          { name: 'Support Team', email: 'support@example.com' },
        ],
      })
      .expect(200);
    expect(updated.body.senders.map((sender: { email: string }) => sender.email)).toEqual(['news@example.com', 'support@example.com']);
  });

  it('gives a usage to only one integration, naming the holder in a 409', async () => {
    const first = await createIntegration(t, ws, basicIntegration({ name: 'First' }));
    const response = await t.http
      .post(path())
      .set(bearer(ws.adminKey))
      .send(basicIntegration({ name: 'Second' }))
      .expect(409);
    expect(response.body.message).toContain(`usage.transactional is already held by integration "First" (${first.id})`);

    const second = await createIntegration(t, ws, basicIntegration({ name: 'Second', usage: { marketing: true } }));
    const patch = await t.http
      .patch(`${path()}/${second.id}`)
      .set(bearer(ws.adminKey))
      .send({ usage: { transactional: true } })
      .expect(409);
    expect(patch.body.message).toContain('"First"');
  });

  it('lets only one of many concurrent requests take a usage', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        t.http
          .post(path())
          .set(bearer(ws.adminKey))
          .send(basicIntegration({ name: `Racer ${index}` })),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
  });

  it.each([
    [{ port: 0 }, 'port must not be less than 1'],
    [{ port: 70000 }, 'port must not be greater than 65535'],
    [{ host: 'not a host!' }, 'host must be a valid hostname or IP address'],
    [{ security: 'ssl' }, 'security must be one of the following values: starttls, tls, none'],
    [{ name: 'Line\r\nBreak' }, 'name must not contain line breaks'],
    [{ senders: [] }, 'senders must contain at least 1 elements'],
    [{ senders: [{ name: 'X', email: 'not-an-email' }] }, 'senders.0.email must be an email'],
    [{ senders: [{ name: 'X\nBcc: y@z', email: 'x@example.com' }] }, 'senders.0.name must not contain line breaks'],
    [
      {
        senders: [
          { name: 'A', email: 'a@x.com' },
          { name: 'B', email: 'A@x.com' },
        ],
      },
      'senders must have unique email addresses',
    ],
    [{ auth: { type: 'basic', username: 'u' } }, 'auth.password is required for basic auth'],
    [{ auth: { type: 'kerberos' } }, 'auth.type must be one of the following values: none, basic, oauth2'],
  ])('rejects %j with a message naming the field', async (override, message) => {
    const response = await t.http.post(path()).set(bearer(ws.adminKey)).send(basicIntegration(override)).expect(400);
    expect(response.body.message).toContain(message);
  });

  it('validates Microsoft and Google OAuth2 settings per flow', async () => {
    const microsoftApp = {
      type: 'oauth2',
      provider: 'microsoft',
      flow: 'client_credentials',
      tenantId: 'common',
      clientId: 'client-id',
      clientSecret: 'client-secret-value',
      username: 'mailbox@contoso.com',
    };
    const refused = await t.http
      .post(path())
      .set(bearer(ws.adminKey))
      .send(basicIntegration({ auth: microsoftApp }))
      .expect(400);
    expect(refused.body.message[0]).toMatch(/auth.tenantId .* Microsoft refuses "common" for app-only/);

    const ok = await createIntegration(t, ws, basicIntegration({ auth: { ...microsoftApp, tenantId: 'contoso.onmicrosoft.com' } }));
    expect(ok.auth).toMatchObject({ provider: 'microsoft', flow: 'client_credentials', hasClientSecret: true });
    expect(ok.status.state).toBe('untested');
    expect(JSON.stringify(ok)).not.toContain('client-secret-value');
  });

  it('accepts a Google integration without a refresh token and marks it needs_reconnect', async () => {
    const created = await createIntegration(
      t,
      ws,
      basicIntegration({ auth: { type: 'oauth2', provider: 'google', clientId: 'gid', clientSecret: 'gsecret' } }),
    );
    expect(created.auth).toMatchObject({ provider: 'google', flow: 'refresh_token', hasRefreshToken: false });
    expect(created.status).toMatchObject({ state: 'needs_reconnect', hint: expect.stringMatching(/connect/) });
  });

  it('keeps integrations inside their workspace', async () => {
    const created = await createIntegration(t, ws);
    const other = await createWorkspace(t, 'Other');
    await t.http.get(`/v1/workspaces/${other.id}/integrations/${created.id}`).set(bearer(other.adminKey)).expect(404);
    await t.http.delete(`/v1/workspaces/${other.id}/integrations/${created.id}`).set(bearer(other.adminKey)).expect(404);
    const list = await t.http.get(`/v1/workspaces/${other.id}/integrations`).set(bearer(other.adminKey)).expect(200);
    expect(list.body.data).toEqual([]);
    const sendKey = await createApiKey(t, ws, ['send']);
    await t.http.get(path()).set(bearer(sendKey)).expect(403);
  });
});

describe('SMTP integrations when private hosts are not allowed', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { SMTP_ALLOW_PRIVATE_HOSTS: 'false' } });
  });
  afterAll(() => t.close());

  it.each(['127.0.0.1', 'localhost', '10.0.0.5', '169.254.169.254', '::1', '::7f00:1', '::ffff:0:7f00:1', '64:ff9b:1::7f00:1'])(
    'refuses %s with 422 naming the host',
    async (host) => {
      const ws = await createWorkspace(t);
      const response = await t.http
        .post(`/v1/workspaces/${ws.id}/integrations`)
        .set(bearer(ws.adminKey))
        .send(basicIntegration({ host }))
        .expect(422);
      expect(response.body.message[0]).toMatch(/^host .* address; integrations may only reach hosts on the public internet/);
    },
  );
});
