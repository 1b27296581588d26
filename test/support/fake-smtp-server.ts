import { EventEmitter, once } from 'node:events';
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer, SMTPServerAuthentication, SMTPServerOptions, SMTPServerSession } from 'smtp-server';

export type FakeSmtpSecurity = 'starttls' | 'tls' | 'none';
export type FakeSmtpAuthMethod = 'PLAIN' | 'LOGIN' | 'XOAUTH2';

/** A raw SMTP reply line such as `550 5.1.1 User unknown`; `undefined` lets the command through. */
export type FakeReplyLine = string | undefined;

/** What `authenticate` decides: accept, refuse with the default reply, or refuse with this exact line. */
export type FakeAuthDecision = boolean | string;

export interface FakeAuthAttempt {
  method: string;
  username?: string;
  /** Raw values are kept on purpose: tests compare them with what the client was given. */
  password?: string;
  accessToken?: string;
  /** Whether the session was encrypted when the credentials arrived. */
  secure: boolean;
  accepted: boolean;
}

export interface FakeEnvelope {
  mailFrom: string;
  rcptTo: string[];
}

export interface FakeSmtpMessage {
  envelope: FakeEnvelope;
  raw: Buffer;
  /** Header names in lower case; a repeated header keeps its first value (see `raw` for all). */
  headers: Record<string, string>;
  body: string;
  ehloName: string | null;
  user: string | null;
  secure: boolean;
}

export interface FakeDataAttempt {
  /** 1 for the first DATA this server ever received, counted across sessions. */
  number: number;
  envelope: FakeEnvelope;
  raw: Buffer;
}

export interface FakeSmtpResponder {
  mailFrom?(address: string): FakeReplyLine;
  rcptTo?(address: string): FakeReplyLine;
  data?(attempt: FakeDataAttempt): FakeReplyLine;
}

export interface FakeSmtpServerOptions {
  security?: FakeSmtpSecurity;
  certificate?: 'trusted' | 'self-signed';
  /** Name the server greets with. */
  name?: string;
  authMethods?: FakeSmtpAuthMethod[];
  authOptional?: boolean;
  /** PLAIN/LOGIN credentials the server accepts. */
  users?: Record<string, string>;
  /** Decides XOAUTH2 logins. */
  acceptAccessToken?(username: string, token: string): boolean;
  /** Decides every login and overrides `users`/`acceptAccessToken`. With none of the three, any login succeeds. */
  authenticate?(auth: FakeAuthAttempt): FakeAuthDecision | Promise<FakeAuthDecision>;
  /** Answers every AUTH with this line, the way Exchange answers `535 5.7.3` without a challenge. */
  rejectAuthWith?: string;
  respond?: FakeSmtpResponder;
}

export interface FakeSmtpSessionInfo {
  ehloName: string | null;
  openingCommand: string | null;
  secure: boolean;
  user: string | null;
}

const TLS_DIR = join(__dirname, '..', 'fixtures', 'tls');

/** A data responder that refuses the first `count` DATA attempts with `line`, then accepts. */
export function failFirst(count: number, line: string): (attempt: FakeDataAttempt) => FakeReplyLine {
  return (attempt) => (attempt.number <= count ? line : undefined);
}

/** A real SMTP server on 127.0.0.1 that records what clients did and answers as scripted. */
export class FakeSmtpServer {
  readonly messages: FakeSmtpMessage[] = [];
  readonly authAttempts: FakeAuthAttempt[] = [];
  /** The envelope of every DATA attempt, refused ones included; `messages` holds only accepted mail. */
  readonly envelopes: FakeEnvelope[] = [];
  readonly errors: Error[] = [];
  dataAttempts = 0;
  private readonly server: SMTPServer;
  private readonly liveSessions: SMTPServerSession[] = [];
  private readonly events = new EventEmitter();
  private listeningPort = 0;

  constructor(private readonly options: FakeSmtpServerOptions = {}) {
    this.server = new SMTPServer(this.serverOptions());
    // smtp-server reports failed client handshakes here; without a listener they would crash the test run.
    this.server.on('error', (error) => this.errors.push(error));
  }

  get port(): number {
    return this.listeningPort;
  }

  get security(): FakeSmtpSecurity {
    return this.options.security ?? 'starttls';
  }

  /** Read live, so a test sees the EHLO name even if the server has not noticed the client leave yet. */
  get sessions(): FakeSmtpSessionInfo[] {
    return this.liveSessions.map((session) => ({
      ehloName: session.hostNameAppearsAs || null,
      openingCommand: session.openingCommand || null,
      secure: Boolean(session.secure),
      user: typeof session.user === 'string' ? session.user : null,
    }));
  }

  get ehloNames(): Array<string | null> {
    return this.sessions.map((session) => session.ehloName);
  }

  async start(): Promise<{ port: number }> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server.server, 'listening');
    this.listeningPort = (this.server.server.address() as AddressInfo).port;
    return { port: this.listeningPort };
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      // close() would otherwise give open sessions 30 s to finish.
      for (const connection of this.server.connections) connection.close();
    });
  }

  /** Resolves once `count` messages were accepted in total; rejects after `timeoutMs` with what arrived. */
  waitForMessages(count: number, timeoutMs = 5000): Promise<FakeSmtpMessage[]> {
    if (this.messages.length >= count) return Promise.resolve(this.messages.slice(0, count));
    return new Promise((resolve, reject) => {
      const onMessage = (): void => {
        if (this.messages.length < count) return;
        clearTimeout(timer);
        this.events.off('message', onMessage);
        resolve(this.messages.slice(0, count));
      };
      const timer = setTimeout(() => {
        this.events.off('message', onMessage);
        reject(new Error(`expected ${count} message(s) within ${timeoutMs} ms, received ${this.messages.length}`));
      }, timeoutMs);
      this.events.on('message', onMessage);
    });
  }

  private serverOptions(): SMTPServerOptions {
    const security = this.security;
    const certificate = this.options.certificate === 'self-signed' ? 'self-signed' : 'server';
    return {
      name: this.options.name ?? 'fake-smtp.test',
      secure: security === 'tls',
      key: readFileSync(join(TLS_DIR, `${certificate}.key`)),
      cert: readFileSync(join(TLS_DIR, `${certificate}.crt`)),
      disabledCommands: security === 'none' ? ['STARTTLS'] : [],
      allowInsecureAuth: security === 'none',
      authMethods: this.options.authMethods ?? ['PLAIN', 'LOGIN', 'XOAUTH2'],
      authOptional: this.options.authOptional ?? false,
      // Scripted reply lines carry their own enhanced status codes and must reach the client unchanged.
      hideENHANCEDSTATUSCODES: true,
      disableReverseLookup: true,
      logger: false,
      onConnect: (session, callback) => {
        this.liveSessions.push(session);
        callback();
      },
      onAuth: (auth, session, callback) => {
        const attempt = this.recordAuth(auth, session);
        Promise.resolve(this.decideAuth(attempt)).then(
          (decision) => {
            if (decision === true) {
              attempt.accepted = true;
              return callback(null, { user: auth.username });
            }
            if (typeof decision === 'string') return callback(replyError(decision));
            // Gmail's behaviour: a refused token gets a 334 challenge, the final 535 follows the client's empty line.
            if (auth.method === 'XOAUTH2') return callback(null, { data: { status: '401', schemes: 'Bearer' } });
            return callback(replyError('535 5.7.8 Authentication credentials invalid'));
          },
          (error: Error) => callback(error),
        );
      },
      onMailFrom: (address, _session, callback) => callback(replyError(this.options.respond?.mailFrom?.(address.address))),
      onRcptTo: (address, _session, callback) => callback(replyError(this.options.respond?.rcptTo?.(address.address))),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => callback(replyError(this.receive(Buffer.concat(chunks), session))));
      },
    };
  }

  private recordAuth(auth: SMTPServerAuthentication, session: SMTPServerSession): FakeAuthAttempt {
    const attempt: FakeAuthAttempt = {
      method: auth.method,
      username: auth.username,
      password: auth.password ?? undefined,
      accessToken: auth.accessToken,
      secure: Boolean(session.secure),
      accepted: false,
    };
    this.authAttempts.push(attempt);
    return attempt;
  }

  private decideAuth(attempt: FakeAuthAttempt): FakeAuthDecision | Promise<FakeAuthDecision> {
    const { rejectAuthWith, authenticate, users, acceptAccessToken } = this.options;
    if (rejectAuthWith) return rejectAuthWith;
    if (authenticate) return authenticate(attempt);
    if (!users && !acceptAccessToken) return true;
    const username = attempt.username ?? '';
    if (attempt.method === 'XOAUTH2') return acceptAccessToken?.(username, attempt.accessToken ?? '') ?? false;
    return users !== undefined && Object.hasOwn(users, username) && users[username] === attempt.password;
  }

  private receive(raw: Buffer, session: SMTPServerSession): FakeReplyLine {
    const envelope: FakeEnvelope = {
      mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      rcptTo: session.envelope.rcptTo.map((recipient) => recipient.address),
    };
    this.dataAttempts += 1;
    this.envelopes.push(envelope);
    const reply = this.options.respond?.data?.({ number: this.dataAttempts, envelope, raw });
    if (replyError(reply)) return reply;
    this.messages.push({
      envelope,
      raw,
      ...splitMessage(raw.toString('utf8')),
      ehloName: session.hostNameAppearsAs || null,
      user: typeof session.user === 'string' ? session.user : null,
      secure: Boolean(session.secure),
    });
    this.events.emit('message');
    return undefined;
  }
}

/** Turns a scripted line into the error smtp-server answers with; success lines and `undefined` give none. */
function replyError(line: FakeReplyLine): (Error & { responseCode: number }) | null {
  if (line === undefined) return null;
  const match = /^([2-5]\d\d)[ -](.*)$/.exec(line);
  if (!match) throw new Error(`not an SMTP reply line: ${JSON.stringify(line)}`);
  const code = Number(match[1]);
  if (code < 400) return null;
  return Object.assign(new Error(match[2]), { responseCode: code });
}

export function splitMessage(text: string): { headers: Record<string, string>; body: string } {
  const end = text.indexOf('\r\n\r\n');
  const head = end === -1 ? text : text.slice(0, end);
  const body = end === -1 ? '' : text.slice(end + 4);
  const headers: Record<string, string> = {};
  // Folded header lines (RFC 5322 §2.2.3) continue the previous field.
  for (const field of head.split(/\r\n(?![ \t])/)) {
    const colon = field.indexOf(':');
    if (colon <= 0) continue;
    const name = field.slice(0, colon).trim().toLowerCase();
    headers[name] ??= field
      .slice(colon + 1)
      .replace(/\r\n[ \t]+/g, ' ')
      .trim();
  }
  return { headers, body };
}
