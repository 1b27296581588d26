import { PLAN } from '../plan';
import { DeliveryThroughput, throughput } from '../results';
import type { HistoryProbe } from '../support/history-probe';
import { postJson, SendTarget } from '../support/mailroom-client';
import { apiMessage } from '../support/sample-message';
import type { SinkProcess } from '../support/sink-process';
import { pollUntil, runBounded } from '../support/timing';

const POLL_INTERVAL_MS = 20;

/**
 * (c) The whole product: batches posted over HTTP, each message stored, queued, picked up by the
 * worker, sent through the integration's pool and its outcome written back. The clock stops when
 * the sink has received every message AND Postgres shows every one `sent` (history persisted).
 * A warm-up batch first opens the pool and warms the JIT, as in a running deployment.
 */
export async function mailroomDelivery(target: SendTarget, sink: SinkProcess, history: HistoryProbe): Promise<DeliveryThroughput> {
  const { warmup, messages } = PLAN.delivery;
  await deliver(target, sink, history, warmup);
  return deliver(target, sink, history, messages);
}

/** `count` messages through Mailroom, timed until the sink has them all and Postgres shows them `sent`. */
export async function deliver(target: SendTarget, sink: SinkProcess, history: HistoryProbe, count: number): Promise<DeliveryThroughput> {
  const { perRequest, requestsInFlight, timeoutMs } = PLAN.delivery;
  const [receivedBefore, sentBefore] = await Promise.all([sink.received(), history.sent()]);
  const url = `${target.baseUrl}/v1/workspaces/${target.workspaceId}/messages/batch`;
  const requests = Math.ceil(count / perRequest);
  const stopPolling = new AbortController();

  const started = performance.now();
  let acceptedAt = started;
  const sending = runBounded(requests, requestsInFlight, (request) => {
    const size = Math.min(perRequest, count - request * perRequest);
    const batch = Array.from({ length: size }, (_, index) => apiMessage(request * perRequest + index));
    return postJson(url, target.sendKey, { messages: batch }, 202);
  }).then(
    () => {
      acceptedAt = performance.now();
    },
    (error: unknown) => {
      stopPolling.abort();
      throw error;
    },
  );
  // Postgres is asked only once the sink has them all: its count, every 20 ms while the mail goes, would load the system measured.
  const arrived = pollUntil(async () => (await sink.received()) - receivedBefore >= count && (await history.sent()) - sentBefore >= count, {
    what: `delivery of ${count} messages`,
    timeoutMs,
    intervalMs: POLL_INTERVAL_MS,
    signal: stopPolling.signal,
  });
  await Promise.all([sending, arrived]);
  return { ...throughput(count, performance.now() - started), acceptSeconds: (acceptedAt - started) / 1000 };
}
