import { Controller, Delete, Get, HttpCode, Param, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, UserPrincipal } from '@app/tenancy';
import { AccountService } from './account.service';
import { SessionDocs } from './auth-openapi';
import { SessionListResponse } from './auth.response';
import { UuidParamPipe } from '../http/uuid-param.pipe';

@ApiTags('auth')
@Controller('v1/auth/sessions')
export class SessionsController {
  constructor(private readonly account: AccountService) {}

  @Get()
  @ApiOperation({ summary: "The signed-in person's live sessions: browser, address, last use" })
  @SessionDocs(false)
  @ApiOkResponse({ type: SessionListResponse })
  async list(@CurrentUser() principal: UserPrincipal): Promise<SessionListResponse> {
    return { data: await this.account.listSessions(principal) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'End one of your sessions',
    description: 'Its next request gets 401; ending the current one also clears its cookie.',
  })
  @SessionDocs(true)
  @ApiNoContentResponse({ description: 'Ended' })
  @ApiNotFoundResponse({ description: 'No session of yours has this id' })
  end(
    @CurrentUser() principal: UserPrincipal,
    @Param('id', new UuidParamPipe('Session')) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    return this.account.endSession(principal, id, response);
  }
}
