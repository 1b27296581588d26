import { Module } from '@nestjs/common';
import { ConfigModule } from '@app/config';
import { CryptoModule } from '@app/crypto';
import { DatabaseModule } from '@app/database';
import { LoggingModule } from '@app/logging';
import { RedisModule } from '@app/redis';
import { TenancyModule } from '@app/tenancy';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { WorkspacesModule } from './workspaces/workspaces.module';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    RedisModule,
    CryptoModule,
    TenancyModule,
    MetricsModule,
    HealthModule,
    WorkspacesModule,
    ApiKeysModule,
  ],
})
export class ApiModule {}
