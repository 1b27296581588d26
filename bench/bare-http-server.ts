import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BareReply, BareRequest } from './support/bare-http-protocol';

/**
 * The floor for (e): plain node:http in its own process, answering each known path with the
 * status, headers and body Mailroom answered for it (the 43-byte pixel, the 302 with its
 * Location), and doing nothing else: no routing framework, no token check, no event.
 */
type Answer = { status: number; headers: Array<[string, string]>; body: Buffer };

const reply = (message: BareReply): void => {
  process.send?.(message);
};

process.once('message', ({ routes }: BareRequest) => {
  const answers = new Map<string, Answer>(
    Object.entries(routes).map(([path, answer]) => [path, { ...answer, body: Buffer.from(answer.body, 'base64') }]),
  );
  const server = createServer((request, response) => {
    const answer = answers.get(request.url ?? '');
    if (!answer) {
      response.statusCode = 404;
      response.end();
      return;
    }
    response.statusCode = answer.status;
    for (const [name, value] of answer.headers) response.setHeader(name, value);
    response.end(answer.body);
  });
  server.listen(0, '127.0.0.1', () => reply({ type: 'ready', port: (server.address() as AddressInfo).port }));
});

// The bench went away (even by crashing): never outlive it.
process.on('disconnect', () => process.exit(0));
