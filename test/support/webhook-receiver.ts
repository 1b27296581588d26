import { once } from 'node:events';
import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request as the receiver got it, and whether `standardwebhooks` verified it with the secret it held. */
export interface ReceivedWebhook {
  id: string;
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  body: string;
  verified: boolean;
  /** Why verification failed, when it did. */
  verification: string | null;
  receivedAt: number;
}

/** What the receiver does with a request: answer with a status (and body), or never answer. */
export type ReceiverAnswer = { status: number; body?: string } | 'hang';

interface Waiter {
  done: () => boolean;
  resolve: () => void;
}

/**
 * A webhook receiver on loopback, as a customer would write one: it verifies every request with
 * the `standardwebhooks` package and the endpoint's secret, then answers as the test says.
 * Tests await what it received instead of sleeping.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** Requests held open by a `hang` answer. */
  readonly hanging: ServerResponse[] = [];
  secret: string | undefined;
  answer: (webhook: ReceivedWebhook, index: number) => ReceiverAnswer = () => ({ status: 200, body: 'ok' });
  private readonly server: Server;
  private readonly waiters = new Set<Waiter>();

  constructor() {
    this.server = createServer((request, response) => this.handle(request, response));
  }

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    receiver.server.listen(0, '127.0.0.1');
    await once(receiver.server, 'listening');
    return receiver;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(path = '/webhooks'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  ofType(type: string): ReceivedWebhook[] {
    return this.received.filter((webhook) => webhook.type === type);
  }

  /** Resolves once `done` holds for what was received (checked after every request), or fails after `timeoutMs`. */
  waitUntil(what: string, done: (received: ReceivedWebhook[]) => boolean, timeoutMs = 15_000): Promise<void> {
    if (done(this.received)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`${what}: not within ${timeoutMs} ms; received ${JSON.stringify(this.received.map((w) => [w.type, w.id]))}`));
      }, timeoutMs);
      const waiter: Waiter = {
        done: () => done(this.received),
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.add(waiter);
    });
  }

  /** Waits for `count` requests of `type` and answers them. */
  async waitFor(type: string, count = 1, timeoutMs?: number): Promise<ReceivedWebhook[]> {
    await this.waitUntil(`${count} × ${type}`, () => this.ofType(type).length >= count, timeoutMs);
    return this.ofType(type);
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const webhook = this.record(request.headers, body);
      const answer = this.answer(webhook, this.received.length - 1);
      if (answer === 'hang') this.hanging.push(response);
      else response.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body ?? '');
      for (const waiter of [...this.waiters]) {
        if (!waiter.done()) continue;
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    });
  }

  private record(headers: IncomingHttpHeaders, body: string): ReceivedWebhook {
    let verification: string | null = 'no secret set';
    if (this.secret) {
      try {
        new Webhook(this.secret).verify(body, headers as Record<string, string>);
        verification = null;
      } catch (error) {
        verification = (error as Error).message;
      }
    }
    const parsed = JSON.parse(body) as { type: string; timestamp: string; data: Record<string, unknown> };
    const webhook: ReceivedWebhook = {
      id: String(headers['webhook-id']),
      type: parsed.type,
      timestamp: parsed.timestamp,
      data: parsed.data,
      headers,
      body,
      verified: verification === null,
      verification,
      receivedAt: Date.now(),
    };
    this.received.push(webhook);
    return webhook;
  }
}
