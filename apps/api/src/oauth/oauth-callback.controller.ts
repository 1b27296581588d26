import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiFoundResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@app/tenancy';
import { sendCallbackOutcome } from './callback-page';
import { CallbackParams, OAuthConnectFlowService } from './oauth-connect-flow.service';
import { RedirectUriResponse } from './oauth-redirect-uri.response';

const HTML = { 'text/html': { schema: { type: 'string' } } };

/**
 * Where Microsoft and Google send the admin's browser after the consent screen. Public: the browser
 * carries no API key; the single-use state, bound to a workspace and an integration, is the credential.
 */
@ApiTags('integrations')
@Public()
@Controller('v1/oauth2')
export class OAuthCallbackController {
  constructor(private readonly flow: OAuthConnectFlowService) {}

  @Get('callback')
  @ApiProduces('text/html')
  @ApiQuery({ name: 'code', required: false, description: 'The authorization code (absent when consent was refused)' })
  @ApiQuery({ name: 'state', required: false, description: 'The single-use state of POST …/oauth2/authorize' })
  @ApiQuery({ name: 'error', required: false, description: "The provider's error, e.g. access_denied when consent was refused" })
  @ApiQuery({ name: 'error_description', required: false })
  @ApiFoundResponse({
    description: 'Refresh token stored; redirect to the returnUrl given to authorize (a dashboard page on PUBLIC_BASE_URL)',
  })
  @ApiOkResponse({
    description: 'Refresh token stored; a short success page (no returnUrl, or one that is not a dashboard page)',
    content: HTML,
  })
  @ApiBadRequestResponse({
    description:
      'Unknown, used or expired state (a generic page: nothing the provider sent is shown); no code; no refresh token; provider error',
    content: HTML,
  })
  @ApiForbiddenResponse({ description: 'Consent was refused (error=access_denied)', content: HTML })
  @ApiNotFoundResponse({ description: 'The integration was deleted during sign-in', content: HTML })
  @ApiConflictResponse({ description: 'The integration changed during sign-in, or can no longer connect', content: HTML })
  @ApiBadGatewayResponse({ description: 'The provider refused or failed the code exchange', content: HTML })
  async callback(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    sendCallbackOutcome(res, await this.flow.complete(callbackParams(query)));
  }

  /**
   * The callback's own address, for the person registering an OAuth client before any integration
   * exists; the dashboard may be opened at another origin than PUBLIC_BASE_URL (DASHBOARD_ORIGINS).
   */
  @Get('redirect-uri')
  @ApiOkResponse({ type: RedirectUriResponse })
  redirectUri(): RedirectUriResponse {
    return { redirectUri: this.flow.redirectUri };
  }
}

// A repeated parameter arrives as an array: only a single string counts.
function callbackParams(query: Record<string, unknown>): CallbackParams {
  const one = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  return { code: one(query.code), state: one(query.state), error: one(query.error), errorDescription: one(query.error_description) };
}
