import { Body, Controller, Delete, HttpCode, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, UserPrincipal } from '@app/tenancy';
import { AccountService } from './account.service';
import { SessionDocs, ThrottleDocs } from './auth-openapi';
import { SecondFactorCodeDto } from './auth.dto';
import { RecoveryCodesResponse, TotpEnrollmentResponse } from './auth.response';
import { Client, ClientInfo } from './client.decorator';

@ApiTags('auth')
@Controller('v1/auth/totp')
export class SecondFactorController {
  constructor(private readonly account: AccountService) {}

  @Post()
  @ApiOperation({
    summary: 'Enrol a TOTP second factor (RFC 6238)',
    description: 'A new secret for an authenticator app; it is in force only once POST /v1/auth/totp/confirm confirms a code from it.',
  })
  @SessionDocs(true)
  @ApiCreatedResponse({ type: TotpEnrollmentResponse })
  @ApiConflictResponse({ description: 'A second factor is enabled already' })
  enroll(@CurrentUser() principal: UserPrincipal): Promise<TotpEnrollmentResponse> {
    return this.account.enrollSecondFactor(principal);
  }

  @Post('confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the enrolled secret with a code: from now on, sign-in asks for one' })
  @SessionDocs(true)
  @ApiOkResponse({ type: RecoveryCodesResponse, description: 'Enabled; the recovery codes are shown only here' })
  @ApiBadRequestResponse({ description: 'code is not 6 digits' })
  @ApiConflictResponse({ description: 'Nothing is being enrolled, or it is enabled already' })
  @ApiUnprocessableEntityResponse({ description: 'The code does not match the enrolled secret' })
  @ThrottleDocs()
  async confirm(
    @CurrentUser() principal: UserPrincipal,
    @Body() dto: SecondFactorCodeDto,
    @Client() client: ClientInfo,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RecoveryCodesResponse> {
    return { recoveryCodes: await this.account.confirmSecondFactor(principal, dto.code, client, response) };
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Turn the second factor off', description: 'Takes a current code or a recovery code.' })
  @SessionDocs(true)
  @ApiNoContentResponse({ description: 'Off: sign-in takes email and password only' })
  @ApiBadRequestResponse({ description: 'code is neither 6 digits nor a recovery code' })
  @ApiConflictResponse({ description: 'No second factor is enabled' })
  @ApiUnprocessableEntityResponse({ description: 'The code is wrong, expired or already used' })
  @ThrottleDocs()
  disable(
    @CurrentUser() principal: UserPrincipal,
    @Body() dto: SecondFactorCodeDto,
    @Client() client: ClientInfo,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    return this.account.disableSecondFactor(principal, dto.code, client, response);
  }
}
