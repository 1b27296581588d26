import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentWorkspace, PlatformOnly } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { PageQuery } from '../http/page-query.dto';
import { AuditPageResponse } from './audit.response';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('workspaces/:ws/audit')
  @ApiOperation({ summary: "The workspace's audit log, newest first", description: 'Admins, admin keys and operators.' })
  @ApiBadRequestResponse({ description: 'cursor is not a value this API returned, or limit is out of range' })
  @ApiForbiddenResponse({ description: 'The caller is not an admin of the workspace (or the key lacks the admin scope)' })
  @ApiNotFoundResponse({ description: 'No such workspace for this caller' })
  @ApiOkResponse({ type: AuditPageResponse })
  workspaceLog(@CurrentWorkspace() workspaceId: WorkspaceId, @Query() query: PageQuery): Promise<AuditPageResponse> {
    return this.audit.page(workspaceId, query);
  }

  @Get('audit')
  @PlatformOnly()
  @ApiOperation({ summary: 'The operator-level audit log: workspaces created, operator sign-ins, set-up', description: 'Operators only.' })
  @ApiBadRequestResponse({ description: 'cursor is not a value this API returned, or limit is out of range' })
  @ApiForbiddenResponse({ description: 'The caller is not an operator' })
  @ApiOkResponse({ type: AuditPageResponse })
  operatorLog(@Query() query: PageQuery): Promise<AuditPageResponse> {
    return this.audit.page(null, query);
  }
}
