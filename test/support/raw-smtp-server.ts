import { AddressInfo, createServer, Server, Socket } from 'node:net';

/**
 * A plain-text SMTP server written against the socket, for replies smtp-server will not send (it
 * cleans control characters out of them). `reply` answers each command line, or the end of DATA.
 */
export class RawSmtpServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(reply: (command: string) => string) {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
      socket.write('220 raw.example.test ESMTP\r\n');
      let buffered = '';
      let inData = false;
      socket.on('data', (chunk) => {
        buffered += chunk.toString('binary');
        for (let end = buffered.indexOf('\r\n'); end !== -1; end = buffered.indexOf('\r\n')) {
          const line = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          if (inData) {
            if (line === '.') {
              inData = false;
              socket.write(`${reply('.')}\r\n`);
            }
            continue;
          }
          const verb = line.split(' ')[0]!.toUpperCase();
          if (verb === 'EHLO') socket.write('250-raw.example.test\r\n250 8BITMIME\r\n');
          else if (verb === 'DATA') {
            inData = true;
            socket.write('354 go ahead\r\n');
          } else if (verb === 'QUIT') socket.end('221 bye\r\n');
          else socket.write(`${reply(line)}\r\n`);
        }
      });
    });
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
