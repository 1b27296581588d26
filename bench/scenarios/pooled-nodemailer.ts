import { createTransport } from 'nodemailer';
import { PLAN } from '../plan';
import { throughput, Throughput } from '../results';
import { nodemailerMessage } from '../support/sample-message';
import { runBounded } from '../support/timing';

/**
 * (a) The ceiling: nodemailer's pool straight to the sink, configured like Mailroom's own pool
 * (connections, messages per connection), with as many sends in flight as a worker runs jobs.
 * The warm-up opens the connections first, as they are open in a running Mailroom.
 */
export async function pooledNodemailer(sinkPort: number): Promise<Throughput> {
  const { messages, warmup, inFlight } = PLAN.pooled;
  const transport = createTransport({
    pool: true,
    host: '127.0.0.1',
    port: sinkPort,
    secure: false,
    ignoreTLS: true,
    name: 'bench.example.com',
    maxConnections: PLAN.pool.maxConnections,
    maxMessages: PLAN.pool.maxMessagesPerConnection,
  });
  try {
    await runBounded(warmup, inFlight, (index) => transport.sendMail(nodemailerMessage(index)));
    const started = performance.now();
    await runBounded(messages, inFlight, (index) => transport.sendMail(nodemailerMessage(index)));
    return throughput(messages, performance.now() - started);
  } finally {
    transport.close();
  }
}
