import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { Repository } from 'typeorm';
import { Mailbox, MessageEntity } from '@app/database';
import { MessageLinksRepository } from '@app/messages';
import { parseTrackingToken, TrackingKind, WorkspaceTrackingKeys } from '@app/tracking';
import { andThen, MaybePromise } from './maybe-promise';

export interface VerifiedToken {
  message: TrackedMessage;
  linkIndex: number | null;
}

export interface TrackedMessage {
  id: string;
  workspaceId: string;
  key: Buffer;
  sentAt: Date | null;
  to: Mailbox[];
  listId: string | null;
  contactId: string | null;
  /** Loaded on the first click. */
  links?: string[];
  /** Clicks seen by this process, for spotting scanners that follow every link at once. */
  recentClicks: Array<{ at: Date; linkIndex: number }>;
}

/** What a token that verified says, remembered by its exact string. */
interface KnownToken {
  messageId: string;
  kind: TrackingKind;
  linkIndex: number | null;
}

/**
 * Tracking requests come in bursts for the same few messages (an image proxy, a scanner, a
 * person clicking twice), so what they need — the workspace key, delivery time and links — is
 * kept per message for a few minutes instead of being read from Postgres on every hit.
 */
@Injectable()
export class TrackedMessageCache {
  private readonly cache = new LRUCache<string, TrackedMessage>({ max: 20_000, ttl: 5 * 60_000 });
  /**
   * Tokens that verified, by their exact string. Workspace keys never change, so a string that
   * verified once verifies again: finding it here is as strict as recomputing its MAC, and saves
   * the HMAC on every repeat hit. Only verified tokens get in, so forged ones cannot crowd it.
   */
  private readonly knownTokens = new LRUCache<string, KnownToken>({ max: 50_000 });

  constructor(
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
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
      return andThen(this.get(known.messageId), (message) => message && { message, linkIndex: known.linkIndex });
    }
    const parsed = parseTrackingToken(token, kind);
    if (!parsed) return null;
    return andThen(this.get(parsed.messageId), (message) => {
      if (!message || !parsed.verify(message.key)) return null;
      this.knownTokens.set(token, { messageId: message.id, kind, linkIndex: parsed.linkIndex });
      return { message, linkIndex: parsed.linkIndex };
    });
  }

  private get(messageId: string): MaybePromise<TrackedMessage | null> {
    return this.cache.get(messageId) ?? this.load(messageId);
  }

  private async load(messageId: string): Promise<TrackedMessage | null> {
    const row = await this.messages.findOne({
      where: { id: messageId },
      select: { id: true, workspaceId: true, sentAt: true, to: true, listId: true, contactId: true },
    });
    if (!row) return null;
    const key = await this.keys.keyOf(row.workspaceId);
    if (!key) return null;
    const tracked: TrackedMessage = { ...row, key, recentClicks: [] };
    this.cache.set(messageId, tracked);
    return tracked;
  }

  linksOf(message: TrackedMessage): MaybePromise<string[]> {
    return message.links ?? this.loadLinks(message);
  }

  private async loadLinks(message: TrackedMessage): Promise<string[]> {
    message.links = await this.links.of(message.id);
    return message.links;
  }
}
