import { Readable } from 'node:stream';

// A slice is one query. PostgreSQL sends bytea as hex text, so a slice arrives as a string twice
// its size; at 48 KiB that string stays below V8's large-object size (128 KiB) and dies young,
// where larger slices made each string a large object kept until a full collection and the
// worker's memory grew by tens of MB (docs/BENCHMARKS.md, "Measured once").
export const ATTACHMENT_SLICE_BYTES = 48 * 1024;

/** Reads `length` bytes from `offset`; null when the file is gone. */
export type SliceReader = (offset: number, length: number) => Promise<Buffer | null>;

/**
 * A file of `size` bytes as a stream that reads the next slice only when its consumer (the MIME
 * encoder, itself paced by the SMTP socket) asks for more, so a send holds about one slice of a
 * file at a time and nothing before the server takes the message's data.
 */
export function attachmentStream(readSlice: SliceReader, size: number, name: string): Readable {
  let offset = 0;
  return new Readable({
    highWaterMark: ATTACHMENT_SLICE_BYTES,
    read() {
      if (offset >= size) {
        this.push(null);
        return;
      }
      readSlice(offset, Math.min(ATTACHMENT_SLICE_BYTES, size - offset)).then(
        (slice) => {
          if (!slice || slice.length === 0) {
            this.destroy(new Error(`attachment ${name} is no longer stored (${offset} of ${size} bytes read)`));
            return;
          }
          offset += slice.length;
          this.push(slice);
        },
        (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
}
