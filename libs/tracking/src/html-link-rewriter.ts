import { html as htmlSpec, parse, type DefaultTreeAdapterTypes, type Token } from 'parse5';
import { replaceAttributeValue } from './html-attribute';
import { trackableUrl } from './link-policy';
import { openPixelHtml } from './open-pixel';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;
type Location = Token.Location;

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
}

export interface RewriteResult {
  html: string;
  /**
   * `links[i]` is the original, entity-decoded URL behind click index i. Every tracked occurrence
   * gets its own index, even when two links share a URL, so a report can tell the header's
   * "Shop now" from the footer's, and "every link was clicked" counts what a scanner walks.
   */
  links: string[];
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const LINK_TAGS = new Set(['a', 'area']);

/**
 * Rewrites `<a href>` / `<area href>` for click tracking and adds the open pixel. The HTML is
 * parsed by parse5 (the WHATWG algorithm browsers use) only to find where things are; the output
 * is the original string with just those href values spliced in, so every other byte — markup,
 * attributes, entities, the author's formatting — stays as written. Never throws on malformed
 * HTML: parse5 recovers from anything, as browsers do.
 */
export function rewriteHtml(html: string, options: RewriteOptions): RewriteResult {
  const addPixel = options.opens && options.pixelUrl !== null;
  if (!options.clicks && !addPixel) return { html, links: [] };

  const publicBaseUrl = new URL(options.publicBaseUrl);
  const document = parse(html, { sourceCodeLocationInfo: true });
  const links: string[] = [];
  const edits: Edit[] = [];
  let body: Element | null = null;

  // When misnested markup closes an <a> early (`<p><a href=…>x</p>y`), the parser re-opens it
  // as a copy that points at the same source attribute; each source attribute is edited once.
  const seenHrefs = new Set<number>();
  for (const element of elementsInOrder(document)) {
    if (element.namespaceURI !== htmlSpec.NS.HTML) continue;
    if (element.tagName === 'body') body = element;
    if (!options.clicks || !LINK_TAGS.has(element.tagName)) continue;
    const hrefLocation = element.sourceCodeLocation?.attrs?.href;
    if (!hrefLocation || seenHrefs.has(hrefLocation.startOffset)) continue;
    seenHrefs.add(hrefLocation.startOffset);
    const edit = linkEdit(html, element, hrefLocation, publicBaseUrl, options.clickUrl, links);
    if (edit) edits.push(edit);
  }

  if (addPixel) {
    // A body opened implicitly (text or a byte-order mark before `<body>`) has no source location;
    // the pixel is then appended, which browsers still place inside the body.
    const bodyEnd = body?.sourceCodeLocation?.endTag?.startOffset ?? html.length;
    edits.push({ start: bodyEnd, end: bodyEnd, text: openPixelHtml(options.pixelUrl!) });
  }

  return { html: applyEdits(html, edits), links };
}

function linkEdit(
  html: string,
  element: Element,
  location: Location,
  publicBaseUrl: URL,
  clickUrl: RewriteOptions['clickUrl'],
  links: string[],
): Edit | null {
  const href = element.attrs.find((attribute) => attribute.name === 'href');
  if (!href) return null;

  const url = trackableUrl(href.value, element.attrs, publicBaseUrl);
  if (url === null) return null;
  const source = html.slice(location.startOffset, location.endOffset);
  const replaced = replaceAttributeValue(source, clickUrl(links.length));
  if (replaced === null) return null;
  links.push(url);
  return { start: location.startOffset, end: location.endOffset, text: replaced };
}

/**
 * Depth-first, document order, without recursion: a mail of ten thousand nested tags must not
 * overflow the stack. `<template>` content is not rendered by mail clients and is not visited.
 */
function* elementsInOrder(root: Node): Generator<Element> {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ('tagName' in node) yield node;
    if ('childNodes' in node) {
      for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
    }
  }
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
