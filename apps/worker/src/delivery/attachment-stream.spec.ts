import { randomBytes } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { ATTACHMENT_SLICE_BYTES, attachmentStream } from './attachment-stream';

describe('attachmentStream', () => {
  const file = randomBytes(ATTACHMENT_SLICE_BYTES * 2 + 1234);
  const reads: Array<[number, number]> = [];
  const readSlice = async (offset: number, length: number) => {
    reads.push([offset, length]);
    return file.subarray(offset, offset + length);
  };

  beforeEach(() => (reads.length = 0));

  it('gives the file whole, read slice by slice', async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of attachmentStream(readSlice, file.length, 'a.bin')) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(file)).toBe(true);
    expect(reads).toEqual([
      [0, ATTACHMENT_SLICE_BYTES],
      [ATTACHMENT_SLICE_BYTES, ATTACHMENT_SLICE_BYTES],
      [2 * ATTACHMENT_SLICE_BYTES, 1234],
    ]);
  });

  it('reads nothing until its consumer asks', async () => {
    const stream = attachmentStream(readSlice, file.length, 'a.bin');
    await new Promise((resolve) => setImmediate(resolve));
    expect(reads).toEqual([]);
    stream.destroy();
  });

  it('fails, naming the file, when it is gone before its end', async () => {
    const stream = attachmentStream(
      async (offset) => (offset === 0 ? file.subarray(0, ATTACHMENT_SLICE_BYTES) : null),
      file.length,
      'invoice.pdf',
    );
    await expect(text(stream)).rejects.toThrow(/attachment invoice.pdf is no longer stored/);
  });
});
