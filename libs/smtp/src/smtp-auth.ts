import { SmtpClientSession, SmtpReply, replyText } from './smtp-client-session';
import { SmtpError } from './smtp-error';

export type SmtpCredentials =
  { mechanism: 'basic'; username: string; password: string } | { mechanism: 'xoauth2'; username: string; accessToken: string };

export interface SmtpAuthOutcome {
  method: 'PLAIN' | 'LOGIN' | 'XOAUTH2';
  reply: SmtpReply;
}

/** The SASL XOAUTH2 initial response (Google and Microsoft use the same format). */
export function xoauth2InitialResponse(username: string, accessToken: string): string {
  return Buffer.from(`user=${username}\x01auth=Bearer ${accessToken}\x01\x01`).toString('base64');
}

/** The AUTH mechanisms a server advertised after EHLO, upper case. */
export function advertisedAuthMethods(capabilities: string[]): string[] {
  const line = capabilities.find((capability) => /^AUTH[ =]/i.test(capability));
  return line ? line.slice(5).trim().toUpperCase().split(/\s+/) : [];
}

/** Authenticates with the best mechanism both sides support; a refusal throws with the server's reply. */
export async function authenticate(
  session: SmtpClientSession,
  capabilities: string[],
  credentials: SmtpCredentials,
): Promise<SmtpAuthOutcome> {
  const offered = advertisedAuthMethods(capabilities);
  const method = chooseMethod(offered, credentials.mechanism);
  if (!method) {
    const wanted = credentials.mechanism === 'xoauth2' ? 'XOAUTH2' : 'PLAIN or LOGIN';
    const has = offered.length ? `it offers ${offered.join(', ')}` : 'it offers no AUTH at all';
    throw new SmtpError('ENOAUTHMETHOD', `the server does not offer ${wanted} authentication (${has})`, 'AUTH');
  }
  const { reply, challenge } = await exchange(session, method, credentials);
  if (reply.code !== 235) {
    const after = challenge === undefined ? '' : ` (after the challenge ${challenge})`;
    throw new SmtpError('EAUTH', `${replyText(reply)}${after}`, `AUTH ${method}`, reply.code, replyText(reply));
  }
  return { method, reply };
}

function chooseMethod(offered: string[], mechanism: SmtpCredentials['mechanism']): SmtpAuthOutcome['method'] | null {
  if (mechanism === 'xoauth2') return offered.includes('XOAUTH2') ? 'XOAUTH2' : null;
  if (offered.includes('PLAIN')) return 'PLAIN';
  return offered.includes('LOGIN') ? 'LOGIN' : null;
}

async function exchange(
  session: SmtpClientSession,
  method: SmtpAuthOutcome['method'],
  credentials: SmtpCredentials,
): Promise<{ reply: SmtpReply; challenge?: string }> {
  const base64 = (text: string): string => Buffer.from(text).toString('base64');
  if (credentials.mechanism === 'xoauth2') {
    const reply = await session.command(`AUTH XOAUTH2 ${xoauth2InitialResponse(credentials.username, credentials.accessToken)}`);
    if (reply.code !== 334) return { reply };
    // Google's way (RFC 7628 §3.2.2): a refused token gets a 334 with a JSON error and the final
    // reply only after the client answers with an empty line. Exchange skips the 334.
    return { challenge: decodeChallenge(reply), reply: await session.command('') };
  }
  if (method === 'PLAIN') {
    return { reply: await session.command(`AUTH PLAIN ${base64(`\0${credentials.username}\0${credentials.password}`)}`) };
  }
  const userPrompt = await session.command('AUTH LOGIN');
  if (userPrompt.code !== 334) return { reply: userPrompt };
  const passwordPrompt = await session.command(base64(credentials.username));
  if (passwordPrompt.code !== 334) return { reply: passwordPrompt };
  return { reply: await session.command(base64(credentials.password)) };
}

function decodeChallenge(reply: SmtpReply): string {
  const payload = reply.lines[reply.lines.length - 1].slice(4).trim();
  return Buffer.from(payload, 'base64').toString('utf8');
}
