import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { Transform, TransformCallback } from 'node:stream';

/**
 * A loopback TCP proxy a test can cut, to make a real Postgres or Redis "go away" for the
 * application without touching the shared server other test files use.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private refusing = false;
  private holding: { replies: string; resume: (() => void)[]; waiters: { text: string; seen: () => void }[] } | undefined;

  constructor(
    private readonly targetPort: number,
    private readonly targetHost = '127.0.0.1',
  ) {}

  async start(): Promise<number> {
    this.server = createServer((client) => {
      if (this.refusing) return client.destroy();
      const upstream = new Socket().connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.once('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      const replies = new Transform({ transform: (chunk: Buffer, _encoding, done) => this.pass(chunk, done) });
      replies.on('error', () => undefined);
      client.pipe(upstream).pipe(replies).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  /** Drops every open connection and refuses new ones until `restore`. */
  cut(): void {
    this.refusing = true;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.refusing = false;
  }

  /**
   * Keeps the server's replies from reaching the app until `release`: a query the server has
   * already answered (its snapshot taken, its rows read) stays in flight as long as the test wants.
   */
  hold(): void {
    this.holding = { replies: '', resume: [], waiters: [] };
  }

  /** Resolves once the replies held since `hold` contain `text`. */
  heldReplyContaining(text: string): Promise<void> {
    const holding = this.holding;
    if (!holding) throw new Error('heldReplyContaining needs hold() first');
    if (holding.replies.includes(text)) return Promise.resolve();
    return new Promise((seen) => holding.waiters.push({ text, seen }));
  }

  /** Lets every held reply through, in order, and stops holding. */
  release(): void {
    const resume = this.holding?.resume ?? [];
    this.holding = undefined;
    for (const next of resume) next();
  }

  private pass(chunk: Buffer, done: TransformCallback): void {
    const holding = this.holding;
    if (!holding) return done(null, chunk);
    holding.replies += chunk.toString('latin1');
    holding.resume.push(() => done(null, chunk));
    for (const waiter of holding.waiters.filter(({ text }) => holding.replies.includes(text))) waiter.seen();
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
