import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

@Module({
  imports: [AuditModule],
  controllers: [AuditController],
  providers: [AuditService],
})
export class AuditApiModule {}
