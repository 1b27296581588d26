import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentWorkspace } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { ListContactsQuery, UpdateContactDto, UpsertContactDto } from './contact.dto';
import { ContactListResponse, ContactResponse } from './contact.response';
import { ContactsService } from './contacts.service';

const CONTACT_ID = new UuidParamPipe('Contact');

@ApiTags('contacts')
@ApiBearerAuth()
@Controller('v1/workspaces/:ws/contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Post()
  @ApiCreatedResponse({ type: ContactResponse, description: 'No contact had this address: created' })
  @ApiOkResponse({ type: ContactResponse, description: 'A contact had this address (in any case): updated' })
  async upsert(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @Body() dto: UpsertContactDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ContactResponse> {
    const outcome = await this.contacts.upsert(workspaceId, dto);
    if (!outcome.created) response.status(200);
    return outcome.contact;
  }

  @Get()
  @ApiOkResponse({ type: ContactListResponse })
  list(@CurrentWorkspace() workspaceId: WorkspaceId, @Query() query: ListContactsQuery): Promise<ContactListResponse> {
    return this.contacts.list(workspaceId, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ContactResponse })
  get(@CurrentWorkspace() workspaceId: WorkspaceId, @Param('id', CONTACT_ID) id: string): Promise<ContactResponse> {
    return this.contacts.get(workspaceId, id);
  }

  @Patch(':id')
  @ApiConflictResponse({ description: 'The new email belongs to another contact' })
  @ApiOkResponse({ type: ContactResponse })
  update(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @Param('id', CONTACT_ID) id: string,
    @Body() dto: UpdateContactDto,
  ): Promise<ContactResponse> {
    return this.contacts.update(workspaceId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted, and removed from every list' })
  remove(@CurrentWorkspace() workspaceId: WorkspaceId, @Param('id', CONTACT_ID) id: string): Promise<void> {
    return this.contacts.remove(workspaceId, id);
  }
}
