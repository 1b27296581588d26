import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { MEMBERSHIP_STATUSES, MembershipStatus } from '@app/database';
import { PageQuery } from '../http/page-query.dto';
import { NoLineBreaks } from '../http/no-line-breaks.validator';

export const MAX_CONTACTS_PER_REQUEST = 10_000;

export class CreateListDto {
  @ApiProperty({ example: 'Newsletter' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoLineBreaks()
  name: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'Monthly product news' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;
}

export class UpdateListDto {
  @ApiPropertyOptional({ example: 'Newsletter' })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoLineBreaks()
  name?: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'null clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;
}

/** Exactly one of the two; the service says so when both or neither are given. */
export class AddListContactsDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_CONTACTS_PER_REQUEST,
    description: 'Contacts of this workspace; any unknown id → 404, nothing added',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CONTACTS_PER_REQUEST)
  @IsUUID('all', { each: true, message: 'each value in contactIds must be a UUID' })
  contactIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_CONTACTS_PER_REQUEST,
    example: ['ada@example.com'],
    description: 'Addresses without a contact get one; invalid addresses are reported in `rejected`, the rest are still added',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CONTACTS_PER_REQUEST)
  @IsString({ each: true })
  emails?: string[];
}

export class UpdateMembershipDto {
  @ApiProperty({ enum: MEMBERSHIP_STATUSES })
  @IsIn(MEMBERSHIP_STATUSES)
  status: MembershipStatus;
}

export class ListMembersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MEMBERSHIP_STATUSES })
  @IsOptional()
  @IsIn(MEMBERSHIP_STATUSES)
  status?: MembershipStatus;
}
