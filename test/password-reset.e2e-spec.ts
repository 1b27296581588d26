import { DataSource } from 'typeorm';
import { FakeSmtpServer } from './support/fake-smtp-server';
import { basicIntegration, createIntegration } from './support/integration-factory';
import { mimeParts } from './support/mime-parts';
import { BOB, cookie, createPerson, dashboard, OPERATOR, OPERATOR_ENV, signIn } from './support/people';
import { startTestApp, TestApp } from './support/test-app';
import { createWorkspace } from './support/workspace-factory';

const SMTP_PASSWORD = 'system mail smtp password';
const NEW_PASSWORD = 'a password chosen after the reset';

describe('password reset by mail, with a system integration', () => {
  let first: TestApp;
  let t: TestApp;
  let smtp: FakeSmtpServer;

  beforeAll(async () => {
    smtp = new FakeSmtpServer({ users: { 'sender@example.com': SMTP_PASSWORD } });
    const { port } = await smtp.start();
    first = await startTestApp({ env: OPERATOR_ENV });
    const ws = await createWorkspace(first, 'Mailroom itself');
    const integration = await createIntegration(
      first,
      ws,
      basicIntegration({
        port,
        auth: { type: 'basic', username: 'sender@example.com', password: SMTP_PASSWORD },
        senders: [{ name: 'Mailroom', email: 'mailroom@example.com' }],
      }),
    );
    // MAILROOM_SYSTEM_INTEGRATION names ids that exist only once the first start made them.
    t = await startTestApp({
      replicaOf: first,
      worker: true,
      env: { ...OPERATOR_ENV, MAILROOM_SYSTEM_INTEGRATION: `${ws.id}/${integration.id}` },
    });
  });
  afterAll(async () => {
    await t.close();
    await first.close();
    await smtp.stop();
  });

  const forgot = (email: string) => t.http.post('/v1/auth/forgot-password').set(dashboard(t)).send({ email });
  const reset = (token: string, password: string) => t.http.post('/v1/auth/password-reset').set(dashboard(t)).send({ token, password });

  it("mails a single-use link whose token resets the password and ends the person's sessions", async () => {
    const before = await signIn(t);
    await forgot(OPERATOR.email).expect(202);
    const [mail] = await smtp.waitForMessages(1, 15_000);
    expect(mail!.envelope.rcptTo).toEqual([OPERATOR.email]);
    expect(mail!.headers.subject).toBe('Reset your Mailroom password');
    const text = mimeParts(mail!.raw.toString('utf8')).get('text/plain')!;
    const link = new URL(/(http\S+\/reset-password\?token=\S+)/.exec(text)![1]!);
    expect(link.origin + link.pathname).toBe(`${t.config.PUBLIC_BASE_URL}/reset-password`);

    await reset(link.searchParams.get('token')!, NEW_PASSWORD).expect(204);
    await t.http.get('/v1/auth/me').set(cookie(before)).expect(401);
    await signIn(t, OPERATOR.email, NEW_PASSWORD);
    await t.http.post('/v1/auth/login').set(dashboard(t)).send(OPERATOR).expect(401);

    const again = await reset(link.searchParams.get('token')!, 'yet another new password').expect(403);
    expect(again.body.message).toMatch(/password-reset link is not valid/);
  });

  it('answers an unknown email as a known one, and mails nothing to it', async () => {
    const sent = smtp.messages.length;
    const unknown = await forgot('nobody@example.com').expect(202);
    const known = await forgot(OPERATOR.email).expect(202);
    expect(unknown.body).toEqual(known.body);
    // Mailing happens after the answer; the known address's mail, asked for second, arrives after the unknown one was dealt with.
    await smtp.waitForMessages(sent + 1, 15_000);
    expect(smtp.messages.slice(sent).map((message) => message.envelope.rcptTo)).toEqual([[OPERATOR.email]]);
  });

  it('mails one person at most three links an hour, however often they are asked for', async () => {
    await createPerson(t, BOB);
    const sent = smtp.messages.length;
    for (let request = 0; request < 5; request++) await forgot(BOB.email).expect(202);
    await forgot(OPERATOR.email).expect(202);
    await smtp.waitForMessages(sent + 4, 15_000);
    const recipients = smtp.messages.slice(sent).map((message) => message.envelope.rcptTo[0]);
    expect(recipients.filter((email) => email === BOB.email)).toHaveLength(3);
  });

  it('refuses a new password that breaks the rule, naming the field', async () => {
    const response = await reset('x'.repeat(43), 'short').expect(400);
    expect(response.body.message).toContain('password must be at least 12 characters');
  });

  it('refuses a made-up token', async () => {
    await reset('x'.repeat(43), 'a perfectly fine passphrase').expect(403);
  });
});

describe('password reset by mail, without a system integration', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: OPERATOR_ENV });
  });
  afterAll(() => t.close());

  it('answers 202 all the same, issuing no link (an admin hands one over instead)', async () => {
    await t.http.post('/v1/auth/forgot-password').set(dashboard(t)).send({ email: OPERATOR.email }).expect(202);
    const rows = await t.app.get(DataSource).query<unknown[]>(`SELECT 1 FROM single_use_tokens WHERE purpose = 'password-reset'`);
    expect(rows).toEqual([]);
  });
});
