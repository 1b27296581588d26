import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BROADCAST_STATUSES, BroadcastEntity, BroadcastStatus } from '@app/database';
import type { BroadcastCounts } from '@app/marketing';
import { MailboxResponse } from '../messages/message.response';

export class BroadcastCountsResponse {
  @ApiProperty({ description: 'Messages made for subscribed, unsuppressed members so far' }) recipients: number;
  @ApiProperty({ description: 'Waiting or being sent' }) queued: number;
  @ApiProperty() sent: number;
  @ApiProperty() failed: number;
  @ApiProperty({ description: 'Messages with a human open' }) opened: number;
  @ApiProperty({ description: 'Messages with a human click' }) clicked: number;
  @ApiProperty() unsubscribed: number;
  @ApiProperty({ description: 'Sent, then bounced for good (hard bounce read back from the watched mailbox); counted in sent too' })
  bounced: number;
  @ApiProperty({ description: 'Messages whose recipient complained (marked it as spam)' }) complained: number;
  @ApiProperty({ description: 'Members left out: unsubscribed from the list, or suppressed' }) skipped: number;
}

export class BroadcastResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) listId: string;
  @ApiPropertyOptional({ nullable: true, type: MailboxResponse, description: "null: the marketing integration's default sender" })
  from: MailboxResponse | null;
  @ApiProperty() subject: string;
  @ApiPropertyOptional({ nullable: true, type: String }) html: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) text: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The stored template its content comes from; null when written by hand (or the template was deleted)',
  })
  templateId: string | null;
  @ApiProperty({ nullable: true, type: Number, description: "The template's version it sends; null: its latest, taken when sent" })
  templateVersion: number | null;
  @ApiProperty({ enum: BROADCAST_STATUSES }) status: BroadcastStatus;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Why a failed broadcast stopped (e.g. "subject: template render limit exceeded")',
  })
  failureReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) scheduledAt: Date | null;
  @ApiProperty({ type: BroadcastCountsResponse }) counts: BroadcastCountsResponse;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) startedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) finishedAt: Date | null;

  static from(broadcast: BroadcastEntity, counts: BroadcastCounts): BroadcastResponse {
    return {
      id: broadcast.id,
      name: broadcast.name,
      listId: broadcast.listId,
      from: broadcast.fromEmail ? { email: broadcast.fromEmail, ...(broadcast.fromName ? { name: broadcast.fromName } : {}) } : null,
      subject: broadcast.subject,
      html: broadcast.html,
      text: broadcast.text,
      templateId: broadcast.templateId,
      templateVersion: broadcast.templateVersion,
      status: broadcast.status,
      failureReason: broadcast.failureReason,
      scheduledAt: broadcast.scheduledAt,
      counts: {
        recipients: broadcast.recipients,
        queued: counts.queued,
        sent: counts.sent,
        failed: counts.failed,
        opened: counts.opened,
        clicked: counts.clicked,
        unsubscribed: counts.unsubscribed,
        bounced: counts.bounced,
        complained: counts.complained,
        skipped: broadcast.skipped + counts.suppressed,
      },
      createdAt: broadcast.createdAt,
      startedAt: broadcast.startedAt,
      finishedAt: broadcast.finishedAt,
    };
  }
}

export class BroadcastListResponse {
  @ApiProperty({ type: [BroadcastResponse] }) data: BroadcastResponse[];
}
