import { createTransport } from 'nodemailer';
import { PLAN } from '../plan';
import { throughput, Throughput } from '../results';
import { nodemailerMessage } from '../support/sample-message';
import { runBounded } from '../support/timing';

/**
 * (b) The naive sender: a fresh SMTP connection per message (connect, wait for the greeting,
 * EHLO, send, QUIT), a few in flight. This is what a queue worker without pooling does.
 */
export async function unpooledSender(sinkPort: number): Promise<Throughput> {
  const { messages, inFlight } = PLAN.unpooled;
  // Without `pool`, nodemailer opens and closes one connection for every sendMail.
  const transport = createTransport({ host: '127.0.0.1', port: sinkPort, secure: false, ignoreTLS: true, name: 'bench.example.com' });
  const started = performance.now();
  await runBounded(messages, inFlight, (index) => transport.sendMail(nodemailerMessage(index)));
  return throughput(messages, performance.now() - started);
}
