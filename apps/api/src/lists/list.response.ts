import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ContactEntity, ListEntity, ListMembershipEntity, MEMBERSHIP_STATUSES, MembershipStatus } from '@app/database';

export class ListCountsResponse {
  @ApiProperty() subscribed: number;
  @ApiProperty() unsubscribed: number;
}

export class ListResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ type: ListCountsResponse }) counts: ListCountsResponse;
  @ApiProperty() createdAt: Date;

  static from(list: ListEntity, counts: ListCountsResponse = { subscribed: 0, unsubscribed: 0 }): ListResponse {
    return { id: list.id, name: list.name, description: list.description, counts, createdAt: list.createdAt };
  }
}

export class ListListResponse {
  @ApiProperty({ type: [ListResponse] }) data: ListResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class RejectedEmailResponse {
  @ApiProperty({ description: 'As it was sent' }) email: string;
  @ApiProperty({ example: 'not a valid email address' }) reason: string;
}

export class AddListContactsResponse {
  @ApiProperty({ description: 'Contacts that joined the list (subscribed)' }) added: number;
  @ApiProperty({ description: 'Contacts already on the list; an unsubscribed one stays unsubscribed' }) alreadyMembers: number;
  @ApiProperty({ description: 'Entries that repeat an earlier one of the same request (case-insensitively)' }) duplicates: number;
  @ApiProperty({ description: 'Contacts created for addresses that had none' }) contactsCreated: number;
  @ApiProperty({ type: [RejectedEmailResponse] }) rejected: RejectedEmailResponse[];
}

export class RejectedRowResponse {
  @ApiProperty({ description: 'Row number as a spreadsheet shows it: the header is row 1' }) row: number;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ example: 'not a valid email address' }) reason: string;
}

export class ImportListContactsResponse {
  @ApiProperty({ description: 'Rows that created a new contact' }) imported: number;
  @ApiProperty({ description: 'Rows that updated an existing contact (non-empty cells only)' }) updated: number;
  @ApiProperty({ description: 'Contacts that joined the list' }) added: number;
  @ApiProperty({ description: 'Contacts already on the list; an unsubscribed one stays unsubscribed' }) alreadyMembers: number;
  @ApiProperty({ type: [RejectedRowResponse], description: 'The first 1000 rejected rows' }) rejected: RejectedRowResponse[];
  @ApiProperty({ description: 'All rejected rows, also those beyond the first 1000' }) rejectedCount: number;
}

export class ListMemberResponse {
  @ApiProperty({ format: 'uuid' }) contactId: string;
  @ApiProperty() email: string;
  @ApiPropertyOptional({ nullable: true, type: String }) firstName: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastName: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) attributes: Record<string, unknown>;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES }) status: MembershipStatus;
  @ApiProperty({ description: 'When the contact joined the list' }) addedAt: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) unsubscribedAt: Date | null;

  static from(membership: ListMembershipEntity & { contact: ContactEntity }): ListMemberResponse {
    const { contact } = membership;
    return {
      contactId: membership.contactId,
      email: contact.email,
      firstName: contact.firstName,
      lastName: contact.lastName,
      attributes: contact.attributes,
      status: membership.status,
      addedAt: membership.createdAt,
      unsubscribedAt: membership.unsubscribedAt,
    };
  }
}

export class ListMemberListResponse {
  @ApiProperty({ type: [ListMemberResponse] }) data: ListMemberResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
