import { Injectable } from '@nestjs/common';
import { MessageEventsRepository, MessagesRepository } from '@app/messages';
import { ListMembershipsRepository, ListsRepository, SuppressionsRepository } from '@app/marketing';
import { messageEvent, WebhookOutbox, WebhookSubscriptions } from '@app/webhooks';
import { trustedWorkspaceId } from '@app/workspace-id';
import { TrackedMessage, TrackedMessageCache } from './tracked-message-cache';

export interface Unsubscription {
  emails: string[];
  /** The list the mail came from; null means the workspace's marketing mail as a whole. */
  listName: string | null;
}

/**
 * RFC 8058 one-click unsubscribe. Looking at the link changes nothing (mail scanners fetch
 * links); a POST unsubscribes at once: the recipients go on the suppression list (for the
 * broadcast's list, or the whole workspace) and their list membership becomes unsubscribed, in
 * one transaction with the message's event and its `message.unsubscribed` webhook.
 */
@Injectable()
export class UnsubscribeService {
  constructor(
    private readonly messages: TrackedMessageCache,
    private readonly suppressions: SuppressionsRepository,
    private readonly memberships: ListMembershipsRepository,
    private readonly lists: ListsRepository,
    private readonly events: MessageEventsRepository,
    private readonly messageRows: MessagesRepository,
    private readonly outbox: WebhookOutbox,
    private readonly subscriptions: WebhookSubscriptions,
  ) {}

  /** Who the link would unsubscribe, or null for a link that is not ours. */
  async preview(token: string): Promise<Unsubscription | null> {
    const verified = await this.messages.verify(token, 'unsubscribe');
    return verified && this.describe(verified.message);
  }

  async unsubscribe(token: string): Promise<Unsubscription | null> {
    const verified = await this.messages.verify(token, 'unsubscribe');
    if (!verified) return null;
    const { message } = verified;
    const workspaceId = trustedWorkspaceId(message.workspaceId);
    const emails = message.to.map((mailbox) => mailbox.email);
    const [subject] = (await this.subscriptions.wants(workspaceId, 'message.unsubscribed'))
      ? await this.messageRows.webhookSubjects([message.id])
      : [];
    await this.outbox.run(async (manager, emit) => {
      await this.suppressions.add(
        workspaceId,
        emails.map((email) => ({ email, reason: 'unsubscribe' as const, listId: message.listId, messageId: message.id })),
        manager,
      );
      if (message.listId && message.contactId) {
        await this.memberships.setStatus(workspaceId, message.listId, message.contactId, 'unsubscribed', manager);
      }
      await this.events.insertMany([{ workspaceId, messageId: message.id, type: 'unsubscribe', detail: emails.join(', ') }], manager);
      if (subject) emit(messageEvent('message.unsubscribed', subject, { emails, listId: message.listId }));
    });
    return this.describe(message);
  }

  private async describe(message: TrackedMessage): Promise<Unsubscription> {
    if (!message.listId) return { emails: message.to.map((mailbox) => mailbox.email), listName: null };
    const list = await this.lists.findById(trustedWorkspaceId(message.workspaceId), message.listId);
    return { emails: message.to.map((mailbox) => mailbox.email), listName: list?.name ?? null };
  }
}
