import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, Principal } from '@app/tenancy';
import { WorkspaceId } from '@app/workspace-id';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import { RecipientErasureResponse } from './recipient-erasure.response';
import { RecipientErasuresService } from './recipient-erasures.service';

@ApiTags('recipients')
@ApiBearerAuth()
@Controller('v1/workspaces/:ws')
export class RecipientsController {
  constructor(private readonly erasures: RecipientErasuresService) {}

  @Delete('recipients/:email')
  @HttpCode(202)
  @ApiOperation({
    summary: "Erase an address from the workspace: its messages' content and address fields, attachments, contact and memberships",
    description:
      'Done by the worker in batches; follow it at GET …/recipient-erasures/{id}. A suppression of the address stays, as a hash only. Audited.',
  })
  @ApiParam({ name: 'email', example: 'ada@example.com' })
  @ApiAcceptedResponse({ type: RecipientErasureResponse, description: 'Accepted: the erasure is pending' })
  @ApiBadRequestResponse({ description: 'Not an email address' })
  erase(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @CurrentPrincipal() principal: Principal,
    @Param('email') email: string,
  ): Promise<RecipientErasureResponse> {
    return this.erasures.request(workspaceId, principal, email);
  }

  @Get('recipient-erasures/:id')
  @ApiOperation({ summary: 'Get an erasure: pending or completed, and what it erased' })
  @ApiOkResponse({ type: RecipientErasureResponse })
  get(
    @CurrentWorkspace() workspaceId: WorkspaceId,
    @Param('id', new UuidParamPipe('Erasure')) id: string,
  ): Promise<RecipientErasureResponse> {
    return this.erasures.get(workspaceId, id);
  }
}
