import { randomUUID } from 'node:crypto';
import { BOUNCE_FIXTURE_NAMES, BounceFixtureName, bounceFixture, rawMessage } from '../../../test/support/bounce-fixtures';
import { readMailboxReport } from './mailbox-report';
import { mailroomMessageId } from './mailroom-message-id';
import { MAX_MAILBOX_REPORT_BYTES } from './report-limits';

const uuid = randomUUID();
const messageId = `<${uuid}@example.com>`;
const recipient = 'jane.doe@example.net';
const read = (name: BounceFixtureName) => readMailboxReport(bounceFixture(name, { messageId, recipient }));

describe('readMailboxReport on the fixtures', () => {
  it('reads an Exchange Online NDR from its delivery-status part', async () => {
    expect(await read('exchange-online-ndr')).toEqual({
      type: 'bounce',
      originalMessageIds: [messageId],
      recipients: [
        {
          recipient,
          kind: 'hard',
          status: '5.1.10',
          action: 'failed',
          diagnostic: '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
          remoteMta: 'example-net.mail.protection.outlook.com',
        },
      ],
      reportingMta: 'AM9PR01MB7420.eurprd01.prod.exchangelabs.com',
    });
  });

  it('reads an Exchange Server NDR without its delivery-status part from the answer quoted under "Remote Server returned"', async () => {
    expect(await read('exchange-server-ndr')).toEqual({
      type: 'bounce',
      originalMessageIds: [messageId],
      recipients: [
        {
          recipient,
          kind: 'hard',
          status: '5.1.1',
          diagnostic: `550 5.1.1 <${recipient}>: Recipient address rejected: User unknown in virtual mailbox table`,
        },
      ],
    });
  });

  it('reads a Gmail bounce, joining the continuation lines of its multi-line 550-5.1.1 answer into one', async () => {
    expect(await read('gmail-bounce')).toEqual({
      type: 'bounce',
      originalMessageIds: [messageId],
      recipients: [
        {
          recipient,
          kind: 'hard',
          status: '5.1.1',
          action: 'failed',
          diagnostic:
            "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser 5b1f17b1804b1-4361a2b3c4dsi123456f8.12 - gsmtp",
          remoteMta: 'gmail-smtp-in.l.google.com. (2001:db8::1b, the server for the domain example.net.)',
        },
      ],
      reportingMta: 'googlemail.com',
    });
  });

  it('reads a plain-text Gmail bounce from X-Failed-Recipients, the answer in its prose and the headers it quotes', async () => {
    expect(await read('gmail-legacy-bounce')).toEqual({
      type: 'bounce',
      originalMessageIds: [messageId],
      recipients: [
        {
          recipient,
          kind: 'hard',
          status: '5.1.1',
          diagnostic: `550 5.1.1 <${recipient}>: Recipient address rejected: User unknown in local recipient table`,
        },
      ],
    });
  });

  it('reads a Postfix DSN, unfolding its Diagnostic-Code', async () => {
    expect(await read('postfix-dsn')).toEqual({
      type: 'bounce',
      originalMessageIds: [messageId],
      recipients: [
        {
          recipient,
          kind: 'hard',
          status: '5.1.1',
          action: 'failed',
          diagnostic: `550 5.1.1 <${recipient}>: Recipient address rejected: User unknown in virtual mailbox table`,
          remoteMta: 'mx.example.net',
        },
      ],
      reportingMta: 'mail.example.com',
    });
  });

  it('reads a Postfix delay warning for a full mailbox (4.2.2) as a soft bounce', async () => {
    expect(await read('soft-bounce-4.2.2')).toEqual({
      type: 'bounce',
      originalMessageIds: [messageId],
      recipients: [
        {
          recipient,
          kind: 'soft',
          status: '4.2.2',
          action: 'delayed',
          diagnostic: `452 4.2.2 <${recipient}>: Mailbox full`,
          remoteMta: 'mx.example.net',
        },
      ],
      reportingMta: 'mail.example.com',
    });
  });

  it('reads an ARF abuse report as a complaint by its Original-Rcpt-To', async () => {
    expect(await read('arf-complaint')).toEqual({
      type: 'complaint',
      originalMessageIds: [messageId],
      recipients: [recipient],
      feedbackType: 'abuse',
      userAgent: 'ExampleMail-Feedback/2.0',
    });
  });

  it.each<BounceFixtureName>(BOUNCE_FIXTURE_NAMES.filter((name) => name !== 'ordinary-reply' && name !== 'out-of-office'))(
    'names in %s the Mailroom message it is about',
    async (name) => {
      const report = await read(name);
      expect(report!.originalMessageIds.map(mailroomMessageId)).toEqual([uuid]);
    },
  );

  it("does not take a person's reply for a report, though it names the Mailroom message in In-Reply-To and pastes an NDR's lines", async () => {
    expect(await read('ordinary-reply')).toBeNull();
  });

  it('does not take an out-of-office auto-reply for a report', async () => {
    expect(await read('out-of-office')).toBeNull();
  });
});

const BOUNDARY = 'report-boundary';

/** A DSN for one failed recipient, with the report's own extra headers and the original's headers when given. */
function deliveryReport(options: { headers?: string[]; returnedHeaders?: string[] } = {}): Buffer {
  return rawMessage([
    'From: MAILER-DAEMON@mail.example.com (Mail Delivery System)',
    'To: notifications@example.com',
    'Subject: Undelivered Mail Returned to Sender',
    ...(options.headers ?? []),
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${BOUNDARY}"`,
    '',
    `--${BOUNDARY}`,
    'Content-Type: text/plain',
    '',
    'Your message could not be delivered to one or more recipients.',
    `--${BOUNDARY}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mail.example.com',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    'Action: failed',
    'Status: 5.1.1',
    '',
    ...(options.returnedHeaders ? [`--${BOUNDARY}`, 'Content-Type: text/rfc822-headers', '', ...options.returnedHeaders, ''] : []),
    `--${BOUNDARY}--`,
  ]);
}

describe("readMailboxReport on the original's Message-ID", () => {
  it("takes it from the report's References when the report returns no copy of the original", async () => {
    const report = await readMailboxReport(deliveryReport({ headers: [`References: <other@example.org> ${messageId}`] }));
    expect(report!.originalMessageIds).toEqual(['<other@example.org>', messageId]);
    expect(report!.originalMessageIds.map(mailroomMessageId)).toEqual([null, uuid]);
  });

  it("keeps to the returned original's own Message-ID when it is not Mailroom's, whatever References says", async () => {
    const report = await readMailboxReport(
      deliveryReport({
        headers: [`References: ${messageId}`],
        returnedHeaders: ['Message-ID: <CAJx8yW3q9abc@mail.gmail.com>', `To: ${recipient}`],
      }),
    );
    expect(report!.originalMessageIds).toEqual(['<CAJx8yW3q9abc@mail.gmail.com>']);
    expect(mailroomMessageId(report!.originalMessageIds[0]!)).toBeNull();
  });

  it('is empty when the report names none anywhere', async () => {
    expect((await readMailboxReport(deliveryReport()))!.originalMessageIds).toEqual([]);
  });
});

describe('readMailboxReport on what is no report', () => {
  it(`is null for a message larger than ${MAX_MAILBOX_REPORT_BYTES} bytes, without reading it`, async () => {
    const report = bounceFixture('postfix-dsn', { messageId, recipient });
    const oversized = Buffer.concat([report, Buffer.alloc(MAX_MAILBOX_REPORT_BYTES - report.length + 1, 'x')]);
    expect(await readMailboxReport(oversized)).toBeNull();
  });

  it('is null for bytes that are no mail at all', async () => {
    expect(await readMailboxReport(Buffer.from('\u0000\u0001 not a message'))).toBeNull();
    expect(await readMailboxReport(Buffer.alloc(0))).toBeNull();
  });

  it('is null for a read receipt, which is a multipart/report of another type', async () => {
    const receipt = rawMessage([
      `From: ${recipient}`,
      'Subject: Read: Your invoice INV-2025-0117 is ready',
      `In-Reply-To: ${messageId}`,
      'Content-Type: multipart/report; report-type=disposition-notification; boundary="mdn"',
      '',
      '--mdn',
      'Content-Type: text/plain',
      '',
      'Your message was displayed.',
      '--mdn',
      'Content-Type: message/disposition-notification',
      '',
      `Final-Recipient: rfc822; ${recipient}`,
      `Original-Message-ID: ${messageId}`,
      'Disposition: manual-action/MDN-sent-manually; displayed',
      '--mdn--',
    ]);
    expect(await readMailboxReport(receipt)).toBeNull();
  });

  it('is null for a person forwarding a bounce they received, attached as a message', async () => {
    const forwarded = rawMessage([
      `From: Jane Doe <${recipient}>`,
      'To: notifications@example.com',
      'Subject: Fwd: Undelivered Mail Returned to Sender',
      'Content-Type: multipart/mixed; boundary="fwd"',
      '',
      '--fwd',
      'Content-Type: text/plain',
      '',
      'This bounced, see below.',
      '--fwd',
      'Content-Type: message/rfc822',
      'Content-Disposition: inline',
      '',
      deliveryReport({ returnedHeaders: [`Message-ID: ${messageId}`] }).toString(),
      '--fwd--',
    ]);
    expect(await readMailboxReport(forwarded)).toBeNull();
  });
});
