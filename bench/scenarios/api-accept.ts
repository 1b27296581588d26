import autocannon from 'autocannon';
import { PLAN } from '../plan';
import type { AcceptRate } from '../results';
import type { SendTarget } from '../support/mailroom-client';
import { apiMessage } from '../support/sample-message';

interface AcceptLoad {
  path: string;
  body: unknown;
  messagesPerRequest: number;
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

/** (d1) `POST /messages`, one message per request. */
export function singleAccept(target: SendTarget): Promise<AcceptRate> {
  return acceptRate(target, { path: 'messages', body: apiMessage(0), messagesPerRequest: 1, ...PLAN.single });
}

/** (d2) `POST /messages/batch`, `PLAN.batch.perRequest` messages per request. */
export function batchAccept(target: SendTarget): Promise<AcceptRate> {
  const { perRequest, ...load } = PLAN.batch;
  const messages = Array.from({ length: perRequest }, (_, index) => apiMessage(index));
  return acceptRate(target, { path: 'messages/batch', body: { messages }, messagesPerRequest: perRequest, ...load });
}

/**
 * How fast the API stores and enqueues messages, at a fixed number of concurrent connections.
 * A warm-up run first (JIT, connection pools), then the measured run. Only 2xx answers count.
 */
async function acceptRate(target: SendTarget, load: AcceptLoad): Promise<AcceptRate> {
  const options = {
    url: `${target.baseUrl}/v1/workspaces/${target.workspaceId}/${load.path}`,
    method: 'POST' as const,
    headers: { authorization: `Bearer ${target.sendKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(load.body),
    connections: load.connections,
  };
  await autocannon({ ...options, duration: load.warmupSeconds });
  const result = await autocannon({ ...options, duration: load.seconds });
  const requestsPerSecond = result['2xx'] / result.duration;
  return {
    accepted: result['2xx'] * load.messagesPerRequest,
    requestsPerSecond,
    messagesPerSecond: requestsPerSecond * load.messagesPerRequest,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
