import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { BounceParticulars, MessageEntity } from '@app/database';
import type { ReadonlyIntegration } from '@app/integrations';
import { MessagesRepository } from '@app/messages';
import { trustedWorkspaceId } from '@app/workspace-id';
import { readMailboxReport } from './mailbox-report';
import type { MailboxReport } from './mailbox-report.types';
import { mailroomMessageId } from './mailroom-message-id';
import { MailboxReportRecorder, type ReportFinding } from './mailbox-report-recorder';

/** What became of one message read from a watched mailbox; only `recorded` and `duplicate` are moved to the processed folder. */
export type IntakeOutcome = 'recorded' | 'duplicate' | 'not_ours' | 'not_a_report';

/**
 * Reads one message of a watched mailbox: a delivery report or complaint about a message this
 * integration sent is recorded; anything else (a reply, an out-of-office, a report about mail
 * Mailroom did not send) is left alone. A report only ever reaches messages of the integration
 * whose mailbox it was found in, so no workspace can affect another's messages.
 */
@Injectable()
export class MailboxReportIntake {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly recorder: MailboxReportRecorder,
  ) {}

  async take(integration: ReadonlyIntegration, raw: Buffer): Promise<IntakeOutcome> {
    const report = await readMailboxReport(raw);
    if (!report) return 'not_a_report';
    const message = await this.messageOf(integration, report);
    if (!message) return 'not_ours';
    const finding = findingOf(report, message);
    if (!finding) return 'not_ours';
    const key = createHash('sha256').update(raw).digest('hex');
    return (await this.recorder.record(integration.id, key, message, finding)) ? 'recorded' : 'duplicate';
  }

  private async messageOf(integration: ReadonlyIntegration, report: MailboxReport): Promise<MessageEntity | null> {
    for (const header of report.originalMessageIds) {
      const id = mailroomMessageId(header);
      if (!id) continue;
      const message = await this.messages.findById(trustedWorkspaceId(integration.workspaceId), id);
      if (message && message.integrationId === integration.id) return message;
    }
    return null;
  }
}

/** The report's recipients that the message was sent to; a report naming none of them says nothing about it. */
function findingOf(report: MailboxReport, message: MessageEntity): ReportFinding | null {
  const sentTo = new Set([...message.to, ...message.cc, ...message.bcc].map((mailbox) => mailbox.email.toLowerCase()));
  if (report.type === 'complaint') {
    // A feedback report often redacts the address; the message's only recipient is then the one who complained.
    const named = report.recipients.map((recipient) => recipient.toLowerCase()).find((recipient) => sentTo.has(recipient));
    const recipient = named ?? (sentTo.size === 1 ? [...sentTo][0] : undefined);
    return recipient ? { type: 'complaint', complaint: { recipient, feedbackType: report.feedbackType } } : null;
  }
  const bounces: BounceParticulars[] = report.recipients
    .filter((bounce) => sentTo.has(bounce.recipient.toLowerCase()))
    .map((bounce) => ({
      recipient: bounce.recipient.toLowerCase(),
      kind: bounce.kind,
      status: bounce.status,
      diagnostic: bounce.diagnostic ?? null,
      reportingMta: report.reportingMta ?? bounce.remoteMta ?? null,
    }));
  return bounces.length > 0 ? { type: 'bounce', bounces } : null;
}
