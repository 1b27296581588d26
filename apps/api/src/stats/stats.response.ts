import { ApiProperty } from '@nestjs/swagger';
import type { MessageCounts } from '@app/messages';
import { STATS_PERIODS, type StatsPeriod } from './stats.dto';

export class MessageCountsResponse implements MessageCounts {
  @ApiProperty({ description: 'Messages the SMTP server accepted' }) sent: number;
  @ApiProperty({ description: 'Messages that failed for good' }) failed: number;
  @ApiProperty({ description: 'Human opens (proxies and scanners not counted)' }) opened: number;
  @ApiProperty({ description: 'Human clicks (proxies and scanners not counted)' }) clicked: number;
  @ApiProperty({ description: 'Hard bounces read back from watched mailboxes' }) bounced: number;
  @ApiProperty({ description: 'Complaints (feedback reports) read back from watched mailboxes' }) complained: number;
}

export class CountsByTypeResponse {
  @ApiProperty({ type: MessageCountsResponse }) transactional: MessageCountsResponse;
  @ApiProperty({ type: MessageCountsResponse }) marketing: MessageCountsResponse;
}

export class StatsBucketResponse extends CountsByTypeResponse {
  @ApiProperty({ description: 'Start of the hour or UTC day the counts are of' }) start: Date;
}

export class QueuedResponse {
  @ApiProperty() transactional: number;
  @ApiProperty() marketing: number;
}

export class StatsResponse {
  @ApiProperty({ enum: STATS_PERIODS }) period: StatsPeriod;
  @ApiProperty({ enum: ['hour', 'day'] }) bucket: 'hour' | 'day';
  @ApiProperty({
    type: [StatsBucketResponse],
    description: 'Every bucket of the period, oldest first, the current one last (empty ones count 0)',
  })
  buckets: StatsBucketResponse[];
  @ApiProperty({ type: CountsByTypeResponse, description: 'The sums of the buckets' }) totals: CountsByTypeResponse;
  @ApiProperty({ type: QueuedResponse, description: 'Messages not sent yet, now: queued, or an attempt running' }) queued: QueuedResponse;
}
