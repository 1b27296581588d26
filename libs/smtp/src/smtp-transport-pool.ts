import { OnApplicationShutdown } from '@nestjs/common';
import { isIP } from 'node:net';
import { createTransport, SendMailOptions } from 'nodemailer';
import type { SMTPPoolOptions, SMTPPoolSentMessageInfo } from 'nodemailer/lib/smtp-pool';
import { resolveOutboundHost } from './outbound-host-guard';
import { MAX_SMTP_REPLY_BYTES } from './smtp-reply-reader';
import type { SmtpAuth, SmtpSecurity } from './smtp-connection.types';

export interface PooledEndpoint {
  host: string;
  port: number;
  security: SmtpSecurity;
  ehloHostname: string;
  allowSelfSignedCertificate: boolean;
  maxConnections: number;
  allowPrivateHosts: boolean;
}

export interface PooledTransport {
  sendMail(message: SendMailOptions): Promise<SMTPPoolSentMessageInfo>;
  close(): void;
}

interface Entry {
  version: string;
  ready: Promise<PooledTransport>;
  lastUsed: number;
}

const SWEEP_EVERY_MS = 30_000;

/**
 * One pooled nodemailer transport per integration, shared by every delivery in this process.
 * `version` identifies the settings it was built from: a changed integration gets a new pool,
 * and pools left idle are closed. The host is resolved and checked once per pool, and the pool
 * connects to exactly that address (the name is kept for TLS), so DNS cannot be swapped later.
 */
export class SmtpTransportPool implements OnApplicationShutdown {
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper = setInterval(() => this.closeIdle(), SWEEP_EVERY_MS).unref();

  /** `idleMs`: a pool unused this long is closed. */
  constructor(private readonly idleMs: number) {}

  get(id: string, version: string, endpoint: PooledEndpoint, auth: SmtpAuth): Promise<PooledTransport> {
    const existing = this.entries.get(id);
    if (existing && existing.version === version) {
      existing.lastUsed = Date.now();
      return existing.ready;
    }
    if (existing) this.discard(id);
    const entry = this.build(version, endpoint, auth);
    this.entries.set(id, entry);
    entry.ready.catch(() => this.entries.get(id) === entry && this.entries.delete(id));
    return entry.ready;
  }

  /** Closes the pool (e.g. its connections authenticated with a token the server now refuses). */
  discard(id: string): void {
    const entry = this.entries.get(id);
    this.entries.delete(id);
    entry?.ready.then(
      (transport) => transport.close(),
      () => undefined,
    );
  }

  private build(version: string, endpoint: PooledEndpoint, auth: SmtpAuth): Entry {
    const ready = resolveOutboundHost(endpoint.host, { allowPrivateHosts: endpoint.allowPrivateHosts }).then((resolved): PooledTransport =>
      createTransport(this.options(endpoint, resolved.address, auth)),
    );
    return { version, ready, lastUsed: Date.now() };
  }

  private options(endpoint: PooledEndpoint, address: string, auth: SmtpAuth): SMTPPoolOptions & { pool: true } {
    return {
      pool: true,
      host: address,
      port: endpoint.port,
      secure: endpoint.security === 'tls',
      requireTLS: endpoint.security === 'starttls',
      ignoreTLS: endpoint.security === 'none',
      name: endpoint.ehloHostname,
      maxConnections: endpoint.maxConnections,
      maxMessages: 1000,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 60_000,
      // nodemailer's default is 1 MB per reply; a tenant's server gets no more room here than in the probe.
      maxResponseSize: MAX_SMTP_REPLY_BYTES,
      // SNI and the certificate check use the configured name, not the address connected to (RFC 6066 forbids IPs in SNI).
      tls: { servername: isIP(endpoint.host) ? undefined : endpoint.host, rejectUnauthorized: !endpoint.allowSelfSignedCertificate },
      auth: transportAuth(auth),
    };
  }

  private closeIdle(): void {
    const cutoff = Date.now() - this.idleMs;
    for (const [id, entry] of this.entries) if (entry.lastUsed < cutoff) this.discard(id);
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
    for (const id of [...this.entries.keys()]) this.discard(id);
  }
}

function transportAuth(auth: SmtpAuth): SMTPPoolOptions['auth'] {
  switch (auth.type) {
    case 'none':
      return undefined;
    case 'basic':
      return { user: auth.username, pass: auth.password };
    case 'xoauth2':
      // nodemailer asks each pooled connection's token through this callback; the token itself
      // comes from the deployment-wide cache behind getAccessToken.
      return {
        type: 'OAuth2',
        user: auth.username,
        provisionCallback: (_user: string, _renew: boolean, callback: (error: Error | null, token?: string) => void) => {
          auth.getAccessToken().then(
            (token) => callback(null, token),
            (error: Error) => callback(error),
          );
        },
      } as SMTPPoolOptions['auth'];
  }
}
