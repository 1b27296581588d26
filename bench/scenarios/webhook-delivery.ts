import { Agent, request } from 'node:http';
import { PLAN } from '../plan';
import { DeliveryThroughput, Throughput, throughput } from '../results';
import type { BenchDeployment } from '../support/bench-deployment';
import type { HistoryProbe } from '../support/history-probe';
import { patchJson, postJson, SendTarget } from '../support/mailroom-client';
import { cpuPerMessage, CpuPerMessage, CpuSample, ProcessCpu } from '../support/process-cpu';
import type { SinkProcess } from '../support/sink-process';
import { pollUntil, runBounded } from '../support/timing';
import { WebhookProbe } from '../support/webhook-probe';
import { WebhookReceiverProcess } from '../support/webhook-receiver-process';
import { deliver } from './mailroom-delivery';

export interface WebhookDelivery {
  /** (w1) (c) in turns with the next: the totals of its runs without an endpoint. */
  mailWithout: DeliveryThroughput;
  /** (w1) The totals of its runs with an endpoint taking every message.sent, delivered meanwhile. */
  mailWithWebhooks: DeliveryThroughput;
  /** (w2) The same bodies posted by a bare node:http loop with the same requests in flight. */
  bare: Throughput;
  /** (w2) The outbox drained by Mailroom's worker: signed, posted, and each attempt recorded. */
  mailroom: Throughput;
  /** CPU per message of (w1)'s runs without and with the endpoint, and per webhook of (w2)'s drain. */
  cpu: { without: CpuPerMessage; withWebhooks: CpuPerMessage; perWebhook: CpuPerMessage };
}

const POLL_INTERVAL_MS = 20;

/** Runs added up: every message over every second. */
function total(runs: DeliveryThroughput[]): DeliveryThroughput {
  const messages = runs.reduce((sum, run) => sum + run.messages, 0);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  return { ...throughput(messages, seconds * 1000), acceptSeconds: runs.reduce((sum, run) => sum + run.acceptSeconds, 0) };
}

/**
 * (w) Webhooks in the running Mailroom (API and worker in one process, as in (c)). First (w1):
 * (c)'s delivery again, in turns without and with a webhook endpoint on message.sent (the one
 * going first alternating, as this machine's speed drifts between runs), to see what delivering
 * webhooks beside the mail costs the mail, and the CPU of each process per message. Then (w2):
 * `events` message.sent webhooks are made with the webhook queue held (so they wait in the
 * outbox), the same bodies are posted by a bare loop, and the queue is let go: the clock runs
 * until the receiver has every one and Postgres shows every one delivered.
 */
export async function webhookDelivery(
  target: SendTarget,
  sink: SinkProcess,
  history: HistoryProbe,
  deployment: BenchDeployment,
  mailroomPid: number,
): Promise<WebhookDelivery> {
  const { turns, events, timeoutMs } = PLAN.webhooks;
  const receiver = await WebhookReceiverProcess.start();
  const probe = await WebhookProbe.connect(deployment);
  const cpu = await ProcessCpu.of({ mailroom: mailroomPid, sink: sink.pid, receiver: receiver.pid }, await probe.backendPid());
  const webhooks = `${target.baseUrl}/v1/workspaces/${target.workspaceId}/webhooks`;
  const endpoint = await postJson<{ id: string }>(webhooks, target.adminKey, { url: receiver.url, events: ['message.sent'] }, 201);
  const enable = (enabled: boolean) => patchJson(`${webhooks}/${endpoint.id}`, target.adminKey, { enabled });
  const drained = async () => (await probe.deliveries(endpoint.id)).pending === 0;
  try {
    const runs = { without: [] as DeliveryThroughput[], withWebhooks: [] as DeliveryThroughput[] };
    const spent = { without: [] as Array<[CpuSample, CpuSample]>, withWebhooks: [] as Array<[CpuSample, CpuSample]> };
    const run = async (withWebhooks: boolean) => {
      await enable(withWebhooks);
      const before = await cpu.sample();
      const delivered = await deliver(target, sink, history, PLAN.delivery.messages);
      const after = await cpu.sample();
      // The next run starts with no webhook left to deliver.
      await pollUntil(drained, { what: 'the webhooks of (w1)', timeoutMs, intervalMs: POLL_INTERVAL_MS });
      const kind = withWebhooks ? 'withWebhooks' : 'without';
      runs[kind].push(delivered);
      spent[kind].push([before, after]);
    };
    for (let turn = 0; turn < turns; turn++) {
      const withFirst = turn % 2 === 1;
      await run(withFirst);
      await run(!withFirst);
    }

    await probe.pauseDeliveries();
    await deliver(target, sink, history, events);
    const bodies = await probe.pendingBodies(endpoint.id);
    if (bodies.length !== events) throw new Error(`${bodies.length} webhooks waiting in the outbox instead of ${events}`);
    const bare = await bareLoop(receiver.url, bodies);

    const [receivedBefore, { delivered: deliveredBefore }] = await Promise.all([receiver.received(), probe.deliveries(endpoint.id)]);
    const cpuBefore = await cpu.sample();
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
    const perWebhook = cpuPerMessage([[cpuBefore, await cpu.sample()]], events);
    const [mailWithout, mailWithWebhooks] = [total(runs.without), total(runs.withWebhooks)];
    return {
      mailWithout,
      mailWithWebhooks,
      bare,
      mailroom,
      cpu: {
        without: cpuPerMessage(spent.without, mailWithout.messages),
        withWebhooks: cpuPerMessage(spent.withWebhooks, mailWithWebhooks.messages),
        perWebhook,
      },
    };
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
