import { Tokenizer, type Token, type TokenHandler } from 'parse5';

/** Longer than any tag or attribute name the link rewriter looks for. */
const MAX_NAME_LENGTH = 32;

/*
 * parse5's tokenizer builds every name, value, comment and run of text one character at a time
 * (`s += ch`). V8 keeps such a string as a chain of 32-byte cons cells until something flattens
 * it, so a 5 MB comment, attribute or paragraph held 160 MB while it was being read. The classes
 * below stand in for parse5's token objects: they keep what the rewriter reads, capped, and drop
 * the rest as it arrives, so the tokenizer's memory no longer grows with what it discards.
 */

/** A name keeps at most MAX_NAME_LENGTH + 1 characters: longer means "none of the names we look for". */
function capName(next: string, current: string): string {
  return next.length <= MAX_NAME_LENGTH + 1 ? next : current;
}

class BoundedAttribute implements Token.Attribute {
  private nameSoFar: string;
  private valueSoFar = '';
  private kept: boolean | undefined;

  constructor(
    first: string,
    private readonly keep: (name: string) => boolean,
    private readonly maxValueLength: number,
  ) {
    this.nameSoFar = first;
  }

  get name(): string {
    return this.nameSoFar;
  }
  set name(next: string) {
    this.nameSoFar = capName(next, this.nameSoFar);
  }

  get value(): string {
    return this.valueSoFar;
  }
  /** The name is complete before the value starts; a kept value longer than the cap ends one character past it. */
  set value(next: string) {
    this.kept ??= this.keep(this.nameSoFar);
    if (this.kept && next.length <= this.maxValueLength + 1) this.valueSoFar = next;
  }
}

class BoundedTag implements Token.TagToken {
  tagID: Token.TagToken['tagID'];
  selfClosing = false;
  ackSelfClosing = false;
  attrs: Token.Attribute[] = [];
  private nameSoFar = '';

  constructor(
    readonly type: Token.TagToken['type'],
    public location: Token.LocationWithAttributes | null,
    from: Token.TagToken,
  ) {
    this.tagID = from.tagID;
  }

  get tagName(): string {
    return this.nameSoFar;
  }
  set tagName(next: string) {
    this.nameSoFar = capName(next, this.nameSoFar);
  }
}

class DiscardedComment implements Token.CommentToken {
  readonly type: Token.CommentToken['type'];
  location: Token.Location | null;

  constructor(from: Token.CommentToken) {
    this.type = from.type;
    this.location = from.location;
  }

  get data(): string {
    return '';
  }
  set data(_ignored: string) {}
}

class DiscardedDoctype implements Token.DoctypeToken {
  readonly type: Token.DoctypeToken['type'];
  location: Token.Location | null;
  forceQuirks = false;

  constructor(from: Token.DoctypeToken) {
    this.type = from.type;
    this.location = from.location;
  }

  get name(): string | null {
    return null;
  }
  set name(_ignored: string | null) {}
  get publicId(): string | null {
    return null;
  }
  set publicId(_ignored: string | null) {}
  get systemId(): string | null {
    return null;
  }
  set systemId(_ignored: string | null) {}
}

export interface BoundedTokenizerOptions {
  /** Attributes whose values are kept (and pushed on the tag); all others are read and dropped. */
  keptAttributes: ReadonlySet<string>;
  /** A kept value longer than this arrives one character longer than it, and no longer. */
  maxValueLength: number;
}

/**
 * parse5's own tokenizer (the WHATWG rules, source offsets included) whose memory does not grow
 * with the input: text, comments and doctypes are dropped as they are read, names are capped,
 * and only the named attributes are kept, each capped. Character tokens still arrive (with
 * their locations), but with only their first characters.
 */
export class BoundedTokenizer extends Tokenizer {
  constructor(
    handler: TokenHandler,
    private readonly bounds: BoundedTokenizerOptions,
  ) {
    super({ sourceCodeLocationInfo: true }, handler);
  }

  private readonly keep = (name: string): boolean => this.bounds.keptAttributes.has(name);

  protected override _createStartTagToken(): void {
    super._createStartTagToken();
    const token = this.currentToken as Token.TagToken;
    this.currentToken = new BoundedTag(token.type, token.location, token);
  }

  protected override _createEndTagToken(): void {
    super._createEndTagToken();
    const token = this.currentToken as Token.TagToken;
    this.currentToken = new BoundedTag(token.type, token.location, token);
  }

  protected override _createCommentToken(offset: number): void {
    super._createCommentToken(offset);
    this.currentToken = new DiscardedComment(this.currentToken as Token.CommentToken);
  }

  protected override _createDoctypeToken(initialName: string | null): void {
    super._createDoctypeToken(initialName);
    this.currentToken = new DiscardedDoctype(this.currentToken as Token.DoctypeToken);
  }

  protected override _createAttr(attrNameFirstCh: string): void {
    super._createAttr(attrNameFirstCh);
    this.currentAttr = new BoundedAttribute(attrNameFirstCh, this.keep, this.bounds.maxValueLength);
  }

  /** Only kept attributes are pushed on the tag (with their source locations). */
  protected override _leaveAttrName(): void {
    if (this.keep(this.currentAttr.name)) super._leaveAttrName();
  }

  /** A run of text of one kind is one token, as before, but only its first characters are kept. */
  protected override _appendCharToCurrentCharacterToken(type: Token.CharacterToken['type'], ch: string): void {
    if (this.currentCharacterToken?.type === type) return;
    super._appendCharToCurrentCharacterToken(type, ch);
  }
}
