import { ApiProperty } from '@nestjs/swagger';
import type { TemplateError, TemplateField } from '@app/templating';

// Nullable fields are always present, so they are required in the schema: the client's types say so.
const TEMPLATE_FIELDS: TemplateField[] = ['subject', 'html', 'text'];

export class TemplateProblemResponse {
  @ApiProperty({ enum: TEMPLATE_FIELDS }) field: TemplateField;
  @ApiProperty({ example: 'html: tag {% if contact.first_name %} not closed, line:2, col:1' }) message: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: "1-based line in the field's source; null when the problem has no place",
  })
  line: number | null;
  @ApiProperty({ nullable: true, type: Number }) column: number | null;

  static from(error: TemplateError): TemplateProblemResponse {
    return { field: error.field, message: error.message, line: error.position?.line ?? null, column: error.position?.column ?? null };
  }
}

export class PreviewContactResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
}

export class BroadcastPreviewResponse {
  @ApiProperty({ nullable: true, type: String, description: 'null when the subject has a problem' }) subject: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null when there is no HTML, or it has a problem' }) html: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null when there is no text, or it has a problem' }) text: string | null;
  @ApiProperty({ nullable: true, type: PreviewContactResponse, description: 'Whom it was rendered for' })
  contact: PreviewContactResponse | null;
  @ApiProperty({
    type: [TemplateProblemResponse],
    description: 'Every field that cannot be parsed or rendered, with where: a send would be refused for these',
  })
  errors: TemplateProblemResponse[];
}
