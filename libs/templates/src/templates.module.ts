import { Module } from '@nestjs/common';
import { TemplateResolver } from './template-resolver';
import { TemplatesRepository } from './templates.repository';

@Module({ providers: [TemplatesRepository, TemplateResolver], exports: [TemplatesRepository, TemplateResolver] })
export class TemplatesModule {}
