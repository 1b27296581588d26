import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { Repository } from 'typeorm';
import { Mailbox, MessageEntity } from '@app/database';
import { MessageLinksRepository } from '@app/messages';
import { parseTrackingToken, TrackingKind, WorkspaceTrackingKeys } from '@app/tracking';

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

/**
 * Tracking requests come in bursts for the same few messages (an image proxy, a scanner, a
 * person clicking twice), so what they need — the workspace key, delivery time and links — is
 * kept per message for a few minutes instead of being read from Postgres on every hit.
 */
@Injectable()
export class TrackedMessageCache {
  private readonly cache = new LRUCache<string, TrackedMessage>({ max: 20_000, ttl: 5 * 60_000 });

  constructor(
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    private readonly links: MessageLinksRepository,
    private readonly keys: WorkspaceTrackingKeys,
  ) {}

  /**
   * The message a token names, if the token verifies under that message's workspace key. A token
   * that does not verify is treated exactly like an unknown one.
   */
  async verify(token: string, kind: TrackingKind): Promise<VerifiedToken | null> {
    const parsed = parseTrackingToken(token, kind);
    if (!parsed) return null;
    const message = await this.get(parsed.messageId);
    return message && parsed.verify(message.key) ? { message, linkIndex: parsed.linkIndex } : null;
  }

  private async get(messageId: string): Promise<TrackedMessage | null> {
    const cached = this.cache.get(messageId);
    if (cached) return cached;
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

  async linksOf(message: TrackedMessage): Promise<string[]> {
    message.links ??= await this.links.of(message.id);
    return message.links;
  }
}
