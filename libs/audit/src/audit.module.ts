import { Module } from '@nestjs/common';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditLog } from './audit-log.service';

const providers = [AuditLog, AuditEventsRepository];

@Module({ providers, exports: providers })
export class AuditModule {}
