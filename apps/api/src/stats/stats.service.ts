import { Injectable } from '@nestjs/common';
import { MESSAGE_TYPES } from '@app/database';
import { MessageCounts, MessageCountsRow, MessageStatsRepository, StatsBucketSize } from '@app/messages';
import { WorkspaceId } from '@app/workspace-id';
import type { StatsPeriod } from './stats.dto';
import { CountsByTypeResponse, StatsBucketResponse, StatsResponse } from './stats.response';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** How many buckets of which size each period shows, the current one included. */
const PERIODS: Record<StatsPeriod, { size: StatsBucketSize; count: number }> = {
  '24h': { size: 'hour', count: 24 },
  '7d': { size: 'day', count: 7 },
  '30d': { size: 'day', count: 30 },
};

const zero = (): MessageCounts => ({ sent: 0, failed: 0, opened: 0, clicked: 0, bounced: 0, complained: 0 });
const emptyCounts = (): CountsByTypeResponse => ({ transactional: zero(), marketing: zero() });

function add(into: MessageCounts, counts: MessageCounts): void {
  for (const counter of Object.keys(into) as Array<keyof MessageCounts>) into[counter] += counts[counter];
}

@Injectable()
export class StatsService {
  constructor(private readonly stats: MessageStatsRepository) {}

  async get(workspaceId: WorkspaceId, period: StatsPeriod, now = new Date()): Promise<StatsResponse> {
    const { size, count } = PERIODS[period];
    const step = size === 'hour' ? HOUR_MS : DAY_MS;
    // Buckets are UTC hours or days, as the counters are kept.
    const current = Math.floor(now.getTime() / step) * step;
    const first = current - (count - 1) * step;
    const [rows, queued] = await Promise.all([
      this.stats.countsSince(workspaceId, new Date(first), size),
      this.stats.unfinished(workspaceId),
    ]);
    const buckets: StatsBucketResponse[] = Array.from({ length: count }, (_, index) => ({
      start: new Date(first + index * step),
      ...emptyCounts(),
    }));
    const totals = emptyCounts();
    for (const row of rows) this.count(row, buckets[(row.start.getTime() - first) / step], totals);
    return { period, bucket: size, buckets, totals, queued };
  }

  private count(row: MessageCountsRow, bucket: StatsBucketResponse | undefined, totals: CountsByTypeResponse): void {
    if (!bucket || !MESSAGE_TYPES.includes(row.type)) return;
    add(bucket[row.type], row);
    add(totals[row.type], row);
  }
}
