import { AddressInfo, Server, createServer } from 'node:net';
import { FakeSmtpServer, FakeSmtpServerOptions } from '../../../test/support/fake-smtp-server';
import { probeSmtp } from './smtp-probe';
import { SmtpProbeInput, SmtpProbeResult } from './smtp-probe.types';

const PASSWORD = 'correct horse battery staple';
const TOKEN = 'eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJodHRwczovL291dGxvb2sub2ZmaWNlMzY1LmNvbSIsInJvbGVzIjpbIlNNVFAuU2VuZEFzQXBwIl19.c2lnbmF0dXJl';
const servers: FakeSmtpServer[] = [];

async function startServer(options: FakeSmtpServerOptions): Promise<FakeSmtpServer> {
  const server = new FakeSmtpServer(options);
  servers.push(server);
  await server.start();
  return server;
}

function probe(server: FakeSmtpServer, input: Partial<SmtpProbeInput>): Promise<SmtpProbeResult> {
  return probeSmtp({
    host: 'localhost',
    port: server.port,
    security: 'starttls',
    allowPrivateHosts: true,
    timeoutMs: 3000,
    auth: { type: 'basic', username: 'app@example.com', password: PASSWORD },
    ...input,
  });
}

const stepNames = (result: SmtpProbeResult): string[] => result.steps.map((step) => step.name);
const failedStep = (result: SmtpProbeResult) => result.steps.find((step) => !step.ok);
const everyText = (result: SmtpProbeResult): string => JSON.stringify(result);

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

describe('probeSmtp with a password', () => {
  const users = { 'app@example.com': PASSWORD };

  it('authenticates over STARTTLS, listing every step, and greets with the configured EHLO name', async () => {
    const server = await startServer({ security: 'starttls', users });

    const result = await probe(server, { ehloHostname: 'mail.example.org' });

    expect(result).toMatchObject({ ok: true, hint: null });
    expect(stepNames(result)).toEqual(['resolve', 'connect', 'ehlo', 'tls', 'ehlo', 'auth']);
    expect(result.steps.every((step) => step.ok && step.ms >= 0)).toBe(true);
    expect(result.steps[2].detail).toMatch(/greeting: 220 fake-smtp\.test/);
    expect(result.steps[2].detail).toContain('STARTTLS');
    expect(result.steps[3].detail).toMatch(/TLSv1\.[23] .*CN=localhost issued by Mailroom Test CA.*trusted for localhost/s);
    expect(result.steps[5].detail).toMatch(/^235 .*\(PLAIN as app@example\.com\)$/);
    expect(server.ehloNames).toEqual(['mail.example.org']);
    expect(server.authAttempts).toEqual([expect.objectContaining({ method: 'PLAIN', password: PASSWORD, secure: true, accepted: true })]);
  });

  it('authenticates over implicit TLS, reporting the handshake before EHLO', async () => {
    const server = await startServer({ security: 'tls', users });

    const result = await probe(server, { security: 'tls', ehloHostname: 'mail.example.org' });

    expect(result.ok).toBe(true);
    expect(stepNames(result)).toEqual(['resolve', 'connect', 'tls', 'ehlo', 'auth']);
    expect(result.steps[2].detail).toMatch(/trusted for localhost/);
    expect(server.sessions).toEqual([expect.objectContaining({ ehloName: 'mail.example.org', secure: true })]);
  });

  it('authenticates without TLS when none is asked for, naming itself after the username domain', async () => {
    const server = await startServer({ security: 'none', users, authMethods: ['LOGIN'] });

    const result = await probe(server, { security: 'none' });

    expect(result.ok).toBe(true);
    expect(stepNames(result)).toEqual(['resolve', 'connect', 'ehlo', 'auth']);
    expect(result.steps[3].detail).toContain('(LOGIN as app@example.com)');
    expect(server.ehloNames).toEqual(['example.com']);
  });

  it('reports a wrong password at the auth step with the server reply and a hint, never the password', async () => {
    const server = await startServer({ users });

    const result = await probe(server, { auth: { type: 'basic', username: 'app@example.com', password: 'wrong-password-123' } });

    expect(result.ok).toBe(false);
    expect(stepNames(result)).toEqual(['resolve', 'connect', 'ehlo', 'tls', 'ehlo', 'auth']);
    expect(failedStep(result)).toMatchObject({ name: 'auth', detail: '535 5.7.8 Authentication credentials invalid' });
    expect(result.hint).toMatch(/refused the username or password/);
    expect(result.failure).toMatchObject({ step: 'auth', kind: 'auth', responseCode: 535 });
    expect(everyText(result)).not.toContain('wrong-password-123');
    expect(everyText(result)).not.toContain(Buffer.from('\0app@example.com\0wrong-password-123').toString('base64'));
  });

  it('fails the tls step when STARTTLS is asked for but not offered, and never sends credentials in clear', async () => {
    const server = await startServer({ security: 'none', users });

    const result = await probe(server, { security: 'starttls' });

    expect(stepNames(result)).toEqual(['resolve', 'connect', 'ehlo', 'tls']);
    expect(failedStep(result)?.detail).toMatch(/does not offer STARTTLS/);
    expect(result.hint).toMatch(/stopped before anything was sent unencrypted/);
    expect(server.authAttempts).toEqual([]);
  });

  it('refuses a self-signed certificate at the tls step with a certificate hint', async () => {
    const server = await startServer({ certificate: 'self-signed', users });

    const result = await probe(server, {});

    expect(failedStep(result)).toMatchObject({ name: 'tls', detail: expect.stringMatching(/self-signed certificate/) });
    expect(result.hint).toMatch(/self-signed certificate.*allow self-signed certificates/);
    expect(result.failure).toMatchObject({ kind: 'transient', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(server.authAttempts).toEqual([]);
  });

  it('accepts a self-signed certificate when the integration allows it, and says it is not trusted', async () => {
    const server = await startServer({ certificate: 'self-signed', users });

    const result = await probe(server, { allowSelfSignedCertificate: true });

    expect(result.ok).toBe(true);
    expect(result.steps.find((step) => step.name === 'tls')?.detail).toMatch(/NOT trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
  });
});

describe('probeSmtp with XOAUTH2', () => {
  const xoauth2 = (getAccessToken: () => Promise<string>) => ({ type: 'xoauth2' as const, username: 'shared@contoso.com', getAccessToken });

  it('hands the token from getAccessToken to the server for the configured mailbox', async () => {
    const server = await startServer({ acceptAccessToken: (user, token) => user === 'shared@contoso.com' && token === TOKEN });

    const result = await probe(server, { auth: xoauth2(async () => TOKEN) });

    expect(result.ok).toBe(true);
    expect(stepNames(result)).toEqual(['resolve', 'connect', 'ehlo', 'tls', 'ehlo', 'token', 'auth']);
    expect(result.steps[5].detail).toBe('access token received, audience https://outlook.office365.com, roles SMTP.SendAsApp');
    expect(server.authAttempts).toEqual([
      expect.objectContaining({ method: 'XOAUTH2', username: 'shared@contoso.com', accessToken: TOKEN }),
    ]);
    expect(everyText(result)).not.toContain(TOKEN);
  });

  it('gives the Microsoft permission hint when the server answers 535 5.7.3 at once, as Exchange does', async () => {
    const server = await startServer({ rejectAuthWith: '535 5.7.3 Authentication unsuccessful' });

    const result = await probe(server, { auth: xoauth2(async () => TOKEN) });

    expect(failedStep(result)).toMatchObject({ name: 'auth', detail: '535 5.7.3 Authentication unsuccessful' });
    expect(result.hint).toMatch(/New-ServicePrincipal.*Add-MailboxPermission -Identity shared@contoso\.com/s);
    expect(result.failure?.kind).toBe('auth');
    expect(everyText(result)).not.toContain(TOKEN);
  });

  it('answers the challenge of a refused token with an empty line and reports the final reply', async () => {
    const server = await startServer({ acceptAccessToken: () => false });

    const result = await probe(server, { auth: xoauth2(async () => TOKEN) });

    expect(failedStep(result)?.detail).toBe(
      '535 Error: Username and Password not accepted (after the challenge {"status":"401","schemes":"Bearer"})',
    );
    expect(result.hint).toMatch(/refused the access token for shared@contoso\.com/);
  });

  it('shows a token error at the token step and passes its hint on', async () => {
    const server = await startServer({});
    const failure = Object.assign(new Error('AADSTS7000215: Invalid client secret provided.'), {
      hint: 'Copy the secret Value, not its ID.',
    });

    const result = await probe(server, { auth: xoauth2(() => Promise.reject(failure)) });

    expect(failedStep(result)).toMatchObject({ name: 'token', detail: 'AADSTS7000215: Invalid client secret provided.' });
    expect(result.hint).toBe('Copy the secret Value, not its ID.');
    expect(server.authAttempts).toEqual([]);
  });
});

describe('probeSmtp sending a test message', () => {
  it('delivers a short message that the server records', async () => {
    const server = await startServer({ authOptional: true });

    const result = await probe(server, { auth: { type: 'none' }, send: { from: 'support@example.net', to: 'someone@example.org' } });

    expect(stepNames(result)).toEqual(['resolve', 'connect', 'ehlo', 'tls', 'ehlo', 'send']);
    expect(result.steps[5].detail).toMatch(/^250 OK: message queued \(message <[\w-]+@example\.net> to someone@example\.org\)$/);
    const [message] = await server.waitForMessages(1);
    expect(message.envelope).toEqual({ mailFrom: 'support@example.net', rcptTo: ['someone@example.org'] });
    expect(message.headers.subject).toBe('Mailroom SMTP test');
    expect(message.ehloName).toBe('example.net');
  });

  it('reports a refused recipient with the server reply', async () => {
    const server = await startServer({ authOptional: true, respond: { rcptTo: () => '550 5.1.1 User unknown' } });

    const result = await probe(server, { auth: { type: 'none' }, send: { from: 'support@example.net', to: 'nobody@example.org' } });

    expect(failedStep(result)).toMatchObject({ name: 'send', detail: 'RCPT TO:<nobody@example.org> refused: 550 5.1.1 User unknown' });
    expect(result.failure).toMatchObject({ kind: 'permanent', command: 'RCPT TO', responseCode: 550 });
    expect(result.hint).toMatch(/refused the recipient/);
  });
});

describe('probeSmtp reaching the server', () => {
  it('explains a refused connection', async () => {
    const server = await startServer({});
    const port = server.port;
    await server.stop();

    const result = await probeSmtp({ host: '127.0.0.1', port, security: 'starttls', allowPrivateHosts: true, auth: { type: 'none' } });

    expect(stepNames(result)).toEqual(['resolve', 'connect']);
    expect(failedStep(result)?.detail).toMatch(/ECONNREFUSED/);
    expect(result.hint).toMatch(new RegExp(`refused the connection on port ${port}`));
  });

  it('refuses a loopback host unless private hosts are allowed', async () => {
    const server = await startServer({});

    const result = await probe(server, { host: '127.0.0.1', allowPrivateHosts: false });

    expect(stepNames(result)).toEqual(['resolve']);
    expect(failedStep(result)?.detail).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(result.hint).toMatch(/not on the public internet.*SMTP_ALLOW_PRIVATE_HOSTS/);
    expect(result.failure?.kind).toBe('permanent');
    expect(server.sessions).toEqual([]);
  });

  it('fails the tls step with a STARTTLS hint when implicit TLS meets a plain SMTP port', async () => {
    const server = await startServer({});

    const result = await probe(server, { security: 'tls' });

    expect(failedStep(result)).toMatchObject({ name: 'tls', detail: expect.stringMatching(/^TLS handshake failed: /) });
    expect(result.hint).toMatch(/speaks plain SMTP before any TLS.*choose security "starttls"/);
  });

  it('bounds a silent server by the step timeout and hints at implicit TLS', async () => {
    const server = await startServer({ security: 'tls' });

    const result = await probe(server, { security: 'starttls', timeoutMs: 300 });

    expect(failedStep(result)).toMatchObject({ name: 'ehlo', detail: 'no answer within 300 ms to the greeting and EHLO' });
    expect(result.hint).toMatch(/choose security "tls"/);
  });
});

describe('probeSmtp against a server that floods it', () => {
  const rawServers: Server[] = [];
  afterEach(async () => {
    await Promise.all(rawServers.splice(0).map((server) => new Promise((done) => server.close(done))));
  });

  /** A loopback server that writes `payload` as soon as a client connects, and ignores what comes back. */
  async function flooding(payload: Buffer): Promise<{ port: number; closedByClient: Promise<void> }> {
    let clientGone!: () => void;
    const closedByClient = new Promise<void>((resolve) => (clientGone = resolve));
    const server = createServer((socket) => {
      socket.on('error', () => undefined);
      socket.on('close', () => clientGone());
      socket.write(payload);
    });
    rawServers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { port: (server.address() as AddressInfo).port, closedByClient };
  }

  it('fails the greeting at once when a reply line runs past 64 KB, and hangs up', async () => {
    const { port, closedByClient } = await flooding(Buffer.alloc(32 * 1024 * 1024, 'a'));

    const result = await probeSmtp({
      host: '127.0.0.1',
      port,
      security: 'none',
      allowPrivateHosts: true,
      timeoutMs: 5000,
      auth: { type: 'none' },
    });

    expect(stepNames(result)).toEqual(['resolve', 'connect', 'ehlo']);
    expect(failedStep(result)?.detail).toBe('the server sent a reply line longer than 64 KB');
    expect(result.failure).toMatchObject({ step: 'ehlo', kind: 'transient', code: 'EPROTOCOL' });
    await closedByClient;
  });

  it('fails the greeting when a multi-line reply runs past 64 KB', async () => {
    const { port } = await flooding(Buffer.from('220-flood\r\n'.repeat(10_000)));

    const result = await probeSmtp({
      host: '127.0.0.1',
      port,
      security: 'none',
      allowPrivateHosts: true,
      timeoutMs: 5000,
      auth: { type: 'none' },
    });

    expect(failedStep(result)).toMatchObject({ name: 'ehlo', detail: 'the server sent a reply longer than 64 KB' });
  });
});
