import { PLAN } from '../plan';
import { SENDER } from './sample-message';

/** Where and as whom the scenarios send: a workspace whose send-scoped key posts messages. */
export interface SendTarget {
  baseUrl: string;
  workspaceId: string;
  sendKey: string;
  /** The workspace's first admin key: lists and broadcasts need more than `send`. */
  adminKey: string;
}

export type MailUsage = { transactional: boolean; marketing: boolean };

/** Sends JSON and returns the parsed answer; any other status than `expected` is an error naming the answer. */
async function sendJson<T>(method: 'POST' | 'PATCH', url: string, token: string, body: unknown, expected: number): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== expected)
    throw new Error(`${method} ${url} answered ${response.status} instead of ${expected}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

export function postJson<T>(url: string, token: string, body: unknown, expected: number): Promise<T> {
  return sendJson('POST', url, token, body, expected);
}

/** PATCHes JSON, expecting 200. */
export function patchJson<T>(url: string, token: string, body: unknown): Promise<T> {
  return sendJson('PATCH', url, token, body, 200);
}

/** GETs JSON; any other status than 200 is an error naming the answer. */
export async function getJson<T>(url: string, token: string): Promise<T> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/**
 * Creates, through the public API like a real operator would, a workspace with one integration
 * (no auth, no TLS) pointing at the sink and serving `usage` (transactional mail unless told
 * otherwise), and a send-only key.
 */
export async function provisionWorkspace(
  baseUrl: string,
  adminToken: string,
  sinkPort: number,
  usage: MailUsage = { transactional: true, marketing: false },
): Promise<SendTarget> {
  const workspace = await postJson<{ id: string; apiKey: { key: string } }>(`${baseUrl}/v1/workspaces`, adminToken, { name: 'Bench' }, 201);
  const ws = `${baseUrl}/v1/workspaces/${workspace.id}`;
  await postJson(
    `${ws}/integrations`,
    workspace.apiKey.key,
    {
      name: 'Bench sink',
      host: '127.0.0.1',
      port: sinkPort,
      security: 'none',
      auth: { type: 'none' },
      senders: [SENDER],
      usage,
      maxConnections: PLAN.pool.maxConnections,
    },
    201,
  );
  const sendKey = await postJson<{ key: string }>(`${ws}/api-keys`, workspace.apiKey.key, { name: 'Bench sender', scopes: ['send'] }, 201);
  return { baseUrl, workspaceId: workspace.id, sendKey: sendKey.key, adminKey: workspace.apiKey.key };
}
