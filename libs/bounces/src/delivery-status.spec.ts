import { readDeliveryStatus } from './delivery-status';
import { MAX_DIAGNOSTIC_CHARS, MAX_REPORT_RECIPIENTS } from './report-limits';

const report = (...blocks: string[][]) =>
  ['Reporting-MTA: dns; mail.example.com', ...blocks.map((block) => block.join('\r\n'))].join('\r\n\r\n');
const failed = (address: string) => [
  `Final-Recipient: rfc822; ${address}`,
  'Action: failed',
  'Status: 5.1.1',
  `Diagnostic-Code: smtp; 550 5.1.1 <${address}>: User unknown`,
];

describe('readDeliveryStatus', () => {
  it('reads the per-message Reporting-MTA and each recipient block, without the types RFC 3464 puts before values', () => {
    expect(readDeliveryStatus(report([...failed('a@example.net'), 'Remote-MTA: dns; mx.example.net']))).toEqual({
      reportingMta: 'mail.example.com',
      originalMessageId: undefined,
      bounces: [
        {
          recipient: 'a@example.net',
          kind: 'hard',
          status: '5.1.1',
          action: 'failed',
          diagnostic: '550 5.1.1 <a@example.net>: User unknown',
          remoteMta: 'mx.example.net',
        },
      ],
    });
  });

  it('keeps only the recipients that failed or are delayed when others were delivered, relayed or expanded', () => {
    const status = readDeliveryStatus(
      report(
        ['Final-Recipient: rfc822; ok@example.net', 'Action: delivered', 'Status: 2.0.0', 'Diagnostic-Code: smtp; 250 2.0.0 Ok: queued'],
        failed('a@example.net'),
        ['Final-Recipient: rfc822; list@example.net', 'Action: expanded', 'Status: 2.0.0'],
        ['Final-Recipient: rfc822; slow@example.net', 'Action: delayed', 'Status: 4.4.1'],
      ),
    );
    expect(status!.bounces.map(({ recipient, kind }) => [recipient, kind])).toEqual([
      ['a@example.net', 'hard'],
      ['slow@example.net', 'soft'],
    ]);
  });

  it('gives no bounce, yet a report, when every recipient was delivered', () => {
    expect(readDeliveryStatus(report(['Final-Recipient: rfc822; ok@example.net', 'Action: relayed', 'Status: 2.0.0']))!.bounces).toEqual(
      [],
    );
  });

  it('is null when no block names a recipient', () => {
    expect(readDeliveryStatus('Reporting-MTA: dns; mail.example.com\r\n\r\nAction: failed\r\nStatus: 5.0.0')).toBeNull();
    expect(readDeliveryStatus('')).toBeNull();
  });

  it('unfolds a Diagnostic-Code folded over several lines into one', () => {
    const status = readDeliveryStatus(
      report([
        'Final-Recipient: rfc822; a@example.net',
        'Action: failed',
        'Status: 5.1.1',
        'Diagnostic-Code: smtp; 550 5.1.1 <a@example.net>: Recipient address rejected:',
        '\tUser unknown in virtual',
        '    mailbox table',
      ]),
    );
    expect(status!.bounces[0]!.diagnostic).toBe(
      '550 5.1.1 <a@example.net>: Recipient address rejected: User unknown in virtual mailbox table',
    );
  });

  it("keeps an answer's own semicolon when it comes without a diagnostic type", () => {
    const status = readDeliveryStatus(
      report([
        'Final-Recipient: rfc822;a@example.net',
        'Action: failed',
        'Status: 5.1.10',
        'Diagnostic-Code: 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
      ]),
    );
    expect(status!.bounces[0]!.diagnostic).toBe('550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup');
  });

  it('names the recipient by Original-Recipient, the address Mailroom sent to, when a forward made the Final-Recipient another', () => {
    const status = readDeliveryStatus(
      report([
        'Final-Recipient: rfc822; jane@forwarded.example.org',
        'Original-Recipient: rfc822;<jane@example.net>',
        'Action: failed',
        'Status: 5.2.1',
      ]),
    );
    expect(status!.bounces[0]!.recipient).toBe('jane@example.net');
  });

  it('takes the status from the answer when the Status field is missing, and from the action when nothing gives a code', () => {
    const status = readDeliveryStatus(
      report(
        ['Final-Recipient: rfc822; a@example.net', 'Action: failed', 'Diagnostic-Code: smtp; 552 5.2.2 Mailbox over quota'],
        [
          'Final-Recipient: rfc822; b@example.net',
          'Action: failed',
          'Diagnostic-Code: X-Postfix; mail for example.net loops back to myself',
        ],
        ['Final-Recipient: rfc822; c@example.net', 'Action: delayed'],
      ),
    );
    expect(status!.bounces.map(({ recipient, kind, status, diagnostic }) => ({ recipient, kind, status, diagnostic }))).toEqual([
      { recipient: 'a@example.net', kind: 'hard', status: '5.2.2', diagnostic: '552 5.2.2 Mailbox over quota' },
      { recipient: 'b@example.net', kind: 'hard', status: '5.0.0', diagnostic: 'mail for example.net loops back to myself' },
      { recipient: 'c@example.net', kind: 'soft', status: '4.0.0', diagnostic: undefined },
    ]);
  });

  it("reads Gmail's X-Original-Message-ID from the per-message block", () => {
    const text =
      'Reporting-MTA: dns; googlemail.com\r\nX-Original-Message-ID: <a@example.com>\r\n\r\n' + failed('a@example.net').join('\r\n');
    expect(readDeliveryStatus(text)!.originalMessageId).toBe('<a@example.com>');
  });

  it(`considers at most ${MAX_REPORT_RECIPIENTS} recipient blocks and keeps at most ${MAX_DIAGNOSTIC_CHARS} characters of an answer`, () => {
    const blocks = Array.from({ length: 150 }, (_, i) => failed(`r${i}@example.net`));
    blocks[0]![3] = `Diagnostic-Code: smtp; 550 5.1.1 ${'x'.repeat(5000)}`;
    const { bounces } = readDeliveryStatus(report(...blocks))!;
    expect(bounces).toHaveLength(MAX_REPORT_RECIPIENTS);
    expect(bounces.at(-1)!.recipient).toBe(`r${MAX_REPORT_RECIPIENTS - 1}@example.net`);
    expect(bounces[0]!.diagnostic).toHaveLength(MAX_DIAGNOSTIC_CHARS);
  });
});
