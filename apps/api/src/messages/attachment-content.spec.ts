import {
  canonicalBase64,
  contentTypeFor,
  decodedLength,
  executableKind,
  extensionForContentType,
  extensionOf,
  safeFilename,
} from './attachment-content';

describe('safeFilename', () => {
  it.each([
    ['invoice.pdf', 'invoice.pdf'],
    ['/etc/passwd', 'passwd'],
    ['C:\\Users\\ada\\Documents\\report 2026.xlsx', 'report 2026.xlsx'],
    ['../../secret.txt', 'secret.txt'],
    ['bell\u0007and\ttab\r\n.txt', 'bellandtab.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['zero\u200Bwidth.pdf', 'zerowidth.pdf'],
    ['tool.exe. . ', 'tool.exe'],
    ['  padded.txt  ', 'padded.txt'],
    ['résumé – 2026.pdf', 'résumé – 2026.pdf'],
  ])('keeps the last path segment without control or invisible characters: %j → %j', (name, expected) => {
    expect(safeFilename(name)).toBe(expected);
  });

  it.each(['', 'dir/', '..', '\u0000\u0001', '   '])('leaves nothing of %j', (name) => {
    expect(safeFilename(name)).toBe('');
  });
});

describe('content types', () => {
  it('takes the declared type, else the one the extension stands for, else application/octet-stream', () => {
    expect(contentTypeFor('scan.pdf', undefined)).toBe('application/pdf');
    expect(contentTypeFor('LOGO.PNG', undefined)).toBe('image/png');
    expect(contentTypeFor('data.unknownext', undefined)).toBe('application/octet-stream');
    expect(contentTypeFor('data.bin', 'text/csv; charset=utf-8')).toBe('text/csv; charset=utf-8');
  });

  it('knows the extension a declared type stands for, and none for octet streams or types it does not know', () => {
    expect(extensionForContentType('application/x-msdownload')).toBe('exe');
    expect(extensionForContentType('Text/JavaScript; charset=utf-8')).toBe('js');
    expect(extensionForContentType('application/octet-stream')).toBe('');
    expect(extensionForContentType('application/x-made-up')).toBe('');
  });

  it('reads the last extension in lower case', () => {
    expect(extensionOf('Invoice.PDF.Exe')).toBe('exe');
    expect(extensionOf('README')).toBe('');
    expect(extensionOf('.bashrc')).toBe('');
  });
});

describe('base64', () => {
  it('accepts padded RFC 4648 base64, also wrapped in lines as MIME writes it', () => {
    const text = Buffer.from('Hello, attachments!').toString('base64');
    expect(canonicalBase64(text)).toBe(text);
    expect(canonicalBase64(`${text.slice(0, 8)}\r\n${text.slice(8)}`)).toBe(text);
    expect(canonicalBase64('')).toBe('');
  });

  it.each(['abc', 'ab$=', 'YWJj\u00e9', 'YW=j', 'YWJj-_8=', 'YWJj YWJj'])('refuses %j', (text) => {
    expect(canonicalBase64(text)).toBeNull();
  });

  it('counts the decoded bytes without decoding', () => {
    for (const size of [0, 1, 2, 3, 4, 1000, 1001]) {
      expect(decodedLength(Buffer.alloc(size, 7).toString('base64'))).toBe(size);
    }
  });
});

describe('executableKind', () => {
  const pe = () => {
    const image = Buffer.alloc(0x100);
    image.write('MZ', 0, 'latin1');
    image.writeUInt32LE(0x80, 0x3c);
    image.write('PE\0\0', 0x80, 'latin1');
    return image;
  };

  it('recognises Windows, Linux and macOS executables and scripts by their first bytes', () => {
    expect(executableKind(pe())).toBe('exe');
    expect(executableKind(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]))).toBe('elf');
    expect(executableKind(Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]))).toBe('app');
    expect(executableKind(Buffer.from('#!/bin/sh\nrm -rf ~\n'))).toBe('sh');
  });

  it('leaves documents alone, also those that merely start with MZ', () => {
    expect(executableKind(Buffer.from('%PDF-1.7\n'))).toBeNull();
    expect(executableKind(Buffer.from('MZ Logistics, quarterly report, '.repeat(4)))).toBeNull();
    expect(executableKind(Buffer.from('#! not a script'))).toBeNull();
    expect(executableKind(Buffer.alloc(0))).toBeNull();
  });
});
