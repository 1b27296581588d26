import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { IntegrationsModule } from '@app/integrations';
import { TemplatesModule } from '@app/templates';
import { MessagesApiModule } from '../messages/messages.module';
import { TemplateContentService } from './template-content.service';
import { TemplateVersionsController } from './template-versions.controller';
import { TemplatesController } from './templates.controller';
import { TemplatesService } from './templates.service';

@Module({
  imports: [AuditModule, IntegrationsModule, MessagesApiModule, TemplatesModule],
  controllers: [TemplatesController, TemplateVersionsController],
  providers: [TemplatesService, TemplateContentService],
  exports: [TemplatesService],
})
export class TemplatesApiModule {}
