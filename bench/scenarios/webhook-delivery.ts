import { Agent, request } from 'node:http';
import { PLAN } from '../plan';
import { DeliveryThroughput, Throughput, throughput } from '../results';
import type { BenchDeployment } from '../support/bench-deployment';
import type { HistoryProbe } from '../support/history-probe';
import { postJson, SendTarget } from '../support/mailroom-client';
import type { SinkProcess } from '../support/sink-process';
import { pollUntil, runBounded } from '../support/timing';
import { WebhookProbe } from '../support/webhook-probe';
import { WebhookReceiverProcess } from '../support/webhook-receiver-process';
import { deliver, mailroomDelivery } from './mailroom-delivery';

export interface WebhookDelivery {
  /** (w1) (c) again, with an endpoint taking every message.sent, delivered meanwhile. */
  mailWithWebhooks: DeliveryThroughput;
  /** (w2) The same bodies posted by a bare node:http loop with the same requests in flight. */
  bare: Throughput;
  /** (w2) The outbox drained by Mailroom's worker: signed, posted, and each attempt recorded. */
  mailroom: Throughput;
}

const POLL_INTERVAL_MS = 20;

/**
 * (w) Webhooks in the running Mailroom (API and worker in one process, as in (c)). First (c)
 * once more with a webhook endpoint on message.sent, to see what delivering webhooks beside the
 * mail costs the mail. Then `events` message.sent webhooks are made with the webhook queue held
 * (so they wait in the outbox), the same bodies are posted by a bare loop, and the queue is let
 * go: the clock runs until the receiver has every one and Postgres shows every one delivered.
 */
export async function webhookDelivery(
  target: SendTarget,
  sink: SinkProcess,
  history: HistoryProbe,
  deployment: BenchDeployment,
): Promise<WebhookDelivery> {
  const { events, timeoutMs } = PLAN.webhooks;
  const receiver = await WebhookReceiverProcess.start();
  const probe = await WebhookProbe.connect(deployment);
  const webhooks = `${target.baseUrl}/v1/workspaces/${target.workspaceId}/webhooks`;
  const endpoint = await postJson<{ id: string }>(webhooks, target.adminKey, { url: receiver.url, events: ['message.sent'] }, 201);
  try {
    const mailWithWebhooks = await mailroomDelivery(target, sink, history);
    const drained = async () => (await probe.deliveries(endpoint.id)).pending === 0;
    await pollUntil(drained, { what: 'the webhooks of (w1)', timeoutMs, intervalMs: POLL_INTERVAL_MS });

    await probe.pauseDeliveries();
    await deliver(target, sink, history, events);
    const bodies = await probe.pendingBodies(endpoint.id);
    if (bodies.length !== events) throw new Error(`${bodies.length} webhooks waiting in the outbox instead of ${events}`);
    const bare = await bareLoop(receiver.url, bodies);

    const [receivedBefore, { delivered: deliveredBefore }] = await Promise.all([receiver.received(), probe.deliveries(endpoint.id)]);
    const started = performance.now();
    await probe.resumeDeliveries();
    // Postgres is asked only once the receiver has them all, so its count does not load the worker measured.
    await pollUntil(
      async () =>
        (await receiver.received()) - receivedBefore >= events &&
        (await probe.deliveries(endpoint.id)).delivered - deliveredBefore >= events,
      { what: `delivery of ${events} webhooks`, timeoutMs, intervalMs: POLL_INTERVAL_MS },
    );
    const mailroom = throughput(events, performance.now() - started);
    return { mailWithWebhooks, bare, mailroom };
  } finally {
    // What comes after (d, e) measures a workspace without webhooks, as before.
    await fetch(`${webhooks}/${endpoint.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${target.adminKey}` } });
    await probe.resumeDeliveries().catch(() => undefined);
    await probe.close();
    await receiver.stop();
  }
}

/** The floor: node:http posting each body over kept-alive connections, as many in flight as Mailroom allows one endpoint. */
async function bareLoop(url: string, bodies: string[]): Promise<Throughput> {
  const { concurrency, warmup } = PLAN.webhooks;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const post = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const payload = Buffer.from(body);
      const posted = request(url, {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': payload.length },
      });
      posted.on('response', (response) => {
        response.resume();
        response.on('end', () =>
          response.statusCode === 200 ? resolve() : reject(new Error(`the receiver answered ${response.statusCode}`)),
        );
      });
      posted.on('error', reject);
      posted.end(payload);
    });
  try {
    await runBounded(warmup, concurrency, (index) => post(bodies[index % bodies.length]!));
    const started = performance.now();
    await runBounded(bodies.length, concurrency, (index) => post(bodies[index]!));
    return throughput(bodies.length, performance.now() - started);
  } finally {
    agent.destroy();
  }
}
