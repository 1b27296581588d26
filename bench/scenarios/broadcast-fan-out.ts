import { setTimeout as sleep } from 'node:timers/promises';
import { PLAN } from '../plan';
import type { FanOut } from '../results';
import type { BroadcastProbe, FanOutProgress } from '../support/broadcast-probe';
import { getJson, postJson, SendTarget } from '../support/mailroom-client';
import type { MailroomProcess } from '../support/mailroom-process';
import { processMemory } from '../support/process-memory';
import type { SinkProcess } from '../support/sink-process';

const POLL_INTERVAL_MS = 20;

/** A small personalised newsletter: subject rendered at fan-out, bodies at delivery. */
const TEMPLATE = {
  subject: 'Spring news for {{ contact.first_name }}',
  html: '<p>Dear {{ contact.first_name }} {{ contact.last_name }},</p><p>spring has come to {{ contact.attributes.city }}.</p><a href="{{ unsubscribe_url }}">Unsubscribe</a>',
  text: 'Dear {{ contact.first_name }}, spring has come to {{ contact.attributes.city }}. Unsubscribe: {{ unsubscribe_url }}',
};

/**
 * (f) A broadcast to one list of `PLAN.fanOut.contacts` subscribed members. The worker runs in its
 * own process (`MAILROOM_ROLE=worker`), the API in another. The clock runs from `POST …/send`
 * until `broadcasts.recipients` (read from Postgres every 20 ms) shows a message for every member;
 * the worker's memory is sampled at the same time. Deliveries to the sink run meanwhile, as they
 * would; once the clock stops the broadcast is cancelled, so the rest is never sent.
 */
export async function broadcastFanOut(
  target: SendTarget,
  worker: MailroomProcess,
  sink: SinkProcess,
  probe: BroadcastProbe,
): Promise<FanOut> {
  const { contacts, timeoutMs } = PLAN.fanOut;
  const ws = `${target.baseUrl}/v1/workspaces/${target.workspaceId}`;
  const list = await postJson<{ id: string }>(`${ws}/lists`, target.adminKey, { name: 'Everyone' }, 201);
  await probe.seedList(target.workspaceId, list.id, contacts);
  const broadcast = await postJson<{ id: string }>(
    `${ws}/broadcasts`,
    target.adminKey,
    { name: 'Spring', listId: list.id, ...TEMPLATE },
    201,
  );

  const before = await processMemory(worker.pid);
  const receivedBefore = await sink.received();
  let peakRssMB = before.rssMB;
  let progress: FanOutProgress = { recipients: 0, fanoutDone: false };
  const started = performance.now();
  await postJson(`${ws}/broadcasts/${broadcast.id}/send`, target.adminKey, {}, 200);
  while (progress.recipients < contacts && !progress.fanoutDone && performance.now() - started < timeoutMs) {
    await sleep(POLL_INTERVAL_MS);
    const [now, memory] = await Promise.all([probe.progress(broadcast.id), processMemory(worker.pid)]);
    progress = now;
    peakRssMB = Math.max(peakRssMB, memory.rssMB);
  }
  const seconds = (performance.now() - started) / 1000;
  const [delivered, after] = await Promise.all([sink.received(), processMemory(worker.pid)]);

  const view = await getJson<{ counts: { recipients: number } }>(`${ws}/broadcasts/${broadcast.id}`, target.adminKey);
  await postJson(`${ws}/broadcasts/${broadcast.id}/cancel`, target.adminKey, {}, 200);
  return {
    contacts,
    recipients: progress.recipients,
    completed: progress.recipients >= contacts,
    seconds,
    perSecond: progress.recipients / seconds,
    apiRecipients: view.counts.recipients,
    delivered: delivered - receivedBefore,
    workerRssBeforeMB: before.rssMB,
    workerPeakRssMB: Math.max(peakRssMB, after.rssMB, after.peakRssMB),
  };
}
