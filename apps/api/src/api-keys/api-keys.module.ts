import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { RedisModule } from '@app/redis';
import { TenancyModule } from '@app/tenancy';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';

@Module({
  imports: [AuditModule, RedisModule, TenancyModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysService],
  exports: [ApiKeysService],
})
export class ApiKeysModule {}
