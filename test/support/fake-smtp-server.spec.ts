import { createTransport } from 'nodemailer';
import { FakeSmtpServer, failFirst } from './fake-smtp-server';

const servers: FakeSmtpServer[] = [];

async function startServer(server: FakeSmtpServer): Promise<FakeSmtpServer> {
  servers.push(server);
  await server.start();
  return server;
}

function transportTo(server: FakeSmtpServer, auth?: { user: string; pass?: string; accessToken?: string; type?: 'OAuth2' }) {
  return createTransport({ host: 'localhost', port: server.port, name: 'client.example.com', auth, requireTLS: true });
}

const message = { from: 'sender@example.com', to: 'rcpt@example.org', subject: 'Hello there', text: 'Body line' };

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

describe('FakeSmtpServer', () => {
  it('listens on an ephemeral loopback port and records the message, envelope, EHLO name and login', async () => {
    const server = await startServer(new FakeSmtpServer({ users: { alice: 'pw-1' } }));

    await transportTo(server, { user: 'alice', pass: 'pw-1' }).sendMail(message);
    const [received] = await server.waitForMessages(1);

    expect(server.port).toBeGreaterThan(0);
    expect(received.envelope).toEqual({ mailFrom: 'sender@example.com', rcptTo: ['rcpt@example.org'] });
    expect(received.headers.subject).toBe('Hello there');
    expect(received.body).toContain('Body line');
    expect(received).toMatchObject({ ehloName: 'client.example.com', user: 'alice', secure: true });
    expect(server.authAttempts).toEqual([
      { method: 'PLAIN', username: 'alice', password: 'pw-1', accessToken: undefined, secure: true, accepted: true },
    ]);
  });

  it('refuses a recipient with the scripted line', async () => {
    const server = await startServer(
      new FakeSmtpServer({
        authOptional: true,
        respond: { rcptTo: (to) => (to === 'gone@example.org' ? '550 5.1.1 User unknown' : undefined) },
      }),
    );

    await expect(transportTo(server).sendMail({ ...message, to: 'gone@example.org' })).rejects.toMatchObject({
      responseCode: 550,
      response: '550 5.1.1 User unknown',
    });
    expect(server.messages).toEqual([]);
  });

  it('refuses the first DATA attempts, then accepts', async () => {
    const server = await startServer(
      new FakeSmtpServer({ authOptional: true, respond: { data: failFirst(2, '451 4.3.0 Try again later') } }),
    );
    const transport = transportTo(server);

    await expect(transport.sendMail(message)).rejects.toMatchObject({ response: '451 4.3.0 Try again later' });
    await expect(transport.sendMail(message)).rejects.toMatchObject({ responseCode: 451 });
    await transport.sendMail(message);

    expect(server.dataAttempts).toBe(3);
    expect(server.envelopes).toHaveLength(3);
    expect(server.messages).toHaveLength(1);
  });

  it('answers AUTH with a raw line, the way Exchange refuses a token', async () => {
    const server = await startServer(
      new FakeSmtpServer({
        rejectAuthWith: '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox',
      }),
    );

    await expect(
      transportTo(server, { type: 'OAuth2', user: 'box@contoso.com', accessToken: 'token-1' }).sendMail(message),
    ).rejects.toMatchObject({
      responseCode: 535,
      response: '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox',
    });
    expect(server.authAttempts).toEqual([
      expect.objectContaining({ method: 'XOAUTH2', username: 'box@contoso.com', accessToken: 'token-1', accepted: false }),
    ]);
  });

  it('checks access tokens with acceptAccessToken', async () => {
    const server = await startServer(
      new FakeSmtpServer({ acceptAccessToken: (user, token) => user === 'box@contoso.com' && token === 'good' }),
    );

    await transportTo(server, { type: 'OAuth2', user: 'box@contoso.com', accessToken: 'good' }).sendMail(message);

    expect(server.messages[0].user).toBe('box@contoso.com');
  });

  it('offers no STARTTLS at all with security none', async () => {
    const server = await startServer(new FakeSmtpServer({ security: 'none', authOptional: true }));

    await expect(transportTo(server).sendMail(message)).rejects.toThrow(/STARTTLS/);
    expect(server.messages).toEqual([]);
  });

  it('speaks TLS from the first byte with security tls', async () => {
    const server = await startServer(new FakeSmtpServer({ security: 'tls', authOptional: true }));

    await createTransport({ host: 'localhost', port: server.port, secure: true }).sendMail(message);

    expect(server.messages[0].secure).toBe(true);
  });

  it('rejects waitForMessages with what arrived when too few messages come', async () => {
    const server = await startServer(new FakeSmtpServer());

    await expect(server.waitForMessages(1, 50)).rejects.toThrow('expected 1 message(s) within 50 ms, received 0');
  });
});
