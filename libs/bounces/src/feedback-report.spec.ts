import { randomUUID } from 'node:crypto';
import { rawMessage } from '../../../test/support/bounce-fixtures';
import { readMailboxReport } from './mailbox-report';

const messageId = `<${randomUUID()}@example.com>`;
const recipient = 'jane.doe@example.net';

/** An ARF report with the given feedback fields, returning the original's headers. */
const feedbackReport = (fields: string[]) =>
  rawMessage([
    'From: fbl@feedback.example.net',
    'Subject: Abuse report',
    'Content-Type: multipart/report; report-type=feedback-report; boundary="arf"',
    '',
    '--arf',
    'Content-Type: text/plain',
    '',
    'This is an abuse report.',
    '--arf',
    'Content-Type: message/feedback-report',
    '',
    ...fields,
    '',
    '--arf',
    'Content-Type: text/rfc822-headers',
    '',
    `Message-ID: ${messageId}`,
    'From: notifications@example.com',
    `To: Jane Doe <${recipient}>`,
    '',
    '--arf--',
  ]);

describe('readMailboxReport on feedback reports', () => {
  it('names every Original-Rcpt-To as a complaining recipient', async () => {
    const report = await readMailboxReport(
      feedbackReport([
        'Feedback-Type: Abuse',
        'User-Agent: ExampleFBL/1.0',
        `Original-Rcpt-To: <${recipient}>`,
        'Original-Rcpt-To: other@example.net',
      ]),
    );
    expect(report).toEqual({
      type: 'complaint',
      originalMessageIds: [messageId],
      recipients: [recipient, 'other@example.net'],
      feedbackType: 'abuse',
      userAgent: 'ExampleFBL/1.0',
    });
  });

  it("names the returned original's To as the complaining recipient when the provider redacted Original-Rcpt-To", async () => {
    expect(await readMailboxReport(feedbackReport(['Feedback-Type: abuse', 'Version: 1']))).toEqual({
      type: 'complaint',
      originalMessageIds: [messageId],
      recipients: [recipient],
      feedbackType: 'abuse',
      userAgent: undefined,
    });
  });

  it('is null for a not-spam or an auth-failure report, which is no complaint, and for one without a Feedback-Type', async () => {
    expect(await readMailboxReport(feedbackReport(['Feedback-Type: not-spam', `Original-Rcpt-To: ${recipient}`]))).toBeNull();
    expect(await readMailboxReport(feedbackReport(['Feedback-Type: auth-failure', 'Auth-Failure: dkim']))).toBeNull();
    expect(await readMailboxReport(feedbackReport(['Version: 1']))).toBeNull();
  });
});
