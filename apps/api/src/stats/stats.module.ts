import { Module } from '@nestjs/common';
import { MessagesModule } from '@app/messages';
import { StatsController } from './stats.controller';
import { StatsService } from './stats.service';

@Module({
  imports: [MessagesModule],
  controllers: [StatsController],
  providers: [StatsService],
})
export class StatsModule {}
