import { ImapFlow } from 'imapflow';
import { isIP } from 'node:net';
import { resolveOutboundHost, type SmtpSecurity } from '@app/smtp';

/** How Mailroom logs in to a watched mailbox: a password, or an XOAUTH2 access token from the integration's OAuth2 set-up. */
export type ImapLogin = { user: string; password: string } | { user: string; getAccessToken: () => Promise<string> };

export interface ImapSessionSettings {
  host: string;
  port: number;
  /** tls: implicit TLS (993); starttls: STARTTLS required (143); none: plain. */
  security: SmtpSecurity;
  allowSelfSignedCertificate: boolean;
  login: ImapLogin;
}

export interface ImapSessionOptions {
  /** Off unless the operator allows it: a tenant must not reach internal services. */
  allowPrivateHosts: boolean;
  /** Bound on connecting, the greeting and each command's silence, in milliseconds. */
  timeoutMs: number;
}

/**
 * A logged-in IMAP session. The host passes the outbound host guard first and the socket goes to
 * the address it checked (TLS still checks the certificate against the configured name), so a
 * second DNS answer cannot point the session at an internal service.
 */
export async function openImapSession(settings: ImapSessionSettings, options: ImapSessionOptions): Promise<ImapFlow> {
  const resolved = await resolveOutboundHost(settings.host, { allowPrivateHosts: options.allowPrivateHosts });
  const { login } = settings;
  const auth =
    'password' in login ? { user: login.user, pass: login.password } : { user: login.user, accessToken: await login.getAccessToken() };
  // SNI takes names only; an address literal is checked against the certificate as it is.
  const servername = isIP(resolved.hostname) ? undefined : resolved.hostname;
  const client = new ImapFlow({
    host: resolved.address,
    port: settings.port,
    secure: settings.security === 'tls',
    doSTARTTLS: settings.security === 'starttls' ? true : settings.security === 'none' ? false : undefined,
    servername,
    tls: { servername, rejectUnauthorized: !settings.allowSelfSignedCertificate },
    auth,
    logger: false,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: Math.max(options.timeoutMs, 5 * 60_000),
  });
  // Without a listener an 'error' event (the socket dropped) would throw; callers learn of it through 'close'.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}
