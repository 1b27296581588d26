import { createHash } from 'node:crypto';
import { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { Server as HttpsServer } from 'node:https';
import { AddressInfo } from 'node:net';

/** Listens on a free loopback port and answers the base URL to reach it at. */
export async function listenOnLoopback(server: HttpServer | HttpsServer, scheme: 'http' | 'https'): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function closeServer(server: HttpServer | HttpsServer): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Token requests are application/x-www-form-urlencoded (RFC 6749 §4.1.3). */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** The owner and reach of an access token a fake issued, as its introspection endpoint tells them. */
export interface IntrospectedToken {
  clientId: string;
  scope: string;
  /** The mailbox the token opens; RFC 7662 calls the resource owner `username`. */
  mailbox?: string;
}

/**
 * An RFC 7662 introspection answer, the shape Dovecot's oauth2 passdb reads: `active` and the owner
 * for a token in force, nothing but `active: false` for any other (§2.2), with status 200 either way.
 */
export function sendIntrospection(res: ServerResponse, token: IntrospectedToken | undefined): void {
  if (!token) return sendJson(res, 200, { active: false });
  sendJson(res, 200, { active: true, client_id: token.clientId, scope: token.scope, token_type: 'Bearer', username: token.mailbox });
}

/** PKCE with S256: the challenge is BASE64URL(SHA256(verifier)) (RFC 7636 §4.6). */
export function matchesCodeChallenge(verifier: string, codeChallenge: string): boolean {
  return createHash('sha256').update(verifier).digest('base64url') === codeChallenge;
}
