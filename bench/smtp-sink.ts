import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SinkReply, SinkRequest } from './support/sink-protocol';

/**
 * The SMTP server every scenario sends to, in its own process so its CPU is not charged to the
 * sender being measured. It accepts anything (no TLS, no AUTH), answers 250 and counts.
 * smtp-server waits ~100 ms before its greeting: that is what makes one-connection-per-message slow.
 * It keeps the last few messages whole, so the bench can read what Mailroom really sent.
 */
const RECENT_KEPT = 20;
let received = 0;
const recent: string[] = [];

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  disableReverseLookup: true,
  logger: false,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      received += 1;
      recent.push(Buffer.concat(chunks).toString('utf8'));
      if (recent.length > RECENT_KEPT) recent.shift();
      callback();
    });
  },
});

const reply = (message: SinkReply): void => {
  process.send?.(message);
};

// A client dropping its connection is reported here; it must not end the sink.
server.on('error', () => undefined);

server.listen(0, '127.0.0.1', () => reply({ type: 'ready', port: (server.server.address() as AddressInfo).port }));

process.on('message', (request: SinkRequest) => {
  if (request.type === 'count') reply({ type: 'count', id: request.id, received });
  if (request.type === 'recent') reply({ type: 'recent', id: request.id, messages: [...recent] });
});

// The bench went away (even by crashing): never outlive it.
process.on('disconnect', () => process.exit(0));
