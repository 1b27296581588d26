import { AddressInfo, createServer, Server } from 'node:net';
import { SmtpTransportPool } from './smtp-transport-pool';

describe('SmtpTransportPool against a server that sends an endless line', () => {
  let server: Server;
  const pool = new SmtpTransportPool(60_000);
  afterEach(() => new Promise((done) => server.close(done)));
  afterAll(() => pool.onApplicationShutdown());

  async function transportTo(greeting: Buffer) {
    server = createServer((socket) => {
      socket.on('error', () => undefined);
      socket.write(greeting);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const endpoint = {
      host: '127.0.0.1',
      port,
      security: 'none' as const,
      ehloHostname: 'mailroom.test',
      allowSelfSignedCertificate: false,
      maxConnections: 1,
      allowPrivateHosts: true,
    };
    return pool.get(`flooded-${port}`, 'v1', endpoint, { type: 'none' });
  }

  // nodemailer's own cap is 1 MB: under it, this greeting would be buffered until the greeting timeout.
  it.each([
    ['200 KB and then silence', 200 * 1024],
    ['32 MB', 32 * 1024 * 1024],
  ])('hangs up at once on a greeting line past 64 KB (%s)', async (_, size) => {
    const transport = await transportTo(Buffer.alloc(size, 'a'));

    const sending = transport.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'x', text: 'x' });

    // The size error, not the greeting time-out, that ends it.
    await expect(sending).rejects.toMatchObject({ code: 'EPROTOCOL', message: expect.stringMatching(/exceeds maximum allowed size/) });
  });
});
