import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { isUtf8 } from 'node:buffer';
import type { Request } from 'express';

export const MAX_CSV_BYTES = 5 * 1024 * 1024;

const CSV_TYPES = /^(text|application)\/csv\s*(;|$)/i;

/**
 * The request body of a CSV upload, checked to be UTF-8. The app's body parsers handle only JSON
 * and forms, so the stream is read here, with a cap. Past the cap the rest is read and dropped
 * before the 413 is sent, as body-parser does, so the client sees the answer instead of a reset connection.
 */
export async function readCsvBody(request: Request, maxBytes = MAX_CSV_BYTES): Promise<Buffer> {
  const type = request.headers['content-type'] ?? '';
  if (!CSV_TYPES.test(type)) {
    throw new UnsupportedMediaTypeException(`Send the file as the request body with Content-Type: text/csv (got ${type || 'none'})`);
  }
  const tooLarge = () =>
    new PayloadTooLargeException(`The CSV is larger than ${maxBytes / 1024 / 1024} MB; split it into smaller files and import each`);

  // Should a text body parser be registered app-wide one day, take what it read.
  const parsed: unknown = request.body;
  if (typeof parsed === 'string' || Buffer.isBuffer(parsed)) {
    if (Buffer.byteLength(parsed) > maxBytes) throw tooLarge();
    return typeof parsed === 'string' ? Buffer.from(parsed) : checkUtf8(parsed);
  }

  const chunks: Buffer[] = [];
  let size = 0;
  let overflow = Number(request.headers['content-length']) > maxBytes;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    if (overflow) continue;
    size += chunk.length;
    if (size > maxBytes) {
      overflow = true;
      chunks.length = 0;
      continue;
    }
    chunks.push(chunk);
  }
  if (overflow) throw tooLarge();
  return checkUtf8(Buffer.concat(chunks));
}

/** A file saved in a legacy encoding (Windows-1252 from Excel) is refused, not imported garbled. */
function checkUtf8(bytes: Buffer): Buffer {
  if (!isUtf8(bytes)) throw new BadRequestException(['The CSV is not valid UTF-8; save it as "CSV UTF-8" and upload it again']);
  return bytes;
}
