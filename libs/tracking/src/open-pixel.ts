import { escapeAttributeValue } from './html-attribute';

/**
 * A 1×1 transparent GIF, 43 bytes, written out field by field from the GIF89a specification
 * so the smallest image every mail client can decode is served without reading a file.
 */
export const OPEN_PIXEL_GIF: Buffer = Buffer.concat([
  Buffer.from('GIF89a', 'latin1'),
  // Logical screen: 1×1, global colour table present with 2 entries, background index 0.
  Buffer.of(0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00),
  // Global colour table: white, black.
  Buffer.of(0xff, 0xff, 0xff, 0x00, 0x00, 0x00),
  // Graphic control extension: colour 0 is transparent.
  Buffer.of(0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00),
  // Image descriptor: at 0,0, 1×1, no local colour table.
  Buffer.of(0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00),
  // Image data: LZW minimum code size 2, one 2-byte sub-block (clear, pixel 0, end), terminator.
  Buffer.of(0x02, 0x02, 0x44, 0x01, 0x00),
  // Trailer.
  Buffer.of(0x3b),
]);

export const OPEN_PIXEL_CONTENT_TYPE = 'image/gif';

/** Width/height attributes as well as CSS: Outlook's Word renderer ignores CSS sizes. */
export function openPixelHtml(url: string): string {
  return `<img src="${escapeAttributeValue(url)}" width="1" height="1" border="0" alt="" style="display:block;width:1px;height:1px;border:0;" />`;
}
