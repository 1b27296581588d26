import { Logger } from '@nestjs/common';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { OPEN_PIXEL_CONTENT_TYPE, OPEN_PIXEL_GIF } from '@app/tracking';
import { classifyError } from '../http/error-classification';
import { andThen, MaybePromise } from './maybe-promise';
import { TrackingHit, TrackingService } from './tracking.service';
import { discardUnsubscribeBody, isUnsubscribePost } from './unsubscribe-body';

const TRACKING_PATH = /^\/t\/([oc])\/([A-Za-z0-9_-]{1,200})(?:\?.*)?$/;
const NO_STORE = 'no-store, no-cache, must-revalidate, private';
const NOT_FOUND = JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'Unknown tracking link' });
const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };
const logger = new Logger('tracking');

/** Express's compiled `trust proxy` setting: may the address `hops` steps from the client's socket vouch for the one before it. */
export type TrustProxyFn = (address: string, hops: number) => boolean;

/** The address Express's `req.ip` would give: walk X-Forwarded-For back from the socket while each hop is a trusted proxy. */
export function clientIp(request: IncomingMessage, trust: TrustProxyFn): string | null {
  let address = request.socket.remoteAddress ?? null;
  const forwarded = request.headers['x-forwarded-for'];
  // Checked before splitting the header, so with TRUST_PROXY off a forwarded hit costs nothing more.
  if (!address || !forwarded || !trust(address, 0)) return address;
  const hops = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded).split(',');
  for (let hop = 0; hop < hops.length && trust(address, hop); hop++) address = hops[hops.length - 1 - hop]!.trim();
  return address;
}

/** A whole answer, headers included, so the pixel and the 404 are built once rather than per hit. */
interface Answer {
  status: number;
  headers: Record<string, string | number>;
  body: string | Buffer;
}

function answerWith(status: number, headers: Record<string, string>, body: string | Buffer): Answer {
  return { status, headers: { 'Cache-Control': NO_STORE, 'Content-Length': Buffer.byteLength(body), ...headers }, body };
}

const PIXEL = answerWith(200, { 'Content-Type': OPEN_PIXEL_CONTENT_TYPE, Pragma: 'no-cache' }, OPEN_PIXEL_GIF);
const UNKNOWN = answerWith(404, JSON_HEADERS, NOT_FOUND);

function send(response: ServerResponse, { status, headers, body }: Answer, head: boolean): void {
  response.writeHead(status, headers);
  response.end(head ? undefined : body);
}

function sendError(response: ServerResponse, error: unknown, head: boolean): void {
  const { status, error: title, message, retryAfterSeconds } = classifyError(error);
  logger.error({ err: error }, 'tracking request failed');
  const headers: Record<string, string> = { ...JSON_HEADERS };
  if (retryAfterSeconds) headers['Retry-After'] = String(retryAfterSeconds);
  send(response, answerWith(status, headers, JSON.stringify({ statusCode: status, error: title, message })), head);
}

function answerOf(kind: 'o' | 'c', hit: TrackingHit, tracking: TrackingService): MaybePromise<Answer> {
  return kind === 'o'
    ? andThen(tracking.open(hit), (recorded) => (recorded ? PIXEL : UNKNOWN))
    : andThen(tracking.click(hit), (url) => (url === null ? UNKNOWN : answerWith(302, { Location: url }, '')));
}

/** Answers in the same turn when everything needed is in memory (see MaybePromise). */
function answer(kind: 'o' | 'c', hit: TrackingHit, response: ServerResponse, tracking: TrackingService): void {
  const head = hit.method === 'HEAD';
  try {
    const result = answerOf(kind, hit, tracking);
    if (result instanceof Promise) {
      result.then((ready) => send(response, ready, head)).catch((error: unknown) => sendError(response, error, head));
    } else {
      send(response, result, head);
    }
  } catch (error) {
    sendError(response, error, head);
  }
}

/**
 * Opens and clicks are the busiest requests Mailroom gets (every image proxy, scanner and
 * reader), and they need none of the API's machinery: no authentication, body parsing,
 * validation or per-request logger, which together cost several times the tracking work itself.
 * So `GET|HEAD /t/o/{token}` and `/t/c/{token}` are answered by the HTTP server ahead of Express;
 * everything else goes on to Express as before, one-click unsubscribes once their body is read
 * and dropped (see discardUnsubscribeBody).
 */
export function serveTrackingAheadOfExpress(server: Server, tracking: TrackingService, trust: TrustProxyFn): void {
  const express = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const match = request.method === 'GET' || request.method === 'HEAD' ? TRACKING_PATH.exec(request.url ?? '') : null;
    if (!match) {
      const toExpress = () => {
        for (const listener of express) listener(request, response);
      };
      if (isUnsubscribePost(request)) discardUnsubscribeBody(request, response, toExpress);
      else toExpress();
      return;
    }
    const hit: TrackingHit = {
      token: match[2]!,
      method: request.method!,
      userAgent: request.headers['user-agent'] ?? null,
      ip: clientIp(request, trust),
    };
    answer(match[1] as 'o' | 'c', hit, response, tracking);
  });
}
