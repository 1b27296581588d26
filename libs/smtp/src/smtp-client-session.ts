import { Socket, isIP } from 'node:net';
import { TLSSocket, connect as connectTls } from 'node:tls';
import { SmtpError } from './smtp-error';
import { SmtpReply, SmtpReplyReader } from './smtp-reply-reader';

export type { SmtpReply } from './smtp-reply-reader';

/**
 * The probe sends one command at a time (no PIPELINING), so more unread replies than this mean
 * the server talks out of turn; without a bound it could fill the API's memory with short replies.
 */
const MAX_UNREAD_REPLIES = 4;

export interface TlsUpgradeOptions {
  /** The configured name: checked against the certificate and sent as SNI unless it is an IP. */
  hostname: string;
  rejectUnauthorized: boolean;
}

/** The whole reply as one string, lines kept, for details and errors. */
export function replyText(reply: SmtpReply): string {
  return reply.lines.join('\n');
}

/**
 * One SMTP client connection, read reply by reply. It reports what the server said and leaves
 * every decision to the caller, which is what a step-by-step diagnosis needs.
 */
export class SmtpClientSession {
  private socket: Socket;
  private readonly reader = new SmtpReplyReader((reply) => this.onReply(reply));
  private readonly replies: SmtpReply[] = [];
  private waiting?: { resolve(reply: SmtpReply): void; reject(error: Error): void };
  private failure?: Error;

  constructor(socket: Socket) {
    this.socket = socket;
    this.attach(socket);
  }

  get localAddress(): string | undefined {
    return this.socket.localAddress;
  }

  readReply(): Promise<SmtpReply> {
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  /** Sends one command line. `line` may hold a secret: it is never echoed into an error. */
  command(line: string): Promise<SmtpReply> {
    if (this.failure) return Promise.reject(this.failure);
    this.socket.write(`${line}\r\n`);
    return this.readReply();
  }

  /** Sends the message body and the terminating dot; `body` must already be dot-stuffed. */
  sendData(body: string): Promise<SmtpReply> {
    return this.command(`${body}\r\n.`);
  }

  /** Starts TLS on the open socket: at once for implicit TLS, or after a 220 to STARTTLS. */
  upgradeToTls(options: TlsUpgradeOptions): Promise<TLSSocket> {
    const plain = this.socket;
    this.detach(plain);
    return new Promise((resolve, reject) => {
      const secure = connectTls({
        socket: plain,
        host: options.hostname,
        // RFC 6066 forbids an IP address as SNI; the certificate check still uses `host`.
        servername: isIP(options.hostname) ? undefined : options.hostname,
        rejectUnauthorized: options.rejectUnauthorized,
      });
      this.socket = secure;
      const fail = (error: Error): void => {
        this.failure = error;
        reject(error);
      };
      secure.once('error', fail);
      plain.once('error', fail);
      secure.once('secureConnect', () => {
        secure.off('error', fail);
        plain.off('error', fail);
        this.attach(secure);
        resolve(secure);
      });
    });
  }

  /** Says goodbye politely when the session is still usable; never waits for the answer. */
  close(): void {
    if (this.failure || this.socket.destroyed) {
      this.socket.destroy();
      return;
    }
    this.socket.end('QUIT\r\n');
    // A server that never closes its side must not keep the process alive.
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  destroy(): void {
    this.socket.destroy();
  }

  private attach(socket: Socket): void {
    socket.on('data', this.onData);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
  }

  private detach(socket: Socket): void {
    socket.off('data', this.onData);
    socket.off('error', this.onError);
    socket.off('close', this.onClose);
  }

  private readonly onData = (chunk: Buffer): void => {
    if (this.failure) return;
    try {
      this.reader.push(chunk);
    } catch (error) {
      // Past a limit nothing more the server says is read: hang up rather than keep receiving.
      this.fail(error as Error);
      this.socket.destroy();
    }
  };

  private readonly onError = (error: Error): void => this.fail(error);

  private readonly onClose = (): void => this.fail(new SmtpError('ECONNECTION', 'the server closed the connection'));

  private onReply(reply: SmtpReply): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) return waiting.resolve(reply);
    if (this.replies.length >= MAX_UNREAD_REPLIES) {
      throw new SmtpError('EPROTOCOL', `the server sent more than ${MAX_UNREAD_REPLIES} replies that no command asked for`);
    }
    this.replies.push(reply);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(this.failure);
  }
}
