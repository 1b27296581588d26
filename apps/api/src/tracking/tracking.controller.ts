import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@app/tenancy';
import { OPEN_PIXEL_CONTENT_TYPE, OPEN_PIXEL_GIF } from '@app/tracking';
import { TrackingHit, TrackingService } from './tracking.service';

const NO_STORE = 'no-store, no-cache, must-revalidate, private';

function hitOf(request: Request, token: string): TrackingHit {
  return { token, method: request.method, userAgent: request.get('user-agent') ?? null, ip: request.ip ?? null };
}

/** Public endpoints in every tracked mail; answered straight from Express for speed. */
@Public()
@ApiTags('tracking')
@Controller('t')
export class TrackingController {
  constructor(private readonly tracking: TrackingService) {}

  @Get('o/:token')
  @ApiProduces('image/gif')
  @ApiOkResponse({ description: 'A 1×1 transparent GIF (Cache-Control: no-store); the open is recorded' })
  @ApiNotFoundResponse({ description: 'Unknown or tampered token: nothing recorded' })
  async open(@Param('token') token: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    if (!(await this.tracking.open(hitOf(request, token)))) {
      response.status(404).set('Cache-Control', NO_STORE).json({ statusCode: 404, error: 'Not Found', message: 'Unknown tracking link' });
      return;
    }
    response.status(200).set({ 'Content-Type': OPEN_PIXEL_CONTENT_TYPE, 'Cache-Control': NO_STORE, Pragma: 'no-cache' }).end(OPEN_PIXEL_GIF);
  }

  @Get('c/:token')
  @ApiFoundResponse({ description: "Redirect to the link's original URL; the click is recorded" })
  @ApiNotFoundResponse({ description: 'Unknown or tampered token: no redirect' })
  async click(@Param('token') token: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const url = await this.tracking.click(hitOf(request, token));
    if (url === null) {
      response.status(404).set('Cache-Control', NO_STORE).json({ statusCode: 404, error: 'Not Found', message: 'Unknown tracking link' });
      return;
    }
    response.status(302).set({ Location: url, 'Cache-Control': NO_STORE }).end();
  }
}
