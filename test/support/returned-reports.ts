import type { MessageResponse } from '../../apps/api/src/messages/message.response';
import { bounceFixture, BounceFixtureName } from './bounce-fixtures';
import type { DovecotServer } from './dovecot-server';
import type { Json } from './json-body';
import { pollUntil } from './poll-until';

type Message = Json<MessageResponse>;

/** What each report the issue names does to the message it is about. */
const CASES: Array<{ fixture: BounceFixtureName; local: string; outcome: 'hard' | 'soft' | 'complaint' | 'untouched' }> = [
  { fixture: 'exchange-online-ndr', local: 'gone-exchange', outcome: 'hard' },
  { fixture: 'gmail-bounce', local: 'gone-gmail', outcome: 'hard' },
  { fixture: 'postfix-dsn', local: 'gone-postfix', outcome: 'hard' },
  { fixture: 'soft-bounce-4.2.2', local: 'full', outcome: 'soft' },
  { fixture: 'arf-complaint', local: 'complainer', outcome: 'complaint' },
  { fixture: 'ordinary-reply', local: 'replier', outcome: 'untouched' },
];

export interface ReturnedReports {
  /** The messages the reports were about, by the local part of their recipient (`gone-exchange`, `full`, …). */
  sent: Record<string, Message>;
  /** Their recipients' addresses, the same way. */
  address: (local: string) => string;
}

/**
 * Sends one message to each recipient (at `domain`), writes into the watched mailbox the report a
 * real server would return for it (an Exchange Online NDR, a Gmail bounce, a Postfix DSN, a soft
 * 4.2.2, an ARF complaint) and an ordinary reply, waits until the five reports sit in
 * `Mailroom/Processed`, and checks what each did to its message.
 */
export async function returnEveryReport(options: {
  dovecot: DovecotServer;
  mailbox: string;
  domain: string;
  send: (to: string) => Promise<Message>;
  message: (id: string) => Promise<Message>;
}): Promise<ReturnedReports> {
  const { dovecot, mailbox, domain, message } = options;
  const address = (local: string) => `${local}@${domain}`;
  const sent: Record<string, Message> = {};
  for (const { local } of CASES) sent[local] = await options.send(address(local));
  for (const { fixture, local } of CASES) {
    await dovecot.deliver(mailbox, 'INBOX', bounceFixture(fixture, { messageId: sent[local]!.smtp.messageId!, recipient: address(local) }));
  }
  const reports = CASES.filter((report) => report.outcome !== 'untouched').length;
  await pollUntil(
    'every report processed',
    () => dovecot.messages(mailbox, 'Mailroom/Processed'),
    (moved) => moved.length === reports,
    {
      timeoutMs: 20_000,
    },
  );

  for (const { local, outcome } of CASES) {
    const after = await message(sent[local]!.id);
    const of = (type: string) => after.events.filter((event) => event.type === type);
    if (outcome === 'hard') {
      expect(after.status).toBe('bounced');
      expect(of('bounce')).toEqual([
        expect.objectContaining({
          bounce: expect.objectContaining({ recipient: address(local), kind: 'hard', status: expect.stringMatching(/^5\./) }),
        }),
      ]);
    } else if (outcome === 'soft') {
      expect(after.status).toBe('sent');
      expect(of('bounce')).toEqual([expect.objectContaining({ bounce: expect.objectContaining({ kind: 'soft', status: '4.2.2' }) })]);
    } else if (outcome === 'complaint') {
      expect(of('complaint')).toEqual([expect.objectContaining({ complaint: { recipient: address(local), feedbackType: 'abuse' } })]);
    } else {
      expect(after.events.map((event) => event.type)).toEqual(['sent']);
    }
  }
  // Every processed report is flagged where it was moved; the reply is left in the inbox, unread.
  expect((await dovecot.messages(mailbox, 'Mailroom/Processed')).every((report) => report.flags.includes('\\Seen'))).toBe(true);
  const inbox = await dovecot.messages(mailbox, 'INBOX');
  expect(inbox.map((left) => left.raw.toString('utf8').includes(sent.replier!.smtp.messageId!))).toEqual([true]);
  expect(inbox[0]!.flags).not.toContain('\\Seen');
  return { sent, address };
}
