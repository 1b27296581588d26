import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, DashboardForm, UserPrincipal } from '@app/tenancy';
import { AccountService } from './account.service';
import { DashboardFormDocs, SessionDocs, ThrottleDocs } from './auth-openapi';
import { ChangePasswordDto, LoginDto } from './auth.dto';
import { MeResponse } from './auth.response';
import { Client, ClientInfo } from './client.decorator';
import { SignInService } from './sign-in.service';

@ApiTags('auth')
@Controller('v1/auth')
export class SignInController {
  constructor(
    private readonly signIn: SignInService,
    private readonly account: AccountService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @DashboardForm()
  @ApiOperation({
    summary: 'Sign in',
    description:
      'Sets the session cookie mailroom_session (HttpOnly, SameSite=Lax, Secure on https). With a second factor enabled, `code` is needed too.',
  })
  @DashboardFormDocs()
  @ApiOkResponse({ type: MeResponse, description: 'Signed in; the answer carries Set-Cookie' })
  @ApiBadRequestResponse({ description: 'A field is missing or malformed, named in the message' })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password (one answer for both), "second factor required", or a wrong code' })
  @ThrottleDocs()
  login(@Body() dto: LoginDto, @Client() client: ClientInfo, @Res({ passthrough: true }) response: Response): Promise<MeResponse> {
    return this.signIn.login(dto, client, response);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session' })
  @SessionDocs(true)
  @ApiNoContentResponse({ description: 'Ended; the cookie is cleared and its next request gets 401' })
  logout(@CurrentUser() principal: UserPrincipal, @Res({ passthrough: true }) response: Response): Promise<void> {
    return this.signIn.logout(principal, response);
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in person and their workspaces' })
  @SessionDocs(false)
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentUser() principal: UserPrincipal): Promise<MeResponse> {
    return this.account.me(principal);
  }

  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change the password', description: "Ends the person's other sessions and gives this one a new cookie." })
  @SessionDocs(true)
  @ApiNoContentResponse({ description: 'Changed; the answer carries the new cookie' })
  @ApiBadRequestResponse({ description: 'next breaks the password rule (at least 12 characters, not a common one), named in the message' })
  @ApiUnprocessableEntityResponse({ description: 'current is not the current password' })
  @ThrottleDocs()
  changePassword(
    @CurrentUser() principal: UserPrincipal,
    @Body() dto: ChangePasswordDto,
    @Client() client: ClientInfo,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    return this.account.changePassword(principal, dto, client, response);
  }
}
