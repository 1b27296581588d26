import { once } from 'node:events';
import { AddressInfo, connect, createServer, Server } from 'node:net';
import { SmtpClientSession } from './smtp-client-session';

describe('SmtpClientSession', () => {
  let server: Server;
  afterEach(() => new Promise((done) => server.close(done)));

  /** A session on a loopback server that writes `wire` at once and hangs up; resolves when the client saw the close. */
  async function sessionReading(wire: string): Promise<SmtpClientSession> {
    server = createServer((socket) => socket.on('error', () => undefined).end(wire));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    const session = new SmtpClientSession(socket);
    await once(socket, 'close');
    return session;
  }

  it('keeps a few replies nobody asked for yet, then refuses a server that keeps talking out of turn', async () => {
    const session = await sessionReading('220 hello\r\n'.repeat(1000));

    for (let i = 0; i < 4; i++) await expect(session.readReply()).resolves.toEqual({ code: 220, lines: ['220 hello'] });
    await expect(session.readReply()).rejects.toThrow('the server sent more than 4 replies that no command asked for');
  });

  it('hands over replies that arrived before they were asked for, then the close', async () => {
    const session = await sessionReading('220 hello\r\n250 ok\r\n');

    await expect(session.readReply()).resolves.toMatchObject({ code: 220 });
    await expect(session.readReply()).resolves.toMatchObject({ code: 250 });
    await expect(session.readReply()).rejects.toThrow('the server closed the connection');
  });
});
