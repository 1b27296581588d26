import { Module } from '@nestjs/common';
import { MarketingModule } from '@app/marketing';
import { SuppressionsController } from './suppressions.controller';
import { SuppressionsService } from './suppressions.service';

@Module({
  imports: [MarketingModule],
  controllers: [SuppressionsController],
  providers: [SuppressionsService],
})
export class SuppressionsModule {}
