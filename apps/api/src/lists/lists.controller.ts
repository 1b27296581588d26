import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentWorkspace } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { PageQuery } from '../http/page-query.dto';
import { CreateListDto, UpdateListDto } from './list.dto';
import { ListListResponse, ListResponse } from './list.response';
import { ListsService } from './lists.service';

const LIST_ID = new UuidParamPipe('List');

@ApiTags('lists')
@ApiBearerAuth()
@Controller('v1/workspaces/:ws/lists')
export class ListsController {
  constructor(private readonly lists: ListsService) {}

  @Post()
  @ApiCreatedResponse({ type: ListResponse })
  create(@CurrentWorkspace() workspaceId: WorkspaceId, @Body() dto: CreateListDto): Promise<ListResponse> {
    return this.lists.create(workspaceId, dto);
  }

  @Get()
  @ApiOkResponse({ type: ListListResponse })
  list(@CurrentWorkspace() workspaceId: WorkspaceId, @Query() query: PageQuery): Promise<ListListResponse> {
    return this.lists.list(workspaceId, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ListResponse })
  get(@CurrentWorkspace() workspaceId: WorkspaceId, @Param('id', LIST_ID) id: string): Promise<ListResponse> {
    return this.lists.get(workspaceId, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ListResponse })
  update(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @Param('id', LIST_ID) id: string,
    @Body() dto: UpdateListDto,
  ): Promise<ListResponse> {
    return this.lists.update(workspaceId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted with its memberships; the contacts stay' })
  remove(@CurrentWorkspace() workspaceId: WorkspaceId, @Param('id', LIST_ID) id: string): Promise<void> {
    return this.lists.remove(workspaceId, id);
  }
}
