import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const STATS_PERIODS = ['24h', '7d', '30d'] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];

export class StatsQuery {
  @ApiPropertyOptional({ enum: STATS_PERIODS, default: '24h', description: '24h in hourly buckets; 7d and 30d in daily ones (UTC days)' })
  @IsOptional()
  @IsIn(STATS_PERIODS)
  period?: StatsPeriod;
}
