import { html as htmlSpec, type Token, type TokenHandler } from 'parse5';
import { BoundedTokenizer } from './bounded-tokenizer';
import { replaceAttributeValue } from './html-attribute';
import { OPT_OUT_ATTRIBUTE, trackableUrl } from './link-policy';
import { MarkupContext } from './markup-context';
import { openPixelHtml } from './open-pixel';

const $ = htmlSpec.TAG_ID;

export interface RewriteOptions {
  /** Add the open pixel (only when `pixelUrl` is given too). */
  opens: boolean;
  /** Route links through the click tracker. */
  clicks: boolean;
  /** The tracked URL for link number `linkIndex` (its position in `links`). */
  clickUrl: (linkIndex: number) => string;
  pixelUrl: string | null;
  /** PUBLIC_BASE_URL: links already pointing at Mailroom's own routes are left alone. */
  publicBaseUrl: string;
  /** A body larger than this (UTF-8) goes out as written, and `skipped` says so. */
  maxHtmlBytes: number;
}

export interface RewriteResult {
  html: string;
  /**
   * `links[i]` is the original, entity-decoded URL behind click index i. Every tracked occurrence
   * gets its own index, even when two links share a URL, so a report can tell the header's
   * "Shop now" from the footer's, and "every link was clicked" counts what a scanner walks.
   */
  links: string[];
  /** Why tracking was left out of a body that asked for it. */
  skipped?: string;
}

/**
 * Links longer than this stay as written. Few servers take a URL past 8 KB (nginx's default
 * header buffer), and the cap is what keeps one huge attribute from costing memory.
 */
export const MAX_TRACKED_LINK_LENGTH = 8192;

// The link and its opt-out, and the attributes that decide where SVG and MathML end
// (`<font color|face|size>` breaks out, `<annotation-xml encoding>` lets HTML in).
const KEPT_ATTRIBUTES: ReadonlySet<string> = new Set(['href', OPT_OUT_ATTRIBUTE, 'color', 'face', 'size', 'encoding']);

interface Edit {
  start: number;
  end: number;
  text: string;
}

function describeBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/**
 * Rewrites `<a href>` / `<area href>` for click tracking and adds the open pixel. parse5's
 * tokenizer (the WHATWG rules browsers use) only finds where things are; the output is the
 * original string with just those href values spliced in, so every other byte — markup,
 * attributes, entities, the author's formatting — stays as written. No tree is built: the tree
 * builder clones formatting elements for misnested markup, and 19 KB of it held 68 MB. Memory
 * is linear in the input with a small constant (see BoundedTokenizer), and a body over
 * `maxHtmlBytes` is not read at all. Never throws on malformed HTML.
 */
export function rewriteHtml(html: string, options: RewriteOptions): RewriteResult {
  const addPixel = options.opens && options.pixelUrl !== null;
  if (!options.clicks && !addPixel) return { html, links: [] };
  if (Buffer.byteLength(html) > options.maxHtmlBytes) {
    return { html, links: [], skipped: `body larger than ${describeBytes(options.maxHtmlBytes)}: sent without tracking` };
  }

  const scan = new LinkScan(html, options);
  const edits = scan.run();
  if (addPixel) {
    // Before the document's last `</body>`, where the parser ends the body; without one, at the end,
    // which browsers still place inside the body.
    const at = scan.bodyEnd ?? html.length;
    edits.push({ start: at, end: at, text: openPixelHtml(options.pixelUrl!) });
  }
  return { html: applyEdits(html, edits), links: scan.links };
}

class LinkScan implements TokenHandler {
  readonly links: string[] = [];
  bodyEnd: number | null = null;
  private readonly edits: Edit[] = [];
  private readonly tokenizer = new BoundedTokenizer(this, { keptAttributes: KEPT_ATTRIBUTES, maxValueLength: MAX_TRACKED_LINK_LENGTH });
  private readonly context = new MarkupContext(this.tokenizer);
  private readonly publicBaseUrl: URL;

  constructor(
    private readonly html: string,
    private readonly options: RewriteOptions,
  ) {
    this.publicBaseUrl = new URL(options.publicBaseUrl);
  }

  run(): Edit[] {
    this.tokenizer.write(this.html, true);
    return this.edits;
  }

  onStartTag(token: Token.TagToken): void {
    this.context.startTag(token);
    if (!this.options.clicks || !this.context.inRenderedHtml) return;
    if (token.tagID !== $.A && token.tagID !== $.AREA) return;
    const edit = this.linkEdit(token);
    if (edit) this.edits.push(edit);
  }

  onEndTag(token: Token.TagToken): void {
    if (token.tagID === $.BODY && this.context.atTopLevel) this.bodyEnd = token.location!.startOffset;
    this.context.endTag(token);
  }

  private linkEdit(token: Token.TagToken): Edit | null {
    const href = token.attrs.find((attribute) => attribute.name === 'href');
    const location = token.location?.attrs?.href;
    if (!href || !location || href.value.length > MAX_TRACKED_LINK_LENGTH) return null;

    const url = trackableUrl(href.value, token.attrs, this.publicBaseUrl);
    if (url === null) return null;
    const source = this.html.slice(location.startOffset, location.endOffset);
    const replaced = replaceAttributeValue(source, this.options.clickUrl(this.links.length));
    if (replaced === null) return null;
    this.links.push(url);
    return { start: location.startOffset, end: location.endOffset, text: replaced };
  }

  onComment(): void {}
  onDoctype(): void {}
  onEof(): void {}
  onCharacter(): void {}
  onNullCharacter(): void {}
  onWhitespaceCharacter(): void {}
}

function applyEdits(html: string, edits: Edit[]): string {
  const ordered = [...edits].sort((a, b) => a.start - b.start);
  let output = '';
  let cursor = 0;
  for (const edit of ordered) {
    output += html.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return output + html.slice(cursor);
}
