import { Module } from '@nestjs/common';
import { ConfigModule } from '@app/config';
import { CryptoModule } from '@app/crypto';
import { DatabaseModule } from '@app/database';
import { LoggingModule } from '@app/logging';
import { RedisModule } from '@app/redis';

/** The worker: a Nest application context (no HTTP server) running the BullMQ processors. */
@Module({
  imports: [ConfigModule, LoggingModule, DatabaseModule, RedisModule, CryptoModule],
})
export class WorkerModule {}
