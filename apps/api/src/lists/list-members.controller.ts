import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentWorkspace } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { readCsvBody } from './csv-body';
import { AddListContactsDto, ListMembersQuery, UpdateMembershipDto } from './list.dto';
import { AddListContactsResponse, ImportListContactsResponse, ListMemberListResponse, ListMemberResponse } from './list.response';
import { ListMembersService } from './list-members.service';

const LIST_ID = new UuidParamPipe('List');
const CONTACT_ID = new UuidParamPipe('Contact');

@ApiTags('lists')
@ApiBearerAuth()
@Controller('v1/workspaces/:ws/lists/:id')
export class ListMembersController {
  constructor(private readonly members: ListMembersService) {}

  @Post('contacts')
  @HttpCode(200)
  @ApiOkResponse({ type: AddListContactsResponse })
  @ApiNotFoundResponse({ description: 'The list, or one of contactIds, is not in this workspace' })
  add(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @Param('id', LIST_ID) id: string,
    @Body() dto: AddListContactsDto,
  ): Promise<AddListContactsResponse> {
    return this.members.add(workspaceId, id, dto);
  }

  @Get('contacts')
  @ApiOkResponse({ type: ListMemberListResponse })
  list(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @Param('id', LIST_ID) id: string,
    @Query() query: ListMembersQuery,
  ): Promise<ListMemberListResponse> {
    return this.members.list(workspaceId, id, query);
  }

  @Patch('contacts/:contactId')
  @ApiOkResponse({ type: ListMemberResponse })
  update(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @Param('id', LIST_ID) id: string,
    @Param('contactId', CONTACT_ID) contactId: string,
    @Body() dto: UpdateMembershipDto,
  ): Promise<ListMemberResponse> {
    return this.members.setStatus(workspaceId, id, contactId, dto.status);
  }

  @Delete('contacts/:contactId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed from the list; the contact stays' })
  remove(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @Param('id', LIST_ID) id: string,
    @Param('contactId', CONTACT_ID) contactId: string,
  ): Promise<void> {
    return this.members.remove(workspaceId, id, contactId);
  }

  @Post('import')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({
    description:
      'UTF-8 CSV (a BOM is fine; "," ";" or tab), header row first. Columns: email (required), first_name/firstName, ' +
      'last_name/lastName; any other column becomes an attribute. Blank cells keep stored values. At most 5 MB and ' +
      'CSV_IMPORT_MAX_ROWS rows (100,000 unless configured) after the header; all rows are imported or none.',
    schema: { type: 'string', example: 'email,first_name,last_name,plan\nada@example.com,Ada,Lovelace,pro\n' },
  })
  @ApiOkResponse({ type: ImportListContactsResponse })
  @ApiPayloadTooLargeResponse({
    description: 'The body is larger than 5 MB, or has more rows than CSV_IMPORT_MAX_ROWS; nothing was imported',
  })
  @ApiUnsupportedMediaTypeResponse({ description: 'The body is not sent as text/csv' })
  async import(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @Param('id', LIST_ID) id: string,
    @Req() request: Request,
  ): Promise<ImportListContactsResponse> {
    return this.members.import(workspaceId, id, await readCsvBody(request));
  }
}
