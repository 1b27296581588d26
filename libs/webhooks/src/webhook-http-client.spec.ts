import { once } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookHttpClient } from './webhook-http-client';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

/** A receiver on loopback whose answer each test chooses; it counts requests and connections. */
class Receiver {
  readonly requests: Array<{ url: string; headers: IncomingMessage['headers']; body: string }> = [];
  connections = 0;
  handler: Handler = (_request, _body, response) => response.end('ok');
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      this.requests.push({ url: request.url!, headers: request.headers, body });
      this.handler(request, body, response);
    });
  });

  async start(): Promise<void> {
    this.server.on('connection', () => this.connections++);
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
  }

  url(path = '/in'): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}

const HEADERS = { 'webhook-id': 'evt-1', 'webhook-timestamp': '1764583200', 'webhook-signature': 'v1,abc' };

describe('WebhookHttpClient', () => {
  let receiver: Receiver;
  let client: WebhookHttpClient;

  beforeEach(async () => {
    receiver = new Receiver();
    await receiver.start();
    client = new WebhookHttpClient({ timeoutMs: 300, allowPrivateHosts: true, socketsPerEndpoint: 2 });
  });
  afterEach(async () => {
    client.close();
    await receiver.stop();
  });

  it('posts the body as JSON with the headers given, and answers the status and the body', async () => {
    receiver.handler = (_request, _body, response) => response.writeHead(202).end('thanks');
    const answer = await client.post('endpoint', receiver.url('/in?x=1'), HEADERS, '{"type":"webhook.test"}');
    expect(answer).toEqual({ statusCode: 202, durationMs: expect.any(Number), response: 'thanks', error: null });
    expect(receiver.requests).toEqual([
      {
        url: '/in?x=1',
        body: '{"type":"webhook.test"}',
        headers: expect.objectContaining({ ...HEADERS, 'content-type': 'application/json', 'content-length': '23' }),
      },
    ]);
  });

  it('reads at most 1 KB of the answer', async () => {
    receiver.handler = (_request, _body, response) => response.writeHead(500).end('é'.repeat(5000));
    const answer = await client.post('endpoint', receiver.url(), HEADERS, '{}');
    expect(answer.statusCode).toBe(500);
    expect(Buffer.byteLength(answer.response!)).toBeLessThanOrEqual(1024);
    expect(answer.response!.startsWith('é'.repeat(500))).toBe(true);
  });

  it('does not follow a redirect', async () => {
    receiver.handler = (request, _body, response) =>
      request.url === '/in' ? response.writeHead(302, { Location: '/elsewhere' }).end() : response.end('followed');
    const answer = await client.post('endpoint', receiver.url(), HEADERS, '{}');
    expect(answer).toMatchObject({ statusCode: 302, error: null });
    expect(receiver.requests.map((request) => request.url)).toEqual(['/in']);
  });

  it('gives up on a receiver that does not answer in time, with the reason', async () => {
    receiver.handler = () => undefined;
    const answer = await client.post('endpoint', receiver.url(), HEADERS, '{}');
    expect(answer).toMatchObject({ statusCode: null, response: null, error: 'no complete answer within 0.3 s' });
    expect(answer.durationMs).toBeGreaterThanOrEqual(290);
  });

  it('keeps the connection to an endpoint open for the next request', async () => {
    await client.post('endpoint', receiver.url(), HEADERS, '{}');
    await client.post('endpoint', receiver.url(), HEADERS, '{}');
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.connections).toBe(1);
  });

  it('says when nothing listens', async () => {
    const gone = new Receiver();
    await gone.start();
    const url = gone.url();
    await gone.stop();
    expect(await client.post('endpoint', url, HEADERS, '{}')).toMatchObject({ statusCode: null, error: 'connection refused' });
  });

  describe('where private hosts are refused', () => {
    beforeEach(() => {
      client.close();
      client = new WebhookHttpClient({ timeoutMs: 300, allowPrivateHosts: false, socketsPerEndpoint: 2 });
    });

    it('refuses a loopback address without connecting', async () => {
      const answer = await client.post('endpoint', receiver.url(), HEADERS, '{}');
      expect(answer).toMatchObject({
        statusCode: null,
        error: 'refused: 127.0.0.1 is a loopback address; webhooks may only reach hosts on the public internet',
      });
      expect(receiver.connections).toBe(0);
    });

    it('refuses a name that resolves to loopback when it connects, without connecting', async () => {
      const answer = await client.post('endpoint', receiver.url().replace('127.0.0.1', 'localhost'), HEADERS, '{}');
      expect(answer.error).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1), which is a loopback address/);
      expect(receiver.connections).toBe(0);
    });
  });
});
