import { Controller, Get, Param, Post, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@app/tenancy';
import { sendHtmlPage } from '../http/html-page';
import { Unsubscription, UnsubscribeService } from './unsubscribe.service';

const ONE_CLICK = { 'List-Unsubscribe': 'One-Click' };

function scope(unsubscription: Unsubscription): string {
  return unsubscription.listName ? `the list “${unsubscription.listName}”` : 'these mailings';
}

const UNKNOWN_LINK = { title: 'Link not recognised', message: 'This unsubscribe link is not valid. Nothing was changed.' };

/** `List-Unsubscribe` target (RFC 8058) and the page a person sees when opening it. */
@Public()
@ApiTags('tracking')
@ApiProduces('text/html')
@Controller('u')
export class UnsubscribeController {
  constructor(private readonly unsubscribe: UnsubscribeService) {}

  @Get(':token')
  @ApiOkResponse({ description: 'A confirmation page; looking at it changes nothing (scanners fetch links)' })
  @ApiNotFoundResponse({ description: 'Unknown or tampered token' })
  async confirm(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const preview = await this.unsubscribe.preview(token);
    if (!preview) return sendHtmlPage(response, 404, UNKNOWN_LINK);
    sendHtmlPage(response, 200, {
      title: 'Unsubscribe',
      message: `Stop sending ${preview.emails.join(', ')} mail from ${scope(preview)}?`,
      form: { fields: ONE_CLICK, button: 'Unsubscribe' },
    });
  }

  /**
   * Mail clients post `List-Unsubscribe=One-Click` here without asking the person again. Any POST
   * to a valid token unsubscribes, whatever its body: RFC 8058 allows multipart/form-data too, and
   * the token alone says who (the body was read and dropped before Express, see unsubscribe-body.ts).
   */
  @Post(':token')
  @ApiConsumes('application/x-www-form-urlencoded', 'multipart/form-data')
  @ApiBody({
    required: false,
    description: 'RFC 8058 sends List-Unsubscribe=One-Click; any body (or none, up to 16 KB) is accepted and ignored',
    schema: { type: 'object', properties: { 'List-Unsubscribe': { type: 'string', enum: ['One-Click'] } } },
  })
  @ApiOkResponse({ description: 'Unsubscribed (RFC 8058 one-click)' })
  @ApiNotFoundResponse({ description: 'Unknown or tampered token' })
  @ApiPayloadTooLargeResponse({ description: 'A body over 16 KB; nothing was changed' })
  async oneClick(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const done = await this.unsubscribe.unsubscribe(token);
    if (!done) return sendHtmlPage(response, 404, UNKNOWN_LINK);
    sendHtmlPage(response, 200, { title: 'Unsubscribed', message: `${done.emails.join(', ')} will get no more mail from ${scope(done)}.` });
  }
}
