import type { IncomingMessage, ServerResponse } from 'node:http';

/** RFC 8058's body is 26 bytes, a multipart one a few hundred: no mail client sends more. */
export const MAX_UNSUBSCRIBE_BODY_BYTES = 16 * 1024;

const UNSUBSCRIBE_PATH = /^\/u\/[^/?]+(?:\?.*)?$/;
const TOO_LARGE = JSON.stringify({
  statusCode: 413,
  error: 'Payload Too Large',
  message: `An unsubscribe request carries at most ${MAX_UNSUBSCRIBE_BODY_BYTES / 1024} KB; nothing was changed`,
});

export function isUnsubscribePost(request: IncomingMessage): boolean {
  return request.method === 'POST' && UNSUBSCRIBE_PATH.test(request.url ?? '');
}

function refuseTooLarge(response: ServerResponse): void {
  // Closing the connection is what stops the rest of the body from being read.
  response.writeHead(413, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(TOO_LARGE),
    Connection: 'close',
  });
  response.end(TOO_LARGE);
}

/**
 * A one-click unsubscribe is the POST to the token's URL; its body says nothing the token does
 * not. RFC 8058 lets the client send it as multipart/form-data, which Mailroom has no parser for,
 * and a JSON or urlencoded parser refuses other bodies with 400 or 415, leaving the person
 * subscribed. So the body is read here, at most MAX_UNSUBSCRIBE_BODY_BYTES of it, and thrown away
 * before Express sees the request: its body parsers skip a request whose body was read already.
 */
export function discardUnsubscribeBody(request: IncomingMessage, response: ServerResponse, then: () => void): void {
  if (Number(request.headers['content-length']) > MAX_UNSUBSCRIBE_BODY_BYTES) return refuseTooLarge(response);
  let read = 0;
  const onData = (chunk: Buffer) => {
    read += chunk.length;
    if (read <= MAX_UNSUBSCRIBE_BODY_BYTES) return;
    request.off('data', onData).off('end', then).pause();
    refuseTooLarge(response);
  };
  request.on('data', onData).once('end', then);
}
