import { SmtpErrorLike } from './smtp-error';
import { SmtpSecurity } from './smtp-connection.types';
import { SmtpProbeStepName } from './smtp-probe.types';

export interface SmtpHintContext {
  /** The probe step that failed; absent for a failure of the sending worker. */
  step?: SmtpProbeStepName;
  host: string;
  port: number;
  security: SmtpSecurity;
  authType: 'none' | 'basic' | 'xoauth2';
  username?: string;
  from?: string;
}

type Failure = SmtpErrorLike & { codes: string[]; text: string };

/** A sentence that tells a person how to fix the failure, or null when Mailroom knows no better than the error itself. */
export function smtpHint(error: SmtpErrorLike, context: SmtpHintContext): string | null {
  const failure: Failure = {
    ...error,
    codes: [error.code, error.originalCode].filter((code): code is string => Boolean(code)),
    text: `${error.response ?? ''} ${error.message ?? ''}`,
  };
  return (
    destinationHint(failure, context) ??
    tlsHint(failure, context) ??
    connectionHint(failure, context) ??
    replyHint(failure, context) ??
    tokenHint(failure, context)
  );
}

function destinationHint(failure: Failure, { host }: SmtpHintContext): string | null {
  if (failure.codes.includes('EHOSTREFUSED')) {
    return (
      `${host} is not on the public internet, and Mailroom refuses such SMTP hosts so that a workspace cannot reach internal services. ` +
      `Use the provider's public host name (e.g. smtp.office365.com); an operator whose relay sits inside the network can set SMTP_ALLOW_PRIVATE_HOSTS=true.`
    );
  }
  if (failure.codes.includes('ENOTFOUND')) {
    return `DNS has no address for ${host}: check the spelling of the host name (Microsoft 365 uses smtp.office365.com, Google smtp.gmail.com).`;
  }
  if (failure.codes.includes('EAI_AGAIN')) {
    return `The DNS lookup of ${host} failed for now; try again, and check the DNS resolver of the Mailroom host if it keeps failing.`;
  }
  return null;
}

function tlsHint(failure: Failure, { host, port, step }: SmtpHintContext): string | null {
  const has = (...codes: string[]): boolean => codes.some((code) => failure.codes.includes(code));
  if (has('DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN')) {
    return (
      `${host} presented a self-signed certificate, which no trusted authority vouches for. Install a certificate from a public ` +
      `authority on the server, or, only if you trust this server and the network to it, allow self-signed certificates for this integration.`
    );
  }
  if (has('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY')) {
    return (
      `The certificate of ${host} does not lead to a trusted authority; usually the server leaves out its intermediate certificate. ` +
      `Configure the server to send the full chain; for a private authority, make Mailroom trust it (NODE_EXTRA_CA_CERTS) or allow self-signed certificates for this integration.`
    );
  }
  if (has('ERR_TLS_CERT_ALTNAME_INVALID')) {
    return `The certificate of the server is not issued for ${host}. Use the host name the certificate names (the provider's documented SMTP host rather than an IP address or an alias).`;
  }
  if (has('CERT_HAS_EXPIRED')) return `The certificate of ${host} has expired; the server's administrator must renew it.`;
  if (has('CERT_NOT_YET_VALID')) return `The certificate of ${host} is not valid yet: check the clocks of the server and of Mailroom.`;
  if (has('ENOSTARTTLS')) {
    return (
      `${host}:${port} does not offer STARTTLS, so the test stopped before anything was sent unencrypted. If the server expects TLS ` +
      `from the first byte (usually port 465), choose security "tls"; choose "none" only for a relay on a network you trust.`
    );
  }
  if (has('ERR_SSL_WRONG_VERSION_NUMBER') || /wrong version number|packet length too long/i.test(failure.text)) {
    return `${host}:${port} speaks plain SMTP before any TLS (usual on ports 587 and 25): choose security "starttls".`;
  }
  if (step === 'tls' && !has('ETIMEDOUT')) {
    return `The TLS handshake with ${host} failed (${failure.message ?? 'no reason given'}). The server may only accept TLS versions or ciphers older than TLS 1.2; ask its administrator to enable TLS 1.2 or later.`;
  }
  return null;
}

function connectionHint(failure: Failure, { host, port, step, security }: SmtpHintContext): string | null {
  const has = (code: string): boolean => failure.codes.includes(code);
  if (has('ECONNREFUSED')) {
    return `${host} refused the connection on port ${port}: nothing accepts SMTP there, or a firewall rejects it. Mail submission uses port 587 (STARTTLS) or 465 (TLS); check the port.`;
  }
  if (has('EHOSTUNREACH') || has('ENETUNREACH')) {
    return `Mailroom has no network route to ${host}: check the host name and the outbound firewall of the Mailroom servers.`;
  }
  if (has('ETIMEDOUT')) {
    if (step === 'connect') {
      return `${host}:${port} did not accept a connection in time: a firewall probably drops outbound traffic to this port (many clouds block port 25; use 587 or 465).`;
    }
    if (step === 'ehlo' && security !== 'tls') {
      return `The connection opened but ${host} did not greet. Port ${port} probably expects TLS from the first byte (usually 465): choose security "tls".`;
    }
    if (step === 'tls') {
      return `TLS did not complete in time. If the server talks plain SMTP first (ports 587 and 25), choose security "starttls"; on port 465 choose "tls".`;
    }
    if (step === 'token')
      return `The identity provider did not answer in time: check that Mailroom can reach it through any proxy or firewall, then try again.`;
    return `${host} stopped answering; try again, and if it keeps happening ask the provider about connection limits.`;
  }
  if ((has('ECONNECTION') || has('ECONNRESET')) && (step === 'connect' || step === 'ehlo')) {
    return `${host} closed the connection before the session began: it may refuse connections from Mailroom's address, or expect TLS from the first byte (choose "tls" for port 465).`;
  }
  return null;
}

function replyHint(failure: Failure, { username, from, authType, host }: SmtpHintContext): string | null {
  const code = failure.responseCode;
  if (code === undefined) return methodHint(failure, authType);
  const text = failure.text;
  const mailbox = username ?? 'the mailbox';
  const google = /gmail|google/i.test(host) || /gsmtp|support\.google\.com/i.test(text);
  if (/\b5\.7\.139\b/.test(text)) {
    return (
      `Microsoft 365 has SMTP AUTH turned off for ${mailbox}, or for the whole tenant through Security Defaults. An Exchange admin turns it on with ` +
      `Set-CASMailbox -Identity ${mailbox} -SmtpClientAuthenticationDisabled $false (tenant-wide: Set-TransportConfig -SmtpClientAuthenticationDisabled $false); ` +
      `with Security Defaults on, SMTP AUTH stays blocked until they are replaced by Conditional Access policies.`
    );
  }
  if (code === 535 && /\b5\.7\.3\b/.test(text)) {
    if (authType === 'xoauth2') {
      return (
        `Microsoft answered 535 5.7.3: the token is valid but gives no right to ${mailbox}. (1) Register the app's service principal in Exchange Online: ` +
        `New-ServicePrincipal -AppId <client id> -ObjectId <object id of the enterprise application>. (2) Give it the mailbox: ` +
        `Add-MailboxPermission -Identity ${mailbox} -User <service principal id> -AccessRights FullAccess (and Add-RecipientPermission … -AccessRights SendAs to send as others). ` +
        `(3) Make the username exactly that mailbox's address. Permission changes can take up to an hour to apply.`
      );
    }
    return `Microsoft refused the password for ${mailbox}: check it; if the account uses MFA or basic SMTP AUTH is switched off, connect with Microsoft OAuth2 instead.`;
  }
  if (google && (code === 534 || code === 535)) {
    return authType === 'xoauth2'
      ? `Google refused the access token for ${mailbox}: the token must belong to exactly this account and carry the scope https://mail.google.com/. Reconnect the integration with that account.`
      : `Google does not accept the account password over SMTP: turn on 2-Step Verification and use an app password (myaccount.google.com/apppasswords), or connect with Google OAuth2.`;
  }
  if (code === 534 || code === 535) {
    return authType === 'xoauth2'
      ? `The server refused the access token for ${mailbox}: the XOAUTH2 user must be the mailbox the token was issued for, and the token needs the provider's SMTP scope.`
      : `The server refused the username or password. Check both (the username is usually the full email address). Gmail needs an app password or OAuth2; Microsoft 365 needs SMTP AUTH enabled for the mailbox, or OAuth2.`;
  }
  if (code === 530 && /STARTTLS/i.test(text)) return `The server wants STARTTLS before this command: choose security "starttls".`;
  if (code === 530 || /\b5\.7\.57\b/.test(text)) {
    return `The server only accepts mail after authentication: configure a username and password, or OAuth2, for this integration.`;
  }
  if (/SendAsDenied|\b5\.7\.60\b/i.test(text)) {
    return (
      `${mailbox} may not send as ${from ?? 'this sender address'}: grant it Send As (Add-RecipientPermission -Identity ${from ?? '<sender>'} ` +
      `-Trustee ${mailbox} -AccessRights SendAs), or send from an address the mailbox owns.`
    );
  }
  if (code >= 550 && /^RCPT/i.test(failure.command ?? ''))
    return `The server refused the recipient: check the address; the mailbox may not exist.`;
  if (code >= 550 && /^MAIL/i.test(failure.command ?? '')) {
    return `The server refused the sender${from ? ` ${from}` : ''}: use an address this account may send from.`;
  }
  if (code >= 400 && code < 500)
    return `The server refused for now (${failure.response ?? code}); it may be busy or limiting this account. Try again later.`;
  return null;
}

function methodHint(failure: Failure, authType: SmtpHintContext['authType']): string | null {
  if (!failure.codes.includes('ENOAUTHMETHOD')) return null;
  return authType === 'xoauth2'
    ? `The server does not offer XOAUTH2: check the host (Microsoft 365: smtp.office365.com, Google: smtp.gmail.com), or use password authentication.`
    : `The server offered no password authentication. Most servers announce AUTH only once the session is encrypted, so choose "starttls" or "tls"; if the server needs no login, choose no authentication.`;
}

// Codes and messages of Microsoft identity platform and Google OAuth token errors.
const TOKEN_HINTS: Array<[RegExp, string]> = [
  [
    /AADSTS7000215/,
    `The client secret is wrong: copy the secret's Value (not its Secret ID) from the app registration in Microsoft Entra.`,
  ],
  [/AADSTS7000222/, `The client secret has expired: create a new one under Certificates & secrets and update the integration.`],
  [
    /AADSTS700016/,
    `No application with this client ID exists in the tenant: check the client ID and the tenant ID, and that the app was consented in this tenant.`,
  ],
  [/invalid_grant/, `The refresh token is no longer valid (expired, revoked, or the password changed): reconnect the integration.`],
  [
    /unauthorized_client/,
    `The identity provider refuses this client for this flow: check that the refresh token was issued to this client ID and that the app is enabled.`,
  ],
  [
    /invalid_scope/,
    `The scope was refused: Microsoft app-only tokens use https://outlook.office365.com/.default, delegated ones https://outlook.office.com/SMTP.Send; Google uses https://mail.google.com/.`,
  ],
];

function tokenHint(failure: Failure, { step }: SmtpHintContext): string | null {
  if (step !== 'token' && !failure.codes.includes('EOAUTH2')) return null;
  const known = TOKEN_HINTS.find(([pattern]) => pattern.test(`${failure.code ?? ''} ${failure.text}`));
  return known ? known[1] : `Mailroom could not obtain an access token: check the OAuth2 settings of the integration and reconnect it.`;
}
