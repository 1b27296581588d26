import { ApiProperty } from '@nestjs/swagger';
import type { TemplateVersionEntity } from '@app/database';
import type { StoredTemplate } from '@app/templates';
import { TemplateProblemResponse } from '../broadcasts/broadcast-preview.response';

// Nullable fields are always present, so they are required in the schema: the client's types say so.
export class TemplateResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'password-reset' }) key: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The latest version: what sends use unless they name another', example: 3 }) version: number;
  @ApiProperty() subject: string;
  @ApiProperty({ nullable: true, type: String }) html: string | null;
  @ApiProperty({ nullable: true, type: String }) text: string | null;
  @ApiProperty({ description: 'A variable the data lacks is an error at send instead of blank' }) strict: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ description: 'When the latest version was written' }) updatedAt: Date;

  static from(template: StoredTemplate): TemplateResponse {
    const { id, key, name, version, subject, html, text, strict, createdAt, updatedAt } = template;
    return { id, key, name, version, subject, html, text, strict, createdAt, updatedAt };
  }
}

export class TemplateListResponse {
  @ApiProperty({ type: [TemplateResponse] }) data: TemplateResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class TemplateVersionResponse {
  @ApiProperty({ format: 'uuid' }) templateId: string;
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty() name: string;
  @ApiProperty() subject: string;
  @ApiProperty({ nullable: true, type: String }) html: string | null;
  @ApiProperty({ nullable: true, type: String }) text: string | null;
  @ApiProperty() strict: boolean;
  @ApiProperty({ description: 'When this version was written' }) createdAt: Date;

  static from(version: TemplateVersionEntity): TemplateVersionResponse {
    const { templateId, name, subject, html, text, strict, createdAt } = version;
    return { templateId, version: version.version, name, subject, html, text, strict, createdAt };
  }
}

export class TemplateVersionListResponse {
  @ApiProperty({ type: [TemplateVersionResponse], description: 'Newest first' }) data: TemplateVersionResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class RenderedTemplateResponse {
  @ApiProperty() subject: string;
  @ApiProperty({ nullable: true, type: String, description: 'null when the template has no HTML part' }) html: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null when the template has no text part' }) text: string | null;
}

export class TemplateContentPreviewResponse {
  @ApiProperty({ nullable: true, type: String, description: 'null when the subject has a problem' }) subject: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null when there is no HTML, or it has a problem' }) html: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null when there is no text, or it has a problem' }) text: string | null;
  @ApiProperty({
    type: [TemplateProblemResponse],
    description: 'Every field that cannot be parsed or rendered with this data, with where: saving or sending would be refused for these',
  })
  errors: TemplateProblemResponse[];
}
