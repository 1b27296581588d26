import { decode as decodeQuotedPrintable } from 'libqp';
import { PLAN } from '../plan';
import { postJson, SendTarget } from './mailroom-client';
import { recipient } from './sample-message';
import type { SinkProcess } from './sink-process';
import { pollUntil } from './timing';

/** Marks the tracked mails among the sink's recent messages. */
const MARKER = '[tracked]';

/** A shipping notice with two links: Mailroom rewrites both and adds the open pixel. */
const TRACKED = {
  subject: `Your order A-1042 has shipped ${MARKER}`,
  html:
    '<p>Your order <b>A-1042</b> is on its way.</p>' +
    '<p><a href="https://shop.example.com/orders/A-1042?utm_source=mail">See your order</a></p>' +
    '<p><a href="https://carrier.example.com/track?id=1Z999AA10123456784">Track the parcel</a></p><p>Acme</p>',
  text: 'Your order A-1042 is on its way.\n\nAcme',
  tracking: { opens: true, clicks: true },
};

/** Paths (`/t/o/…`, `/t/c/…`) as found in the HTML Mailroom delivered, and the messages they belong to. */
export interface TrackedPaths {
  messageIds: string[];
  open: string[];
  click: string[];
}

/**
 * Sends `PLAN.tracking.messages` tracked mails through Mailroom (a worker must be running), waits
 * until the sink has them and reads the tracking URLs out of their HTML parts, so the load runs
 * against tokens Mailroom itself signed, for messages that really were delivered.
 */
export async function deliverTrackedMail(target: SendTarget, sink: SinkProcess): Promise<TrackedPaths> {
  const { messages, deliveryTimeoutMs } = PLAN.tracking;
  const before = await sink.received();
  const url = `${target.baseUrl}/v1/workspaces/${target.workspaceId}/messages`;
  const messageIds: string[] = [];
  for (let index = 0; index < messages; index++) {
    messageIds.push((await postJson<{ id: string }>(url, target.sendKey, { to: [recipient(index)], ...TRACKED }, 202)).id);
  }
  await pollUntil(async () => (await sink.received()) - before >= messages, {
    what: `delivery of ${messages} tracked mails`,
    timeoutMs: deliveryTimeoutMs,
    intervalMs: 50,
  });
  const html = (await sink.recentMessages()).filter((raw) => raw.includes(MARKER)).map(htmlPartOf);
  const paths = (kind: 'o' | 'c') =>
    html.flatMap((part) =>
      [...part.matchAll(/(?:href|src)="([^"]+)"/g)]
        .map((match) => new URL(match[1]!).pathname)
        .filter((path) => path.startsWith(`/t/${kind}/`)),
    );
  const tracked = { messageIds, open: paths('o'), click: paths('c') };
  if (tracked.open.length !== messages || tracked.click.length !== 2 * messages) {
    throw new Error(
      `expected ${messages} pixels and ${2 * messages} tracked links in the delivered HTML, found ${tracked.open.length} and ${tracked.click.length}`,
    );
  }
  return tracked;
}

/** The decoded `text/html` part of a raw MIME message, as nodemailer writes it (one level of multipart). */
function htmlPartOf(raw: string): string {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  for (const part of boundary ? raw.split(`--${boundary}`) : [raw]) {
    const end = part.indexOf('\r\n\r\n');
    const headers = part.slice(0, Math.max(end, 0));
    if (end < 0 || !/^content-type:\s*text\/html/im.test(headers)) continue;
    const body = part.slice(end + 4);
    const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
    if (encoding === 'quoted-printable') return decodeQuotedPrintable(body).toString('utf8');
    if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
    return body;
  }
  throw new Error('a delivered tracked mail has no text/html part');
}
