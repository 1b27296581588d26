import { basicIntegration, createIntegration } from './support/integration-factory';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createWorkspace, CreatedWorkspace } from './support/workspace-factory';

const SMTP_PASSWORD = 'correct horse battery staple';
const MAILBOX_PASSWORD = 'Bounce-Mailbox-Passw0rd';
// Public address literals: the outbound host guard is on (as in production) and nothing here needs DNS or a connection.
const SMTP_HOST = '192.0.43.10';
const IMAP = { enabled: true, host: '192.0.43.11', port: 993, security: 'tls' };

/** `bounces` on an integration: what it takes, what it answers, and which secrets a move of the mailbox asks for again. */
describe('integration bounce processing settings', () => {
  let t: TestApp;
  let ws: CreatedWorkspace;

  const path = (id = '') => `/v1/workspaces/${ws.id}/integrations${id ? `/${id}` : ''}`;
  const create = (bounces: unknown) =>
    t.http
      .post(path())
      .set(bearer(ws.adminKey))
      .send(basicIntegration({ usage: {}, host: SMTP_HOST, bounces }));
  const patch = (id: string, body: Record<string, unknown>) => t.http.patch(path(id)).set(bearer(ws.adminKey)).send(body);

  beforeAll(async () => {
    t = await startTestApp({ env: { SMTP_ALLOW_PRIVATE_HOSTS: 'false' } });
    ws = await createWorkspace(t);
  });
  afterAll(() => t.close());

  it('is off on an integration created without it', async () => {
    const integration = await createIntegration(t, ws, basicIntegration({ usage: {}, host: SMTP_HOST }));
    expect(integration.bounces).toEqual({
      enabled: false,
      host: null,
      port: null,
      security: null,
      folder: 'INBOX',
      processedFolder: 'Mailroom/Processed',
      auth: 'same',
      envelopeSender: 'watched_mailbox',
      status: { state: 'disabled', lastError: null, hint: null, lastCheckedAt: null },
    });
  });

  it("enabled with the integration's own login: pending until the watcher looks, the defaults filled in", async () => {
    const response = await create({ ...IMAP, auth: 'same' }).expect(201);
    expect(response.body.bounces).toMatchObject({
      ...IMAP,
      folder: 'INBOX',
      processedFolder: 'Mailroom/Processed',
      auth: 'same',
      envelopeSender: 'watched_mailbox',
      status: { state: 'pending', lastError: null, lastCheckedAt: null },
    });
  });

  it('with a login of its own: the password is stored, never shown', async () => {
    const response = await create({ ...IMAP, auth: { type: 'basic', username: 'bounces@example.com', password: MAILBOX_PASSWORD } }).expect(
      201,
    );
    expect(response.body.bounces.auth).toEqual({ type: 'basic', username: 'bounces@example.com', hasPassword: true });
    expect(JSON.stringify(response.body)).not.toContain(MAILBOX_PASSWORD);
  });

  it.each([
    [{ enabled: true }, ['bounces.host is required', 'bounces.port is required', 'bounces.security is required']],
    [{ ...IMAP, auth: { type: 'basic', username: 'b@example.com' } }, ['bounces.auth.password is required']],
    [{ ...IMAP, auth: 'other' }, ['auth']],
    [{ ...IMAP, security: 'ssl' }, ['bounces.security']],
    [{ ...IMAP, folder: 'INBOX', processedFolder: 'INBOX' }, ['bounces.processedFolder must differ']],
    [{ ...IMAP, folder: 'A\r\nB' }, ['bounces.folder']],
  ])('refuses %j with a 400 naming the field', async (bounces, named) => {
    const response = await create(bounces).expect(400);
    const messages = JSON.stringify(response.body.message);
    for (const name of named) expect(messages).toContain(name);
  });

  it('refuses a mailbox on a private address in production mode (422 naming bounces.host)', async () => {
    const response = await create({ ...IMAP, host: '127.0.0.1' }).expect(422);
    expect(JSON.stringify(response.body.message)).toContain('bounces.host');
  });

  it('asks for the SMTP password again when the mailbox that would get it moves, and for the mailbox password when its own login moves', async () => {
    const same = (await create({ ...IMAP, auth: 'same' }).expect(201)).body;
    const moved = await patch(same.id, { bounces: { enabled: true, host: '192.0.43.12' } }).expect(422);
    expect(moved.body.message).toEqual(['auth.password: resend the password when changing bounces.host']);
    await patch(same.id, {
      bounces: { enabled: true, host: '192.0.43.12' },
      auth: { type: 'basic', username: 'sender@example.com', password: SMTP_PASSWORD },
    }).expect(200);

    const own = (await create({ ...IMAP, auth: { type: 'basic', username: 'b@example.com', password: MAILBOX_PASSWORD } }).expect(201))
      .body;
    const ownMoved = await patch(own.id, { bounces: { enabled: true, port: 1993 } }).expect(422);
    expect(ownMoved.body.message).toEqual(['bounces.auth.password: resend the mailbox password when changing bounces.port']);
    // The folder is not where anything is sent: it changes freely.
    const renamed = await patch(own.id, { bounces: { enabled: true, folder: 'Bounces' } }).expect(200);
    expect(renamed.body.bounces).toMatchObject({ folder: 'Bounces', auth: { type: 'basic', hasPassword: true } });
  });

  it('turning it on for an integration that had it off counts as a move: the secrets come again', async () => {
    const off = await createIntegration(t, ws, basicIntegration({ usage: {}, host: SMTP_HOST }));
    await patch(off.id, { bounces: IMAP }).expect(422);
    const on = await patch(off.id, {
      bounces: IMAP,
      auth: { type: 'basic', username: 'sender@example.com', password: SMTP_PASSWORD },
    }).expect(200);
    expect(on.body.bounces.status.state).toBe('pending');
    const disabled = await patch(off.id, { bounces: { enabled: false } }).expect(200);
    expect(disabled.body.bounces).toMatchObject({ enabled: false, host: IMAP.host, status: { state: 'disabled' } });
  });

  it("needs no secret again to read an OAuth2 integration's mailbox at its own provider's IMAP server over verified TLS", async () => {
    const google = await createIntegration(
      t,
      ws,
      basicIntegration({
        usage: {},
        host: SMTP_HOST,
        auth: {
          type: 'oauth2',
          provider: 'google',
          clientId: 'client.apps.googleusercontent.com',
          clientSecret: 'GOCSPX-x',
          refreshToken: 'rt',
        },
      }),
    );
    await patch(google.id, { bounces: { ...IMAP, auth: 'same' } }).expect(422);
    // imap.gmail.com does not resolve here: the outbound host guard, not the resend rule, is what answers.
    const atGoogle = await patch(google.id, { bounces: { ...IMAP, host: 'imap.gmail.com', auth: 'same' } }).expect(422);
    expect(atGoogle.body.message).toEqual(['bounces.host imap.gmail.com could not be resolved in DNS']);
  });
});
