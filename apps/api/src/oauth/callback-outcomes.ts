import type { IntegrationEntity, OAuthProvider } from '@app/database';
import { OAuthTokenError } from '@app/oauth';
import { CallbackOutcome } from './callback-page';

const PROVIDER: Record<OAuthProvider, string> = { google: 'Google', microsoft: 'Microsoft' };
const CONNECT_AGAIN = 'Press "connect" on the integration again.';
const UNCHANGED = 'Nothing was changed.';
// Text the provider put in the redirect is shown (escaped) only when the state was ours, and briefly.
const MAX_PROVIDER_TEXT = 300;

function page(status: number, title: string, message: string, hint?: string): CallbackOutcome {
  return { kind: 'page', status, title, message, hint };
}

/** Provider messages may or may not end with a full stop. */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

function clip(text: string): string {
  return text.length > MAX_PROVIDER_TEXT ? `${text.slice(0, MAX_PROVIDER_TEXT)}…` : text;
}

export function connectedPage(integration: IntegrationEntity): CallbackOutcome {
  const provider = integration.provider ? PROVIDER[integration.provider] : 'the provider';
  return page(200, 'Connected', `The integration "${integration.name}" can now send mail through ${provider}. You can close this window.`);
}

export function invalidStatePage(): CallbackOutcome {
  return page(
    400,
    'This sign-in link is no longer valid',
    `The sign-in expired (after 10 minutes), was already completed, or was not started by Mailroom. ${UNCHANGED}`,
    CONNECT_AGAIN,
  );
}

export function missingCodePage(): CallbackOutcome {
  return page(
    400,
    'No authorization code',
    `The provider sent the browser back without an authorization code. ${UNCHANGED}`,
    CONNECT_AGAIN,
  );
}

/** The provider redirected back with `error` instead of a code (RFC 6749 §4.1.2.1). */
export function providerErrorPage(error: string, description: string | undefined, redirectUri: string): CallbackOutcome {
  const said = description ? ` The provider said: "${clip(description)}"` : '';
  if (error === 'access_denied') {
    return page(
      403,
      'Consent was refused',
      `Access was refused on the consent screen: it was cancelled, or the account or its administrator did not allow Mailroom to send mail. ${UNCHANGED}${said}`,
      'Press "connect" again and accept the requested permission; in a company directory an administrator may have to grant consent to the app first.',
    );
  }
  return page(
    400,
    'The provider returned an error',
    `The sign-in failed with "${clip(error)}". ${UNCHANGED}${said}`,
    `${CONNECT_AGAIN} If it keeps failing, check the app registration: its redirect URI must be exactly ${redirectUri}.`,
  );
}

export function integrationGonePage(): CallbackOutcome {
  return page(404, 'Integration not found', 'The integration this sign-in was started for no longer exists. Nothing was stored.');
}

export function notConnectablePage(reason: string): CallbackOutcome {
  return page(409, 'This integration cannot be connected', `${reason}. Nothing was stored.`);
}

export function changedMeanwhilePage(): CallbackOutcome {
  return page(
    409,
    'The integration changed during sign-in',
    'Its OAuth settings were edited while you were signing in, so the new refresh token was not stored.',
    CONNECT_AGAIN,
  );
}

/** The code exchange failed; the error's message and hint are already free of secrets. */
export function exchangeFailedPage(error: OAuthTokenError): CallbackOutcome {
  const provider = PROVIDER[error.provider];
  if (error.code === 'missing_refresh_token') {
    return page(
      400,
      'No refresh token received',
      `${provider} signed you in but returned no refresh token, so Mailroom has nothing to send mail with. ` +
        `Revoke the app's access to your account, then press "connect" again and give consent.`,
      error.hint,
    );
  }
  if (error.code === 'invalid_grant') {
    return page(
      400,
      'Sign-in could not be completed',
      `${sentence(error.message)} The authorization code expired or was already used. ${UNCHANGED}`,
      CONNECT_AGAIN,
    );
  }
  return page(502, 'Sign-in could not be completed', `${sentence(error.message)} ${UNCHANGED}`, error.hint);
}
