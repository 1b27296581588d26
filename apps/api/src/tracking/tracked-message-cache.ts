import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { MessageLinksRepository, MessagesRepository, TrackedMessageRow } from '@app/messages';
import { parseTrackingToken, redirectableUrl, TrackingKind, WorkspaceTrackingKeys } from '@app/tracking';
import { andThen, MaybePromise } from './maybe-promise';

export interface VerifiedToken {
  message: TrackedMessage;
  linkIndex: number | null;
}

export interface TrackedMessage extends TrackedMessageRow {
  key: Buffer;
  /** Read again from Postgres after this time (epoch ms), so a delivery time or a deletion shows. */
  freshUntil: number;
  /** Loaded on the first click, as redirect targets; null for a stored link that does not parse. */
  links?: Array<string | null>;
  /** Clicks seen by this process, for spotting scanners that follow every link at once. */
  recentClicks: Array<{ at: Date; linkIndex: number }>;
}

/** What a token that verified says, remembered by its exact string. */
interface KnownToken extends VerifiedToken {
  kind: TrackingKind;
}

const FRESH_FOR_MS = 5 * 60_000;

/**
 * Tracking requests come in bursts for the same few messages (an image proxy, a scanner, a
 * person clicking twice), so what they need — the workspace key, delivery time and links — is
 * kept per message for a few minutes instead of being read from Postgres on every hit.
 */
@Injectable()
export class TrackedMessageCache {
  private readonly messagesById = new LRUCache<string, TrackedMessage>({ max: 20_000 });
  /**
   * Tokens that verified, by their exact string, with the message they name: a repeat hit is one
   * lookup. Workspace keys never change, so a string that verified once verifies again: finding
   * it here is as strict as recomputing its MAC. Only verified tokens get in, so forged ones
   * cannot crowd it.
   */
  private readonly knownTokens = new LRUCache<string, KnownToken>({ max: 50_000 });

  constructor(
    private readonly messages: MessagesRepository,
    private readonly links: MessageLinksRepository,
    private readonly keys: WorkspaceTrackingKeys,
  ) {}

  /**
   * The message a token names, if the token verifies under that message's workspace key. A token
   * that does not verify is treated exactly like an unknown one. Answers at once, without a
   * promise, when the token and its message are in memory.
   */
  verify(token: string, kind: TrackingKind): MaybePromise<VerifiedToken | null> {
    const known = this.knownTokens.get(token);
    if (known) {
      if (known.kind !== kind) return null;
      if (known.message.freshUntil > Date.now()) return known;
      return andThen(this.get(known.message.id), (message) => message && this.remember(token, kind, message, known.linkIndex));
    }
    const parsed = parseTrackingToken(token, kind);
    if (!parsed) return null;
    return andThen(this.get(parsed.messageId), (message) =>
      message && parsed.verify(message.key) ? this.remember(token, kind, message, parsed.linkIndex) : null,
    );
  }

  private remember(token: string, kind: TrackingKind, message: TrackedMessage, linkIndex: number | null): KnownToken {
    const known = { kind, message, linkIndex };
    this.knownTokens.set(token, known);
    return known;
  }

  private get(messageId: string): MaybePromise<TrackedMessage | null> {
    const cached = this.messagesById.get(messageId);
    return cached && cached.freshUntil > Date.now() ? cached : this.load(messageId);
  }

  private async load(messageId: string): Promise<TrackedMessage | null> {
    const row = await this.messages.findForTracking(messageId);
    if (!row) return null;
    const key = await this.keys.keyOf(row.workspaceId);
    if (!key) return null;
    const tracked: TrackedMessage = { ...row, key, freshUntil: Date.now() + FRESH_FOR_MS, recentClicks: [] };
    this.messagesById.set(messageId, tracked);
    return tracked;
  }

  linksOf(message: TrackedMessage): MaybePromise<Array<string | null>> {
    return message.links ?? this.loadLinks(message);
  }

  /** Serialised once per load, not per click: rows stored before links were stored serialised need it. */
  private async loadLinks(message: TrackedMessage): Promise<Array<string | null>> {
    message.links = (await this.links.of(message.id)).map(redirectableUrl);
    return message.links;
  }
}
