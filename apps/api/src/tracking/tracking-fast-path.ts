import { Logger } from '@nestjs/common';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { OPEN_PIXEL_CONTENT_TYPE, OPEN_PIXEL_GIF } from '@app/tracking';
import { classifyError } from '../http/error-classification';
import { TrackingHit, TrackingService } from './tracking.service';

const TRACKING_PATH = /^\/t\/([oc])\/([A-Za-z0-9_-]{1,200})(?:\?.*)?$/;
const NO_STORE = 'no-store, no-cache, must-revalidate, private';
const NOT_FOUND = JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'Unknown tracking link' });
const logger = new Logger('tracking');

function clientIp(request: IncomingMessage): string | null {
  // The API runs with `trust proxy`, so the first forwarded address is the client's, as Express reads it.
  const forwarded = request.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || request.socket.remoteAddress || null;
}

function send(response: ServerResponse, status: number, headers: Record<string, string | number>, body: string | Buffer, head: boolean): void {
  response.writeHead(status, { 'Cache-Control': NO_STORE, 'Content-Length': Buffer.byteLength(body), ...headers });
  response.end(head ? undefined : body);
}

async function answer(kind: 'o' | 'c', hit: TrackingHit, response: ServerResponse, tracking: TrackingService): Promise<void> {
  const head = hit.method === 'HEAD';
  try {
    if (kind === 'o') {
      if (await tracking.open(hit)) return send(response, 200, { 'Content-Type': OPEN_PIXEL_CONTENT_TYPE, Pragma: 'no-cache' }, OPEN_PIXEL_GIF, head);
    } else {
      const url = await tracking.click(hit);
      if (url !== null) return send(response, 302, { Location: url }, '', head);
    }
    send(response, 404, { 'Content-Type': 'application/json; charset=utf-8' }, NOT_FOUND, head);
  } catch (error) {
    const { status, error: title, message, retryAfterSeconds } = classifyError(error);
    logger.error({ err: error }, 'tracking request failed');
    const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
    if (retryAfterSeconds) headers['Retry-After'] = String(retryAfterSeconds);
    send(response, status, headers, JSON.stringify({ statusCode: status, error: title, message }), head);
  }
}

/**
 * Opens and clicks are the busiest requests Mailroom gets (every image proxy, scanner and
 * reader), and they need none of the API's machinery: no authentication, body parsing,
 * validation or per-request logger, which together cost several times the tracking work itself.
 * So `GET|HEAD /t/o/{token}` and `/t/c/{token}` are answered by the HTTP server ahead of Express;
 * everything else goes on to Express as before.
 */
export function serveTrackingAheadOfExpress(server: Server, tracking: TrackingService): void {
  const express = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const match = request.method === 'GET' || request.method === 'HEAD' ? TRACKING_PATH.exec(request.url ?? '') : null;
    if (!match) {
      for (const listener of express) listener(request, response);
      return;
    }
    const hit: TrackingHit = { token: match[2]!, method: request.method!, userAgent: request.headers['user-agent'] ?? null, ip: clientIp(request) };
    void answer(match[1] as 'o' | 'c', hit, response, tracking);
  });
}
