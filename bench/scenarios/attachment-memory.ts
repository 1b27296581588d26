import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../libs/config/src/load-config';
import { BenchDeployment } from '../support/bench-deployment';
import { getJson, provisionWorkspace, SendTarget } from '../support/mailroom-client';
import { MailroomProcess } from '../support/mailroom-process';
import { processMemory } from '../support/process-memory';
import { apiMessage } from '../support/sample-message';
import type { SinkProcess } from '../support/sink-process';
import type { Teardown } from '../support/teardown';
import { freePort } from '../support/timing';

/** (h) What is queued before the worker starts, and how long it may take to deliver it. */
export const ATTACHMENT_PLAN = { messages: 50, attachmentBytes: 10 * 1024 * 1024, timeoutMs: 300_000 } as const;

/** The worker's peak RSS must stay below this with all of (h) queued: the fan-out's target, for the same heap cap. */
export const ATTACHMENT_WORKER_PEAK_RSS_MB = 300;

export interface AttachmentMemory {
  messages: number;
  attachmentBytes: number;
  /** Accepting all messages through the API, before the worker runs. */
  acceptSeconds: number;
  /** From the worker's start until the sink had every message. */
  seconds: number;
  delivered: number;
  /** Messages `GET …/messages/{id}` shows `sent` with their attachment afterwards. */
  sent: number;
  /** The same worker with nothing to do, a second after it started: what the peak is to be read against. */
  workerIdleRssMB: number;
  workerPeakRssMB: number;
  /** The worker's WORKER_BYTES_IN_FLIGHT, as its configuration read it. */
  bytesInFlight: number;
}

const POLL_INTERVAL_MS = 20;
const IDLE_SETTLE_MS = 1000;

/**
 * (h) 50 messages with a 10 MiB attachment each are accepted by the API alone (`MAILROOM_ROLE=api`)
 * and wait in the queue; then a worker (`MAILROOM_ROLE=worker`, the heap cap of the worker image)
 * starts and finds all of them at once, as after a backlog. Its memory is sampled until the sink
 * has every message, and compared with the same worker started before the messages, with nothing to do. Each file differs (its first three bytes are the message's number), so none
 * is shared with another message.
 */
export async function attachmentMemory(sink: SinkProcess, teardown: Teardown): Promise<AttachmentMemory> {
  const { messages, attachmentBytes, timeoutMs } = ATTACHMENT_PLAN;
  const deployment = await BenchDeployment.create('mailroom_bench_attachments');
  teardown.add('drop the attachments database and its Redis keys', () => deployment.destroy());
  const api = await MailroomProcess.start(deployment.env('api', await freePort()));
  teardown.add('stop the Mailroom API of (h)', () => api.stop());
  const target = await provisionWorkspace(api.baseUrl, deployment.adminToken, sink.port);
  const workerEnv = deployment.env('worker', await freePort());
  const workerIdleRssMB = await idleRss(workerEnv, deployment);

  const acceptStarted = performance.now();
  const ids = await acceptAll(target, messages, attachmentBytes);
  const acceptSeconds = (performance.now() - acceptStarted) / 1000;

  const receivedBefore = await sink.received();
  const started = performance.now();
  const worker = await MailroomProcess.start(workerEnv, () => deployment.workerRunning());
  teardown.add('stop the Mailroom worker of (h)', () => worker.stop());
  let peakRssMB = 0;
  let delivered = 0;
  while (delivered < messages && performance.now() - started < timeoutMs) {
    const [received, memory] = await Promise.all([sink.received(), processMemory(worker.pid)]);
    delivered = received - receivedBefore;
    peakRssMB = Math.max(peakRssMB, memory.rssMB, memory.peakRssMB);
    await sleep(POLL_INTERVAL_MS);
  }
  const seconds = (performance.now() - started) / 1000;
  peakRssMB = Math.max(peakRssMB, (await processMemory(worker.pid)).peakRssMB);
  const sent = await countSent(target, ids, attachmentBytes);
  await worker.stop();
  await api.stop();
  await deployment.destroy();
  // What the worker read: the bench's own environment reaches it too (WORKER_BYTES_IN_FLIGHT=… npm run bench -- …).
  const { WORKER_BYTES_IN_FLIGHT: bytesInFlight } = loadConfig({ ...process.env, ...workerEnv });
  return { messages, attachmentBytes, acceptSeconds, seconds, delivered, sent, workerIdleRssMB, workerPeakRssMB: peakRssMB, bytesInFlight };
}

async function idleRss(env: Record<string, string>, deployment: BenchDeployment): Promise<number> {
  const worker = await MailroomProcess.start(env, () => deployment.workerRunning());
  try {
    await sleep(IDLE_SETTLE_MS);
    return (await processMemory(worker.pid)).rssMB;
  } finally {
    await worker.stop();
  }
}

/** One request at a time: the bench holds one message's JSON (14 MB) at once. */
async function acceptAll(target: SendTarget, count: number, attachmentBytes: number): Promise<string[]> {
  const file = randomBytes(attachmentBytes);
  // Three bytes are four base64 characters: only the first four change from message to message.
  const rest = file.subarray(3).toString('base64');
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const head = Buffer.from([index >> 16, (index >> 8) & 0xff, index & 0xff]).toString('base64');
    const body = JSON.stringify({ ...apiMessage(index), attachments: [{ filename: `statement-${index}.pdf`, content: head + rest }] });
    const response = await fetch(`${target.baseUrl}/v1/workspaces/${target.workspaceId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${target.sendKey}`, 'content-type': 'application/json' },
      body,
    });
    const answer = (await response.json()) as { id: string };
    if (response.status !== 202)
      throw new Error(`a send with a ${attachmentBytes}-byte attachment answered ${response.status}: ${JSON.stringify(answer)}`);
    ids.push(answer.id);
  }
  return ids;
}

async function countSent(target: SendTarget, ids: string[], attachmentBytes: number): Promise<number> {
  let sent = 0;
  for (const id of ids) {
    const message = await getJson<{ status: string; attachments: Array<{ size: number }> }>(
      `${target.baseUrl}/v1/workspaces/${target.workspaceId}/messages/${id}`,
      target.sendKey,
    );
    if (message.status === 'sent' && message.attachments[0]?.size === attachmentBytes) sent++;
  }
  return sent;
}
