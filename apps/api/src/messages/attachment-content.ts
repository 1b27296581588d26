import { detectExtension, detectMimeType } from 'nodemailer/lib/mime-funcs';

export const MAX_FILENAME_LENGTH = 255;

// C0 and C1 controls and DEL, and Unicode format characters: a right-to-left override makes
// "invoice\u202Efdp.exe" read as "invoiceexe.pdf" in a mail client, and zero-width characters
// hide an extension from a reader.
const INVISIBLE_OR_CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
// Windows drops trailing dots and spaces from a name, so "tool.exe. " would open as "tool.exe".
const TRAILING_DOTS_AND_SPACES = /[. ]+$/;

/**
 * The name a file goes out under: its last path segment (either slash, since mail clients on
 * Windows read a backslash as one), without control or invisible characters, trailing dots and
 * spaces, or surrounding whitespace. Empty when nothing is left of it.
 */
export function safeFilename(name: string): string {
  const lastSegment = name.split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment.replace(INVISIBLE_OR_CONTROL, '').trim().replace(TRAILING_DOTS_AND_SPACES, '');
  return /^\.*$/.test(cleaned) ? '' : cleaned;
}

/** The extension of a name, lower case, without the dot; '' when it has none. */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot <= 0 ? '' : filename.slice(dot + 1).toLowerCase();
}

/**
 * The declared content type, or the one the name's extension stands for in nodemailer's table
 * (the one nodemailer itself would put in the part's header without one), else
 * application/octet-stream.
 */
export function contentTypeFor(filename: string, declared: string | undefined): string {
  return declared ?? detectMimeType(filename);
}

/** The extension a content type stands for (`application/x-msdownload` → `exe`), '' for none known. */
export function extensionForContentType(contentType: string): string {
  const essence = contentType.split(';')[0]!.trim().toLowerCase();
  const extension = detectExtension(essence);
  // nodemailer's answers for a type it does not know, and for application/octet-stream.
  return extension === 'bin' || extension === '*' ? '' : extension;
}

// RFC 4648 §4, the alphabet with + and /, padded; MIME's line breaks are allowed between characters.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const LINE_BREAK = /[\r\n]/;
const LINE_BREAKS = /[\r\n]/g;

/** The canonical base64 of `content` (line breaks removed), or null when it is not base64 at all. */
export function canonicalBase64(content: string): string | null {
  const compact = LINE_BREAK.test(content) ? content.replace(LINE_BREAKS, '') : content;
  return compact.length % 4 === 0 && BASE64.test(compact) ? compact : null;
}

/** Bytes the canonical base64 `text` decodes to, without decoding it. */
export function decodedLength(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/**
 * What an executable or a script is by its first bytes, as the extension it would carry, whatever
 * its name says: a Windows PE image (`MZ` with a `PE` header where the DOS header points), an ELF
 * or Mach-O binary, a script starting with `#!/`. Null for anything else.
 */
export function executableKind(content: Buffer): string | null {
  if (content.length >= 0x40 && content.readUInt16LE(0) === 0x5a4d) {
    const peOffset = content.readUInt32LE(0x3c);
    if (peOffset + 4 <= content.length && content.readUInt32LE(peOffset) === 0x00004550) return 'exe';
  }
  if (content.length >= 4) {
    const magic = content.readUInt32BE(0);
    if (magic === 0x7f454c46) return 'elf';
    if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe].includes(magic)) return 'app';
  }
  return content.subarray(0, 3).toString('latin1') === '#!/' ? 'sh' : null;
}
