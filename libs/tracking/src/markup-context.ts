import { foreignContent, html, TokenizerMode, type Token, type Tokenizer } from 'parse5';

const $ = html.TAG_ID;

type TokenizerState = (typeof TokenizerMode)[keyof typeof TokenizerMode];

/** Elements whose content the tree builder has the tokenizer read as text (HTML § 13.2.6.4.7, scripting on, as parse5 parses). */
const TEXT_CONTENT = new Map<html.TAG_ID, TokenizerState>([
  [$.TITLE, TokenizerMode.RCDATA],
  [$.TEXTAREA, TokenizerMode.RCDATA],
  [$.SCRIPT, TokenizerMode.SCRIPT_DATA],
  [$.STYLE, TokenizerMode.RAWTEXT],
  [$.IFRAME, TokenizerMode.RAWTEXT],
  [$.XMP, TokenizerMode.RAWTEXT],
  [$.NOEMBED, TokenizerMode.RAWTEXT],
  [$.NOFRAMES, TokenizerMode.RAWTEXT],
  [$.NOSCRIPT, TokenizerMode.RAWTEXT],
  [$.PLAINTEXT, TokenizerMode.PLAINTEXT],
]);

// Past these, nesting is counted rather than remembered, so memory stays bounded whatever the input.
const MAX_NESTED_CONTEXTS = 16;
const MAX_OPEN_NAMES = 256;

interface Context {
  ns: html.NS;
  /** The end tag that closes it: `svg`, `math`, or the integration point's own name. */
  closer: string;
  /** Names of the foreign elements open inside it, innermost last. */
  open: string[];
  /** Elements opened past MAX_OPEN_NAMES (or contexts past MAX_NESTED_CONTEXTS), by count only. */
  deeper: number;
}

/**
 * What a tokenizer needs from tree construction, without the tree: the elements whose content is
 * text (so `<a>` inside `<textarea>` or `<script>` is not a link), where SVG and MathML begin
 * and end (their `<a>` is not an HTML link; CDATA sections are allowed there), and `<template>`
 * content, which mail clients do not render. It remembers no HTML element, so misnested markup
 * costs nothing: the tree builder's adoption agency and formatting-element reconstruction, which
 * clone elements, are exactly what this leaves out. Where malformed markup would need the
 * open-element stack to decide, it errs towards HTML.
 */
export class MarkupContext {
  private readonly contexts: Context[] = [];
  private templates = 0;

  constructor(private readonly tokenizer: Tokenizer) {}

  /** True for a tag of an HTML element a mail client renders (not foreign, not inside `<template>`). */
  get inRenderedHtml(): boolean {
    return this.templates === 0 && this.namespace === html.NS.HTML;
  }

  /** Outside any SVG, MathML or template: where the document's own `</body>` is. */
  get atTopLevel(): boolean {
    return this.templates === 0 && this.contexts.length === 0;
  }

  private get namespace(): html.NS {
    return this.contexts.at(-1)?.ns ?? html.NS.HTML;
  }

  /** Call for every start tag, before looking at it; `inRenderedHtml` then describes that tag. */
  startTag(token: Token.TagToken): void {
    if (this.namespace !== html.NS.HTML) {
      if (!foreignContent.causesExit(token)) return this.foreignStartTag(token, this.contexts.at(-1)!);
      this.leaveForeignContent();
    }
    switch (token.tagID) {
      case $.SVG:
        if (!token.selfClosing) this.enter(html.NS.SVG, 'svg');
        return;
      case $.MATH:
        if (!token.selfClosing) this.enter(html.NS.MATHML, 'math');
        return;
      case $.TEMPLATE:
        this.templates++;
        return;
      default: {
        const state = TEXT_CONTENT.get(token.tagID);
        if (state !== undefined) this.tokenizer.state = state;
      }
    }
  }

  endTag(token: Token.TagToken): void {
    const context = this.contexts.at(-1);
    if (this.namespace === html.NS.HTML) {
      if (context && token.tagName === context.closer) this.leave();
      else if (token.tagID === $.TEMPLATE && this.templates > 0) this.templates--;
      return;
    }
    if (token.tagName === context!.closer) return this.leave();
    // `</p>` and `</br>` break out of foreign content (HTML § 13.2.6.5); any other end tag that
    // closes no element opened inside it belongs to an HTML element around it, which it closes.
    if (token.tagID === $.P || token.tagID === $.BR) return this.leaveForeignContent();
    if (context!.deeper > 0) {
      context!.deeper--;
      return;
    }
    const open = context!.open.lastIndexOf(token.tagName);
    if (open >= 0) context!.open.length = open;
    else this.leaveForeignContent();
  }

  private foreignStartTag(token: Token.TagToken, context: Context): void {
    if (context.ns === html.NS.SVG) foreignContent.adjustTokenSVGTagName(token);
    if (token.selfClosing) return;
    if (token.tagID === $.SVG) this.enter(html.NS.SVG, 'svg');
    else if (token.tagID === $.MATH) this.enter(html.NS.MATHML, 'math');
    else if (foreignContent.isIntegrationPoint(token.tagID, context.ns, token.attrs)) this.enter(html.NS.HTML, token.tagName.toLowerCase());
    else if (context.open.length < MAX_OPEN_NAMES) context.open.push(token.tagName.toLowerCase());
    else context.deeper++;
  }

  private enter(ns: html.NS, closer: string): void {
    if (this.contexts.length >= MAX_NESTED_CONTEXTS) {
      this.contexts.at(-1)!.deeper++;
      return;
    }
    this.contexts.push({ ns, closer, open: [], deeper: 0 });
    this.tokenizer.inForeignNode = ns !== html.NS.HTML;
  }

  private leave(): void {
    this.contexts.pop();
    this.tokenizer.inForeignNode = this.namespace !== html.NS.HTML;
  }

  private leaveForeignContent(): void {
    while (this.namespace !== html.NS.HTML) this.leave();
  }
}
