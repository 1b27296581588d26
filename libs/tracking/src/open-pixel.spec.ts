import { OPEN_PIXEL_GIF, openPixelHtml } from './open-pixel';

describe('open pixel', () => {
  it('is a 43-byte GIF89a of 1×1 with colour 0 transparent', () => {
    expect(OPEN_PIXEL_GIF).toHaveLength(43);
    expect(OPEN_PIXEL_GIF.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    expect(OPEN_PIXEL_GIF.readUInt16LE(6)).toBe(1);
    expect(OPEN_PIXEL_GIF.readUInt16LE(8)).toBe(1);
    const graphicControl = OPEN_PIXEL_GIF.indexOf(Buffer.of(0x21, 0xf9));
    expect(OPEN_PIXEL_GIF[graphicControl + 3]! & 0x01).toBe(1);
    expect(OPEN_PIXEL_GIF[OPEN_PIXEL_GIF.length - 1]).toBe(0x3b);
  });

  it('escapes the URL in the img tag', () => {
    expect(openPixelHtml('https://x.test/t/o/a?b=1&c="2"')).toContain('src="https://x.test/t/o/a?b=1&amp;c=&quot;2&quot;"');
  });
});
