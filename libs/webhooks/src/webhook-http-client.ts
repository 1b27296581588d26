import { Agent as HttpAgent, ClientRequest, IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { LRUCache } from 'lru-cache';
import { resolveOutboundHost } from '@app/smtp';
import { bareHostname, refusedLiteral, WebhookHostRefusedError } from './webhook-url';

/** What one POST got: a status and the start of the body, or why there was no answer. */
export interface WebhookAnswer {
  statusCode: number | null;
  durationMs: number;
  /** At most RESPONSE_EXCERPT_BYTES of the body, as UTF-8. */
  response: string | null;
  error: string | null;
}

export interface WebhookHttpOptions {
  timeoutMs: number;
  allowPrivateHosts: boolean;
  /** Connections kept open to one endpoint. */
  socketsPerEndpoint: number;
}

export const RESPONSE_EXCERPT_BYTES = 1024;
const USER_AGENT = 'Mailroom-Webhooks/1.0 (+https://www.standardwebhooks.com)';
const AGENTS_KEPT = 1000;

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

class TimeoutError extends Error {}

/**
 * POSTs webhooks: keep-alive connections per endpoint, a deadline for the whole exchange, no
 * redirect followed (node:http follows none), and only the first kilobyte of a response read.
 * Every connection resolves its host through the outbound host guard and connects to the address
 * that was checked, so no second DNS answer can point it inside (DNS rebinding).
 */
export class WebhookHttpClient {
  private readonly agents = new LRUCache<string, HttpAgent>({ max: AGENTS_KEPT, dispose: (agent) => agent.destroy() });
  private readonly lookup: (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

  constructor(private readonly options: WebhookHttpOptions) {
    this.lookup = (hostname, lookupOptions, callback) => {
      resolveOutboundHost(hostname, { allowPrivateHosts: options.allowPrivateHosts }).then(
        ({ address, family }) => (lookupOptions.all ? callback(null, [{ address, family }]) : callback(null, address, family)),
        (error: NodeJS.ErrnoException & { kind?: string; address?: string }) =>
          callback(error.code === 'EHOSTREFUSED' ? new WebhookHostRefusedError(hostname, error.address!, error.kind!) : error, ''),
      );
    };
  }

  /** Never rejects: a failure is an answer without a status. `endpointKey` keeps each endpoint's connections apart. */
  async post(endpointKey: string, url: string, headers: Record<string, string>, body: string): Promise<WebhookAnswer> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const target = new URL(url);
    const refused = this.options.allowPrivateHosts ? null : refusedLiteral(target);
    if (refused) return { statusCode: null, durationMs: 0, response: null, error: `refused: ${refused.message}` };
    const deadline = started + this.options.timeoutMs;
    try {
      const answer = await this.exchange(endpointKey, target, headers, body, deadline).catch((error: unknown) => {
        // A kept-alive connection the server closed just as it was reused: once more on a new one (Node's advice for reusedSocket).
        if ((error as { reused?: boolean }).reused && performance.now() < deadline) {
          return this.exchange(endpointKey, target, headers, body, deadline);
        }
        throw error;
      });
      return { ...answer, durationMs: elapsed(), error: null };
    } catch (error) {
      return { statusCode: null, durationMs: elapsed(), response: null, error: this.describe(error) };
    }
  }

  close(): void {
    this.agents.clear();
  }

  private exchange(
    endpointKey: string,
    target: URL,
    headers: Record<string, string>,
    body: string,
    deadline: number,
  ): Promise<{ statusCode: number; response: string }> {
    const secure = target.protocol === 'https:';
    const payload = Buffer.from(body, 'utf8');
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (error: Error | null, answer?: { statusCode: number; response: string }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (!error) return resolve(answer!);
        reject(Object.assign(error, { reused: request.reusedSocket && !(error instanceof TimeoutError) }));
      };
      const request: ClientRequest = (secure ? httpsRequest : httpRequest)({
        agent: this.agent(endpointKey, target),
        method: 'POST',
        protocol: target.protocol,
        hostname: bareHostname(target),
        port: target.port || (secure ? 443 : 80),
        path: `${target.pathname}${target.search}`,
        lookup: this.lookup,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': payload.length,
          'user-agent': USER_AGENT,
        },
      });
      // The deadline covers the whole exchange, the body of the answer included.
      const timer = setTimeout(
        () => {
          settle(new TimeoutError());
          request.destroy();
        },
        Math.max(0, deadline - performance.now()),
      );
      request.on('error', (error) => settle(error));
      request.once('response', (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let length = 0;
        const answer = () => {
          const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
          settle(null, { statusCode: response.statusCode ?? 0, response: excerpt });
        };
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          length += chunk.length;
          // The rest is never read: the connection is dropped instead of kept.
          if (length >= RESPONSE_EXCERPT_BYTES) {
            answer();
            response.destroy();
          }
        });
        response.once('end', answer);
        // Cut off mid-body by the receiver: its status and what came of the body still count.
        response.on('error', () => answer());
      });
      request.end(payload);
    });
  }

  private agent(endpointKey: string, target: URL): HttpAgent {
    const key = `${endpointKey} ${target.origin}`;
    let agent = this.agents.get(key);
    if (!agent) {
      const options = { keepAlive: true, maxSockets: this.options.socketsPerEndpoint, scheduling: 'lifo' as const };
      agent = target.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options);
      this.agents.set(key, agent);
    }
    return agent;
  }

  /** The reason in words, for the delivery log: never the request, whose headers hold the signatures. */
  private describe(error: unknown): string {
    if (error instanceof TimeoutError) return `no complete answer within ${this.options.timeoutMs / 1000} s`;
    if (error instanceof WebhookHostRefusedError) return `refused: ${error.message}`;
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ECONNREFUSED') return 'connection refused';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found in DNS';
    if (code === 'ECONNRESET') return 'connection reset by the receiver';
    return code ? `${code}: ${message}` : message;
  }
}
