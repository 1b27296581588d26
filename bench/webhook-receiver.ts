import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookReceiverReply, WebhookReceiverRequest } from './support/webhook-receiver-protocol';

/**
 * The receiver of (g), in its own process so its CPU is not charged to the sender being
 * measured: node:http reading each body whole and answering 200, counting, and nothing else (no
 * signature check: both senders of (g) are measured against the same cheap receiver).
 */
let received = 0;

const reply = (message: WebhookReceiverReply): void => {
  process.send?.(message);
};

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    received += 1;
    response.writeHead(200, { 'content-type': 'text/plain', 'content-length': 2 }).end('ok');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => reply({ type: 'ready', port: (server.address() as AddressInfo).port }));

process.on('message', (request: WebhookReceiverRequest) => {
  if (request.type === 'count') reply({ type: 'count', id: request.id, received });
});

// The bench went away (even by crashing): never outlive it.
process.on('disconnect', () => process.exit(0));
