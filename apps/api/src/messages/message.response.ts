import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { MessageAttachment } from '@app/messages';
import {
  BounceParticulars,
  ComplaintParticulars,
  Mailbox,
  MESSAGE_EVENT_TYPES,
  MESSAGE_STATUSES,
  MESSAGE_TYPES,
  MessageEntity,
  MessageEventEntity,
  MessageEventType,
  MessageStatus,
  MessageType,
} from '@app/database';

export class MailboxResponse {
  @ApiProperty() email: string;
  @ApiPropertyOptional() name?: string;
}

export class SmtpResultResponse {
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The Message-ID header Mailroom set' }) messageId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The SMTP server's last reply" }) response: string | null;
}

export class MessageErrorResponse {
  @ApiProperty() code: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ nullable: true, type: String }) hint: string | null;
}

export class BounceReportResponse {
  @ApiProperty() recipient: string;
  @ApiProperty({ enum: ['hard', 'soft'], description: 'hard: 5.x.x, the address is dead; soft: 4.x.x, a delay' }) kind: 'hard' | 'soft';
  @ApiProperty({ example: '5.1.1', description: 'RFC 3463 enhanced status code' }) status: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The remote server's words" }) diagnostic: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reportingMta: string | null;
}

export class ComplaintReportResponse {
  @ApiProperty() recipient: string;
  @ApiProperty({ example: 'abuse', description: 'RFC 5965 Feedback-Type' }) feedbackType: string;
}

export class MessageEventResponse {
  @ApiProperty({ enum: MESSAGE_EVENT_TYPES }) type: MessageEventType;
  @ApiProperty() at: Date;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional() url?: string;
  @ApiPropertyOptional({ description: 'Machine traffic (proxy, scanner), not counted as a person' }) bot?: boolean;
  @ApiPropertyOptional({ type: BounceReportResponse, description: 'On bounce events: what the delivery report said' })
  bounce?: BounceReportResponse;
  @ApiPropertyOptional({ type: ComplaintReportResponse, description: 'On complaint events' }) complaint?: ComplaintReportResponse;
}

export class MessageAttachmentResponse {
  @ApiProperty({ example: 'invoice-2026-001.pdf' }) filename: string;
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
  @ApiProperty({ description: 'Bytes, decoded' }) size: number;
  @ApiProperty({ description: 'Of the bytes, lower-case hex: the same file has the same digest in every message' }) sha256: string;
  @ApiPropertyOptional({ description: 'Set for an inline part, which the HTML shows as cid:<contentId>' }) contentId?: string;
}

export class MessageTrackingResponse {
  @ApiProperty({ description: 'The open pixel was asked for' }) opens: boolean;
  @ApiProperty({ description: 'Click tracking was asked for' }) clicks: boolean;
  @ApiPropertyOptional({ description: 'Why the body went out without tracking, e.g. "body larger than 5 MB: sent without tracking"' })
  skipped?: string;
}

export class AcceptedMessageResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MESSAGE_STATUSES }) status: MessageStatus;
}

export class BatchAcceptedResponse {
  @ApiProperty({ type: [AcceptedMessageResponse] }) data: AcceptedMessageResponse[];
}

export class MessageSummaryResponse extends AcceptedMessageResponse {
  @ApiProperty({ enum: MESSAGE_TYPES }) type: MessageType;
  @ApiProperty({ type: MailboxResponse }) from: Mailbox;
  @ApiProperty({ type: [MailboxResponse] }) to: Mailbox[];
  @ApiProperty() subject: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) sentAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date, description: 'When the recipient first complained (marked it as spam)' })
  complainedAt: Date | null;

  static from(message: MessageEntity): MessageSummaryResponse {
    return {
      id: message.id,
      status: message.status,
      type: message.type,
      from: message.fromName ? { email: message.fromEmail, name: message.fromName } : { email: message.fromEmail },
      to: message.to,
      subject: message.subject,
      attempts: message.attempts,
      tags: message.tags,
      createdAt: message.createdAt,
      sentAt: message.sentAt,
      complainedAt: message.complainedAt,
    };
  }
}

export class MessageResponse extends MessageSummaryResponse {
  @ApiProperty({ type: [MailboxResponse] }) cc: Mailbox[];
  @ApiProperty({ type: [MailboxResponse] }) bcc: Mailbox[];
  @ApiProperty({ type: SmtpResultResponse }) smtp: SmtpResultResponse;
  @ApiPropertyOptional({ type: MessageErrorResponse, nullable: true }) error: MessageErrorResponse | null;
  @ApiProperty({ description: 'Human opens (machine fetches excluded)' }) opens: number;
  @ApiProperty({ description: 'Human clicks (machine fetches excluded)' }) clicks: number;
  @ApiProperty({ type: [MessageEventResponse] }) events: MessageEventResponse[];
  @ApiProperty({ type: MessageTrackingResponse }) tracking: MessageTrackingResponse;
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata: Record<string, unknown>;
  @ApiProperty({
    type: [MessageAttachmentResponse],
    description: 'Never their content; empty once the body was purged (retention) or erased',
  })
  attachments: MessageAttachmentResponse[];

  static withEvents(message: MessageEntity, events: MessageEventEntity[], attachments: MessageAttachment[]): MessageResponse {
    const human = (type: MessageEventType) => events.filter((event) => event.type === type && !event.bot).length;
    // Each delivery attempt that built the body records it; the first says it for all.
    const skipped = events.find((event) => event.type === 'tracking_skipped')?.detail;
    return {
      ...MessageSummaryResponse.from(message),
      cc: message.cc,
      bcc: message.bcc,
      smtp: { messageId: message.messageIdHeader, response: message.smtpResponse },
      error: message.errorCode ? { code: message.errorCode, message: message.errorMessage ?? '', hint: message.errorHint } : null,
      opens: human('open'),
      clicks: human('click'),
      events: events.map((event) => ({
        type: event.type,
        at: event.at,
        ...(event.detail ? { detail: event.detail } : {}),
        ...(event.url ? { url: event.url } : {}),
        ...(event.type === 'open' || event.type === 'click' ? { bot: event.bot } : {}),
        ...(event.type === 'bounce' && event.report ? { bounce: event.report as BounceParticulars } : {}),
        ...(event.type === 'complaint' && event.report ? { complaint: event.report as ComplaintParticulars } : {}),
      })),
      tracking: { opens: message.trackingOpens, clicks: message.trackingClicks, ...(skipped ? { skipped } : {}) },
      metadata: message.metadata,
      attachments: attachments.map(({ filename, contentType, size, sha256, contentId }) => ({
        filename,
        contentType,
        size,
        sha256,
        ...(contentId ? { contentId } : {}),
      })),
    };
  }
}

export class MessageListResponse {
  @ApiProperty({ type: [MessageSummaryResponse] }) data: MessageSummaryResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}
