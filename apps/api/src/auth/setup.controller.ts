import { Body, Controller, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DashboardForm } from '@app/tenancy';
import { DashboardFormDocs } from './auth-openapi';
import { SetupDto } from './auth.dto';
import { SetupResponse } from './auth.response';
import { FirstRunService } from './first-run.service';

@ApiTags('auth')
@Controller('v1/auth/setup')
export class SetupController {
  constructor(private readonly firstRun: FirstRunService) {}

  @Post()
  @DashboardForm()
  @ApiOperation({
    summary: 'Create the first operator',
    description: 'With the token of the single-use set-up link Mailroom prints at start while no operator exists. Sign in afterwards.',
  })
  @DashboardFormDocs('the set-up token is mistyped, used or expired')
  @ApiCreatedResponse({ type: SetupResponse })
  @ApiBadRequestResponse({ description: 'A field is missing or malformed, or the password breaks the rule, named in the message' })
  @ApiConflictResponse({ description: 'An operator exists already (the link has been used), or the email belongs to an existing person' })
  setup(@Body() dto: SetupDto): Promise<SetupResponse> {
    return this.firstRun.setup(dto);
  }
}
