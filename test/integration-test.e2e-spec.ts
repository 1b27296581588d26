import { FakeSmtpServer } from './support/fake-smtp-server';
import { basicIntegration, createIntegration } from './support/integration-factory';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

const PASSWORD = 'S3cret-Passw0rd-for-tests';

describe('POST /integrations/{id}/test', () => {
  let t: TestApp;
  let ws: CreatedWorkspace;
  const servers: FakeSmtpServer[] = [];

  async function server(options: ConstructorParameters<typeof FakeSmtpServer>[0]): Promise<number> {
    const smtp = new FakeSmtpServer({ users: { 'sender@example.com': PASSWORD }, ...options });
    servers.push(smtp);
    return (await smtp.start()).port;
  }

  async function runTest(overrides: Record<string, unknown>, body: Record<string, unknown> = {}) {
    const integration = await createIntegration(t, ws, basicIntegration({ usage: {}, ...overrides }));
    const response = await t.http
      .post(`/v1/workspaces/${ws.id}/integrations/${integration.id}/test`)
      .set(bearer(ws.adminKey))
      .send(body)
      .expect(200);
    const after = await t.http.get(`/v1/workspaces/${ws.id}/integrations/${integration.id}`).set(bearer(ws.adminKey)).expect(200);
    return { result: response.body, integration: after.body };
  }

  const basicAuth = (password = PASSWORD) => ({ type: 'basic', username: 'sender@example.com', password });

  beforeAll(async () => {
    t = await startTestApp({ captureLogs: true });
    ws = await createWorkspace(t);
  });
  afterAll(async () => {
    await Promise.all(servers.map((smtp) => smtp.stop()));
    await t.close();
  });

  it('passes every step with basic auth over STARTTLS, and the server sees the EHLO name', async () => {
    const smtp = new FakeSmtpServer({ security: 'starttls', users: { 'sender@example.com': PASSWORD } });
    servers.push(smtp);
    const { port } = await smtp.start();
    const { result, integration } = await runTest({ port, security: 'starttls', ehloHostname: 'mail.example.com', auth: basicAuth() });
    expect(result.ok).toBe(true);
    expect(result.steps.map((step: { name: string }) => step.name)).toEqual(['resolve', 'connect', 'ehlo', 'tls', 'ehlo', 'auth']);
    for (const step of result.steps) expect(step).toMatchObject({ ok: true, ms: expect.any(Number), detail: expect.any(String) });
    expect(smtp.ehloNames).toContain('mail.example.com');
    expect(integration.status).toMatchObject({ state: 'ok', lastError: null, checkedAt: expect.any(String) });
  });

  it('passes with implicit TLS trusted through the test certificate authority', async () => {
    const port = await server({ security: 'tls' });
    const { result } = await runTest({ port, security: 'tls', auth: basicAuth() });
    expect(result.ok).toBe(true);
    expect(result.steps.find((step: { name: string }) => step.name === 'tls').detail).toMatch(/TLS/);
  });

  it('passes with no TLS at all when none is configured', async () => {
    const port = await server({ security: 'none' });
    const { result } = await runTest({ port, security: 'none', auth: basicAuth() });
    expect(result.ok).toBe(true);
    expect(result.steps.map((step: { name: string }) => step.name)).not.toContain('tls');
  });

  it('sends a test message when `to` is given', async () => {
    const smtp = new FakeSmtpServer({ security: 'starttls', users: { 'sender@example.com': PASSWORD } });
    servers.push(smtp);
    const { port } = await smtp.start();
    const { result } = await runTest({ port, auth: basicAuth() }, { to: 'admin@example.com' });
    expect(result.steps.at(-1)).toMatchObject({ name: 'send', ok: true });
    expect(smtp.messages[0].envelope.rcptTo).toEqual(['admin@example.com']);
  });

  it('fails the auth step with the server reply and a hint for a wrong password', async () => {
    const port = await server({ security: 'starttls' });
    const { result, integration } = await runTest({ port, auth: basicAuth('wrong-password-value') });
    expect(result.ok).toBe(false);
    const auth = result.steps.find((step: { name: string }) => step.name === 'auth');
    expect(auth).toMatchObject({ ok: false, detail: expect.stringMatching(/535/) });
    expect(result.hint).toEqual(expect.any(String));
    expect(integration.status).toMatchObject({ state: 'failing', lastError: expect.stringMatching(/^auth: .*535/), hint: result.hint });
  });

  it('fails the tls step, and never authenticates, when the server does not offer STARTTLS', async () => {
    const smtp = new FakeSmtpServer({ security: 'none', users: { 'sender@example.com': PASSWORD } });
    servers.push(smtp);
    const { port } = await smtp.start();
    const { result } = await runTest({ port, security: 'starttls', auth: basicAuth() });
    expect(result.ok).toBe(false);
    expect(result.steps.at(-1)).toMatchObject({ name: 'tls', ok: false });
    expect(result.hint).toMatch(/STARTTLS/);
    expect(smtp.authAttempts).toEqual([]);
  });

  it('fails the connect step with a hint when nothing listens', async () => {
    const { result } = await runTest({ port: 1, auth: basicAuth() });
    expect(result.steps.find((step: { name: string }) => step.name === 'connect')).toMatchObject({ ok: false });
    expect(result.hint).toEqual(expect.any(String));
  });

  it('never shows a secret in any response or log line', async () => {
    const port = await server({ security: 'starttls' });
    const created = await createIntegration(t, ws, basicIntegration({ usage: {}, port, auth: basicAuth() }));
    const path = `/v1/workspaces/${ws.id}/integrations/${created.id}`;
    const bodies = [
      JSON.stringify(created),
      JSON.stringify((await t.http.get(path).set(bearer(ws.adminKey))).body),
      JSON.stringify((await t.http.get(`/v1/workspaces/${ws.id}/integrations`).set(bearer(ws.adminKey))).body),
      JSON.stringify(
        (
          await t.http
            .patch(path)
            .set(bearer(ws.adminKey))
            .send({ auth: basicAuth('an0ther-Secret-value') })
        ).body,
      ),
      JSON.stringify((await t.http.post(`${path}/test`).set(bearer(ws.adminKey)).send({})).body),
    ];
    const seen = [...bodies, ...t.logs].join('\n');
    for (const secret of [PASSWORD, 'an0ther-Secret-value', 'wrong-password-value', Buffer.from(PASSWORD).toString('base64')]) {
      expect(seen).not.toContain(secret);
    }
  });

  it('answers 404 for another workspace', async () => {
    const port = await server({ security: 'starttls' });
    const created = await createIntegration(t, ws, basicIntegration({ usage: {}, port }));
    const other = await createWorkspace(t, 'Other');
    await t.http.post(`/v1/workspaces/${other.id}/integrations/${created.id}/test`).set(bearer(other.adminKey)).send({}).expect(404);
  });
});
