import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DashboardForm } from '@app/tenancy';
import { DashboardFormDocs } from './auth-openapi';
import { ForgotPasswordDto, ResetPasswordDto } from './auth.dto';
import { PasswordResetService } from './password-reset.service';

@ApiTags('auth')
@DashboardForm()
@Controller('v1/auth')
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  @Post('forgot-password')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Mail a password-reset link',
    description:
      'When MAILROOM_SYSTEM_INTEGRATION names an integration and the email has an account, a single-use link to ' +
      '{PUBLIC_BASE_URL}/reset-password is mailed through it. The answer is the same either way, so it tells nobody who has an account.',
  })
  @DashboardFormDocs()
  @ApiAcceptedResponse({ description: 'Always, for any well-formed email' })
  @ApiBadRequestResponse({ description: 'email is not an email' })
  forgotPassword(@Body() dto: ForgotPasswordDto): void {
    this.resets.requestByMail(dto.email);
  }

  @Post('password-reset')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with a reset link', description: 'Ends every session of the person.' })
  @DashboardFormDocs('the link is mistyped, used or expired')
  @ApiNoContentResponse({ description: 'Changed; sign in with the new password' })
  @ApiBadRequestResponse({ description: 'The password breaks the rule (at least 12 characters, not a common one), named in the message' })
  reset(@Body() dto: ResetPasswordDto): Promise<void> {
    return this.resets.reset(dto.token, dto.password);
  }
}
