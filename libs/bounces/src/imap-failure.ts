import type { ReadonlyIntegration } from '@app/integrations';
import { OutboundHostRefusedError } from '@app/smtp';

/** What went wrong with a watched mailbox, in the server's words, and what to do about it. */
export interface ImapFailure {
  /** The login was refused: only new credentials (or a new consent) help. */
  authentication: boolean;
  message: string;
  hint: string | null;
}

interface ImapErrorShape {
  message?: string;
  code?: string;
  authenticationFailed?: boolean;
  responseText?: string;
  serverResponseCode?: string;
}

const MICROSOFT_APP_ONLY_HINT =
  'Microsoft refused the app-only token for IMAP. In Entra, add the application permission IMAP.AccessAsApp ' +
  '(Office 365 Exchange Online) and grant admin consent; in Exchange Online PowerShell, register the Enterprise ' +
  "Application's object id with New-ServicePrincipal and run Add-MailboxPermission -Identity <mailbox> -User <service principal id> -AccessRights FullAccess.";
const MICROSOFT_DELEGATED_HINT =
  'Microsoft refused the token for IMAP: the consent must include IMAP.AccessAsUser.All. Add that delegated permission ' +
  'to the app registration, then press Connect again so the refresh token covers it.';
const IMAP_DISABLED_HINT =
  'The mailbox signed in but may not use IMAP: enable it (Exchange Online: Set-CASMailbox -Identity <mailbox> -ImapEnabled $true; ' +
  'Gmail: Settings → Forwarding and POP/IMAP → Enable IMAP).';
const GOOGLE_HINT =
  'Google refused the login for IMAP: the refresh token must carry the https://mail.google.com/ scope (press Connect again), ' +
  'and IMAP must be on for the account.';

/** Turns an error from connecting to, logging in to or reading a mailbox into its status, never repeating a secret. */
export function describeImapFailure(error: unknown, integration: ReadonlyIntegration, secrets: string[] = []): ImapFailure {
  const shape = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ImapErrorShape;
  const said = [shape.message, shape.responseText].filter((text, index, all) => text && all.indexOf(text) === index).join(': ');
  const message = secrets.reduce((text, secret) => (secret ? text.split(secret).join('***') : text), said || 'unknown error');
  const authentication = shape.authenticationFailed === true || shape.serverResponseCode === 'AUTHENTICATIONFAILED';
  return { authentication, message, hint: hintFor(error, shape, message, integration, authentication) };
}

function hintFor(
  error: unknown,
  shape: ImapErrorShape,
  message: string,
  integration: ReadonlyIntegration,
  authentication: boolean,
): string | null {
  if (error instanceof OutboundHostRefusedError) return "Bounce processing reaches public hosts only: give the IMAP server's public name.";
  if (/not connected|imap.*disabled|disabled.*imap|IMAP access is disabled/i.test(message)) return IMAP_DISABLED_HINT;
  const sameLogin = integration.bouncesAuthType === 'same';
  if (authentication && sameLogin && integration.authType === 'oauth2') {
    if (integration.provider === 'google') return GOOGLE_HINT;
    return integration.flow === 'client_credentials' ? MICROSOFT_APP_ONLY_HINT : MICROSOFT_DELEGATED_HINT;
  }
  if (authentication) return 'The IMAP server refused the login: check the username and password of the watched mailbox.';
  if (shape.code === 'ENOTFOUND') return 'The IMAP host name does not resolve: check bounces.host.';
  if (shape.code === 'ECONNREFUSED' || shape.code === 'ETIMEDOUT' || shape.code === 'NoConnection') {
    return 'Could not reach the IMAP server: check bounces.host and bounces.port (993 for tls, 143 for starttls) and any firewall.';
  }
  if (/certificate|self.signed|CERT_/i.test(`${message} ${shape.code ?? ''}`)) {
    return "The IMAP server's certificate is not trusted for this name: fix the certificate, or allow self-signed certificates on the integration.";
  }
  if (/nonexistent|doesn't exist|does not exist|NONEXISTENT/i.test(`${message} ${shape.serverResponseCode ?? ''}`)) {
    return 'The folder to watch does not exist in this mailbox: check bounces.folder ("/" separates levels).';
  }
  return null;
}
