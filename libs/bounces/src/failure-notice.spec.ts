import { randomUUID } from 'node:crypto';
import { rawMessage } from '../../../test/support/bounce-fixtures';
import { readMailboxReport } from './mailbox-report';

const messageId = `<${randomUUID()}@example.com>`;
const recipient = 'jane.doe@example.net';

describe('readMailboxReport on failure notices in prose', () => {
  it('reads a notice that gives no code as a hard bounce (5.0.0) of each of its X-Failed-Recipients', async () => {
    const report = await readMailboxReport(
      rawMessage([
        'From: Mail Delivery System <MAILER-DAEMON@relay.example.com>',
        'Subject: Mail delivery failed: returning message to sender',
        `X-Failed-Recipients: ${recipient}, second@example.net`,
        `References: ${messageId}`,
        '',
        'A message that you sent could not be delivered to one or more of its recipients. This is a permanent error.',
      ]),
    );
    expect(report).toEqual({
      type: 'bounce',
      originalMessageIds: [messageId],
      recipients: [
        { recipient, kind: 'hard', status: '5.0.0', diagnostic: undefined },
        { recipient: 'second@example.net', kind: 'hard', status: '5.0.0', diagnostic: undefined },
      ],
    });
  });

  it('reads a notice without a code that says it keeps trying as a soft bounce (4.0.0)', async () => {
    const report = await readMailboxReport(
      rawMessage([
        'From: postmaster@relay.example.com',
        'Subject: Delivery delayed',
        `X-Failed-Recipients: ${recipient}`,
        '',
        'Delivery to this recipient has been delayed. The server will retry for 5 days.',
      ]),
    );
    expect(report).toMatchObject({ recipients: [{ recipient, kind: 'soft', status: '4.0.0' }] });
  });

  it("reads the answer Exchange quotes for each address under its own line, from a mail system's notice", async () => {
    const report = await readMailboxReport(
      rawMessage([
        'From: postmaster@example.com',
        'Subject: Undeliverable: Your invoice',
        '',
        'Diagnostic information for administrators:',
        '',
        'Generating server: EXCH01.corp.example.com',
        '',
        recipient,
        'mx.example.net #550 5.1.1 <jane.doe@example.net>: Recipient address rejected: User unknown ##',
        '',
        'full@example.net',
        "Remote Server returned '452 4.2.2 The recipient's mailbox is full'",
      ]),
    );
    expect(report).toMatchObject({
      recipients: [
        { recipient, kind: 'hard', status: '5.1.1', diagnostic: `550 5.1.1 <${recipient}>: Recipient address rejected: User unknown` },
        { recipient: 'full@example.net', kind: 'soft', status: '4.2.2', diagnostic: "452 4.2.2 The recipient's mailbox is full" },
      ],
    });
  });

  it('is null for a notice from a mail system that names no recipient', async () => {
    const notice = rawMessage([
      'From: MAILER-DAEMON@relay.example.com',
      'Subject: Undeliverable: Your invoice',
      '',
      'Your message could not be delivered.',
    ]);
    expect(await readMailboxReport(notice)).toBeNull();
  });

  it('is null for the same text from a person, or from a mail system under a subject that is no failure', async () => {
    const text = ['', recipient, "Remote Server returned '550 5.1.1 User unknown'"];
    expect(await readMailboxReport(rawMessage([`From: ${recipient}`, 'Subject: Undeliverable: Your invoice', ...text]))).toBeNull();
    expect(await readMailboxReport(rawMessage(['From: postmaster@example.com', 'Subject: Weekly queue summary', ...text]))).toBeNull();
  });
});
