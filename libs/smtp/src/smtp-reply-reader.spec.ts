import { MAX_SMTP_REPLY_BYTES, SmtpReply, SmtpReplyReader } from './smtp-reply-reader';

function readAll(bytes: Buffer, chunkSize: number): SmtpReply[] {
  const replies: SmtpReply[] = [];
  const reader = new SmtpReplyReader((reply) => replies.push(reply));
  for (let start = 0; start < bytes.length; start += chunkSize) reader.push(bytes.subarray(start, start + chunkSize));
  return replies;
}

describe('SmtpReplyReader', () => {
  it('reads a multi-line reply split into one-byte chunks, CRLF or bare LF, UTF-8 intact', () => {
    const wire = Buffer.from('220 mx.example.com ready\r\n250-mx.example.com grüßt dich\r\n250-PIPELINING\n250 STARTTLS\r\n');

    const replies = readAll(wire, 1);

    expect(replies).toEqual([
      { code: 220, lines: ['220 mx.example.com ready'] },
      { code: 250, lines: ['250-mx.example.com grüßt dich', '250-PIPELINING', '250 STARTTLS'] },
    ]);
  });

  it('scans each byte once: 1 MB of near-limit lines in one-byte chunks reads in linear time', () => {
    const line = `250 ${'x'.repeat(MAX_SMTP_REPLY_BYTES - 100)}\r\n`;
    const wire = Buffer.from(line.repeat(Math.ceil((1024 * 1024) / line.length)));

    // Re-reading the unfinished line on every byte, as before, takes minutes on this input: far past the test's time-out.
    const replies = readAll(wire, 1);

    expect(replies).toHaveLength(Math.ceil((1024 * 1024) / line.length));
    expect(replies.every((reply) => reply.code === 250 && reply.lines[0] === line.trimEnd())).toBe(true);
  });

  it('accepts a line of exactly 64 KB with its CRLF and refuses one byte more, however it is chunked', () => {
    const exact = Buffer.concat([Buffer.from('250 '), Buffer.alloc(MAX_SMTP_REPLY_BYTES - 6, 'a'), Buffer.from('\r\n')]);
    expect(readAll(exact, 4096)).toEqual([{ code: 250, lines: [exact.toString().trimEnd()] }]);

    const over = Buffer.concat([exact.subarray(0, -2), Buffer.from('a\r\n')]);
    expect(() => readAll(over, 4096)).toThrow('the server sent a reply line longer than 64 KB');
    expect(() => readAll(over, over.length)).toThrow('the server sent a reply line longer than 64 KB');
  });

  it('refuses a reply whose lines together pass 64 KB', () => {
    const wire = Buffer.from('250-continued\r\n'.repeat(MAX_SMTP_REPLY_BYTES / 15 + 1));

    expect(() => readAll(wire, 1000)).toThrow('the server sent a reply longer than 64 KB');
  });

  it('counts a reply afresh once it ends, so a long session of short replies is fine', () => {
    const wire = Buffer.from('250-a\r\n250 b\r\n'.repeat(10_000));

    expect(readAll(wire, 777)).toHaveLength(10_000);
  });
});
