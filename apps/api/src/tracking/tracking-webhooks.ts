import { Injectable } from '@nestjs/common';
import { eventKind, MessageEventsRepository, MessagesRepository, NewMessageEvent } from '@app/messages';
import { messageEvent, WebhookEvent, WebhookSubscriptions } from '@app/webhooks';

const WEBHOOK_TYPE = { open: 'message.opened', click: 'message.clicked' } as const;
type TrackedEvent = NewMessageEvent & { type: keyof typeof WEBHOOK_TYPE };

const isTracked = (event: NewMessageEvent): event is TrackedEvent => event.type === 'open' || event.type === 'click';

/**
 * Opens and clicks as webhooks, every occurrence, each saying whether a machine made it (and
 * why we think so) and whether it is the message's first of its kind: no earlier open (or click)
 * with the same `bot` flag, so a person's first open is `first` even after Apple's proxy fetched
 * the pixel. Decided per batch, before the batch's own events are written; two API processes
 * writing the same message's events at the same instant may both call theirs first.
 */
@Injectable()
export class TrackingWebhooks {
  constructor(
    private readonly subscriptions: WebhookSubscriptions,
    private readonly messages: MessagesRepository,
    private readonly events: MessageEventsRepository,
  ) {}

  /**
   * Whether a batch must keep the event beside its encoded row: its workspace has an endpoint
   * for its type, or the workspace is not known yet (then this starts finding out, and the
   * write decides). Answers at once, so the request path never waits for it.
   */
  mayWant(event: NewMessageEvent): boolean {
    if (!isTracked(event)) return false;
    const answer = this.subscriptions.wants(event.workspaceId, WEBHOOK_TYPE[event.type]);
    if (answer instanceof Promise) {
      // The write asks again and reports a failure; here it only warms the cache.
      answer.catch(() => undefined);
      return true;
    }
    return answer;
  }

  /** The webhook events for a batch's kept events, in order; none when no endpoint takes them. */
  async of(kept: NewMessageEvent[]): Promise<WebhookEvent[]> {
    const tracked = kept.filter(isTracked).map((event) => ({ workspaceId: event.workspaceId, type: WEBHOOK_TYPE[event.type], event }));
    const wanted = await this.subscriptions.filter(tracked);
    if (wanted.length === 0) return [];
    const ids = wanted.map(({ event }) => event.messageId);
    const [subjects, seen] = await Promise.all([this.messages.webhookSubjects(ids), this.events.kindsSeen(ids, ['open', 'click'])]);
    const byId = new Map(subjects.map((subject) => [subject.id, subject]));
    return wanted.flatMap(({ type, event }) => {
      const subject = byId.get(event.messageId);
      if (!subject) return [];
      const kind = eventKind(event.messageId, event.type, event.bot ?? false);
      const first = !seen.has(kind);
      seen.add(kind);
      const fields = { bot: event.bot ?? false, botReason: event.detail ?? null, first, userAgent: event.userAgent ?? null };
      return [messageEvent(type, subject, type === 'message.clicked' ? { url: event.url, ...fields } : fields, event.at)];
    });
  }
}
