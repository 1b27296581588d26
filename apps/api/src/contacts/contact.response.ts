import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ContactEntity } from '@app/database';

export class ContactResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ada@example.com' }) email: string;
  @ApiPropertyOptional({ nullable: true, type: String }) firstName: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastName: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) attributes: Record<string, unknown>;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static from(contact: ContactEntity): ContactResponse {
    return {
      id: contact.id,
      email: contact.email,
      firstName: contact.firstName,
      lastName: contact.lastName,
      attributes: contact.attributes,
      createdAt: contact.createdAt,
      updatedAt: contact.updatedAt,
    };
  }
}

export class ContactListResponse {
  @ApiProperty({ type: [ContactResponse] }) data: ContactResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor:
    string | null;
}
