import { parse, serialize } from 'cookie';
import type { AppConfig } from '@app/config';

export const SESSION_COOKIE = 'mailroom_session';

/** The session token a Cookie header carries, if any. */
export function sessionTokenOf(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  return parse(cookieHeader)[SESSION_COOKIE] || undefined;
}

/**
 * HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site subrequests), Secure when
 * the dashboard is served over https, for the whole site: the dashboard's pages and /v1 share it.
 */
export function sessionCookie(config: AppConfig, token: string): string {
  return serialize(SESSION_COOKIE, token, { ...attributes(config), maxAge: Math.floor(config.SESSION_MAX_AGE_MS / 1000) });
}

/** Tells the browser to forget the cookie of a session that has ended. */
export function clearedSessionCookie(config: AppConfig): string {
  return serialize(SESSION_COOKIE, '', { ...attributes(config), maxAge: 0 });
}

function attributes(config: AppConfig) {
  return { httpOnly: true, sameSite: 'lax', secure: config.PUBLIC_BASE_URL.startsWith('https:'), path: '/' } as const;
}
