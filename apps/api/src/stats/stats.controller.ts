import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentWorkspace } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { StatsQuery } from './stats.dto';
import { StatsResponse } from './stats.response';
import { StatsService } from './stats.service';

@ApiTags('stats')
@ApiBearerAuth()
@Controller('v1/workspaces/:ws/stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get()
  @ApiOperation({
    summary: 'Sent, failed, opened and clicked per hour or day and message type, and what is queued now',
    description: 'Opens and clicks count people only: proxies and scanners are classified and left out.',
  })
  @ApiBadRequestResponse({ description: 'period is not one of 24h, 7d, 30d' })
  @ApiOkResponse({ type: StatsResponse })
  get(@CurrentWorkspace() workspaceId: WorkspaceId, @Query() query: StatsQuery): Promise<StatsResponse> {
    return this.stats.get(workspaceId, query.period ?? '24h');
  }
}
