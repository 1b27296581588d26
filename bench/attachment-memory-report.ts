import { ATTACHMENT_SLICE_BYTES } from '../apps/worker/src/delivery/attachment-stream';
import { machineLines, table } from './report';
import { ATTACHMENT_PLAN, ATTACHMENT_WORKER_PEAK_RSS_MB, type AttachmentMemory } from './scenarios/attachment-memory';
import type { Machine } from './support/machine';
import { replaceSection } from './support/report-section';

/** The report's section of (h); `npm run bench -- attachment-memory` runs (h) alone and replaces only it. */
const HEADING = '## Attachment memory';

const MiB = 1024 * 1024;

export function attachmentMemorySection(r: AttachmentMemory, machine: Machine, date: Date): string[] {
  const megabytes = (r.messages * r.attachmentBytes) / 1e6;
  const met = r.sent === r.messages && r.workerPeakRssMB < ATTACHMENT_WORKER_PEAK_RSS_MB;
  return [
    HEADING,
    '',
    `(h) ${r.messages} messages with a ${r.attachmentBytes / MiB} MiB attachment each, queued before the worker starts; measured on ${date.toISOString()}:`,
    '',
    ...machineLines(machine),
    '',
    table(
      ['what', 'measured', `peak RSS < ${ATTACHMENT_WORKER_PEAK_RSS_MB} MB`],
      [
        [
          'accepted by the API (one request at a time)',
          `${r.acceptSeconds.toFixed(1)} s, ${(megabytes / r.acceptSeconds).toFixed(0)} MB/s of files`,
          '',
        ],
        [
          'delivered by the worker (from its start until the sink had all)',
          `${r.delivered} in ${r.seconds.toFixed(1)} s, ${(megabytes / r.seconds).toFixed(0)} MB/s; ${r.sent} shown \`sent\` with the file`,
          '',
        ],
        [
          `worker peak RSS (heap capped at 192 MB, WORKER_BYTES_IN_FLIGHT ${r.bytesInFlight / MiB} MiB)`,
          `${Math.round(r.workerPeakRssMB)} MB (${Math.round(r.workerIdleRssMB)} MB idle)`,
          met ? 'met' : 'MISSED',
        ],
      ],
    ),
    '',
    `- The API runs alone (\`MAILROOM_ROLE=api\`) while the ${r.messages} messages are posted, so all of them wait in the queue;`,
    '  then the worker (`MAILROOM_ROLE=worker`, `NODE_OPTIONS=--max-old-space-size=192` as the worker image sets it)',
    '  starts and its concurrency (50) takes them all at once. Each file is different, so none is stored once for',
    `  several messages. The sink is the one of (a)–(f). At most ${ATTACHMENT_PLAN.timeoutMs / 1000} s.`,
    `- The worker reads each file from PostgreSQL in ${ATTACHMENT_SLICE_BYTES / 1024} KiB slices as the SMTP connection takes the data, and`,
    '  starts a send only while the bytes of the sends in flight fit in WORKER_BYTES_IN_FLIGHT; the rest wait',
    '  holding nothing of their files. Memory is VmRSS sampled every 20 ms and VmHWM at the end; the higher is shown.',
  ];
}

export function reportAttachmentMemory(path: string, result: AttachmentMemory, machine: Machine, date: Date): void {
  const section = attachmentMemorySection(result, machine, date);
  console.log(['', ...section, ''].join('\n'));
  replaceSection(path, HEADING, section);
}
