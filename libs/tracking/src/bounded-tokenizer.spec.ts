import type { Token, TokenHandler } from 'parse5';
import { liveHeapBytes } from '../../../test/support/live-heap';
import { BoundedTokenizer } from './bounded-tokenizer';

const MB = 1024 * 1024;
const CHUNK = 256 * 1024;

/** Collects start tags and their kept attributes; everything else is ignored. */
class StartTags implements TokenHandler {
  readonly tags: Array<{ name: string; attrs: Record<string, string>; hrefAt?: [number, number] }> = [];
  onStartTag(token: Token.TagToken): void {
    const href = token.location?.attrs?.href;
    this.tags.push({
      name: token.tagName,
      attrs: Object.fromEntries(token.attrs.map((attribute) => [attribute.name, attribute.value])),
      ...(href ? { hrefAt: [href.startOffset, href.endOffset] as [number, number] } : {}),
    });
  }
  onEndTag(): void {}
  onComment(): void {}
  onDoctype(): void {}
  onEof(): void {}
  onCharacter(): void {}
  onNullCharacter(): void {}
  onWhitespaceCharacter(): void {}
}

const bounds = { keptAttributes: new Set(['href']), maxValueLength: 100 };

/**
 * The most heap the tokenizer holds between chunks of `html`, that is while it is inside one of
 * its tokens, beyond the source of that token (which a streaming tokenizer keeps until the token ends).
 */
function peakHeldWhileReading(tokenizer: BoundedTokenizer, html: string): number {
  const before = liveHeapBytes();
  let peak = 0;
  for (let offset = 0; offset < html.length; offset += CHUNK) {
    tokenizer.write(html.slice(offset, offset + CHUNK), offset + CHUNK >= html.length);
    peak = Math.max(peak, liveHeapBytes() - before);
  }
  return peak - html.length;
}

const run = 'x'.repeat(MB);
const LONG_RUNS: Array<[string, string]> = [
  ['a run of text', `<p>${run}</p>`],
  ['a comment', `<!--${run}-->`],
  ['an attribute value', `<div title="${run}">`],
  ['a kept attribute value', `<a href="${run}">`],
  ['an attribute name', `<div ${run}=1>`],
  ['a tag name', `<${run}>`],
  ['a doctype', `<!DOCTYPE ${run}>`],
];

describe('BoundedTokenizer', () => {
  it("reports start tags, kept attributes and their source offsets as parse5's tokenizer does", () => {
    const html = '<!-- <a href="x"> --><A class=big HREF = \'https://e.test/?a=1&amp;b\' HREF="dup">1</A><img src=i.png>';
    const bounded = new StartTags();
    new BoundedTokenizer(bounded, bounds).write(html, true);
    expect(bounded.tags).toEqual([
      { name: 'a', attrs: { href: 'https://e.test/?a=1&b' }, hrefAt: [html.indexOf('HREF'), html.indexOf(' HREF="dup"')] },
      { name: 'img', attrs: {} },
    ]);
  });

  it('keeps a value one character past the cap, so the reader can tell it was cut', () => {
    const bounded = new StartTags();
    new BoundedTokenizer(bounded, bounds).write(`<a href="${'y'.repeat(500)}">`, true);
    expect(bounded.tags[0]!.attrs.href).toHaveLength(101);
  });

  it.each(LONG_RUNS)('holds under 256 KB while reading 1 MB of %s', (_case, html) => {
    expect(peakHeldWhileReading(new BoundedTokenizer(new StartTags(), bounds), html)).toBeLessThan(MB / 4);
  });
});
